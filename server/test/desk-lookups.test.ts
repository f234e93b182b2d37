import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NumberAgent } from '../../shared/api/lookups';
import type { Ticket } from '../../shared/api/tickets';
import { dbKinds } from './databases';
import { ApiClient, customerWrites, openSocket, seedOrg, startTestServer, type Seed, type TestServer } from './harness';

const SETUP_MS = 120_000;
type Page<T> = { items: T[] };

/** The desk's look-ups: transfer targets, tags, and a contact's earlier tickets (SPEC ATD-2, G3). */
describe.each(dbKinds)('desk look-ups (%s)', (kind) => {
  let server: TestServer;
  let seed: Seed;
  let ana: ApiClient, bruno: ApiClient, carla: ApiClient, sup: ApiClient, manager: ApiClient, outsider: ApiClient;

  const stored = async (phoneNumberId: string, waId: string, text: string) => {
    const r = await customerWrites(server.app, server.clock, phoneNumberId, waId, text);
    if (r.outcome !== 'stored') throw new Error(`inbound not stored: ${r.outcome}`);
    return r;
  };

  beforeAll(async () => {
    server = await startTestServer(kind);
    seed = await seedOrg(server.app);
    const login = (name: string) => ApiClient.login(server.url, `${name}@acme.test`);
    [ana, bruno, carla, sup, manager, outsider] = await Promise.all(['ana', 'bruno', 'carla', 'sup', 'manager', 'outsider'].map(login)) as [ApiClient, ApiClient, ApiClient, ApiClient, ApiClient, ApiClient];
  }, SETUP_MS);
  afterAll(() => server?.close());

  it('lists the tags of the numbers the caller may access, or of one number', async () => {
    const names = async (client: ApiClient, query = '') => {
      const res = await client.get<Page<{ name: string }>>(`/api/v1/tags${query}`);
      expect(res.status).toBe(200);
      return res.body.items.map((t) => t.name);
    };
    expect(await names(ana)).toEqual(['Dúvida', 'Venda']);
    expect(await names(carla)).toEqual(['Resolvido']);
    expect(await names(manager)).toEqual(['Dúvida', 'Resolvido', 'Venda']);
    expect(await names(manager, `?numberId=${seed.numberB.numberId}`)).toEqual(['Resolvido']);
    expect(await names(outsider)).toEqual([]);

    const foreign = await ana.get<{ error: { code: string } }>(`/api/v1/tags?numberId=${seed.numberB.numberId}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('not_found');
    expect((await ana.get('/api/v1/tags?numberId=not-an-id')).status).toBe(400);
  });

  it("lists a contact's tickets latest first, only those the caller may see", async () => {
    // First ticket: handed to bruno and closed by him. Second: the customer writes again and waits.
    const first = await stored('pn-a', '5511933330001', 'Quero comprar');
    expect((await sup.post(`/api/v1/tickets/${first.ticketId}/transfer`, { toUserId: seed.users.bruno })).status).toBe(200);
    expect((await bruno.post(`/api/v1/tickets/${first.ticketId}/close`, { tags: ['Venda'] })).status).toBe(200);
    server.clock.advance(60_000);
    const second = await stored('pn-a', '5511933330001', 'Voltei, tenho outra dúvida');
    expect(second.ticketId).not.toBe(first.ticketId);
    const contactId = (await sup.get<Ticket>(`/api/v1/tickets/${second.ticketId}`)).body.contact.id;

    const history = async (client: ApiClient) => {
      const res = await client.get<Page<Ticket>>(`/api/v1/contacts/${contactId}/tickets`);
      expect(res.status).toBe(200);
      return res.body.items;
    };
    const full = await history(sup);
    expect(full.map((t) => t.id)).toEqual([second.ticketId, first.ticketId]);
    expect(full[1]).toMatchObject({ state: 'closed', tags: ['Venda'], assigneeId: seed.users.bruno, contact: { id: contactId } });
    expect((await history(manager)).map((t) => t.id)).toEqual([second.ticketId, first.ticketId]);
    expect((await history(bruno)).map((t) => t.id)).toEqual([second.ticketId, first.ticketId]);
    // Ana serves the number but the closed ticket was bruno's: only the waiting one.
    expect((await history(ana)).map((t) => t.id)).toEqual([second.ticketId]);

    for (const client of [carla, outsider]) {
      const res = await client.get<{ error: { code: string } }>(`/api/v1/contacts/${contactId}/tickets`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect((await sup.get(`/api/v1/contacts/${seed.numberA.numberId}/tickets`)).status).toBe(404);
  });

  it("lists a number's agents with their status and whether routing reaches them", async () => {
    const agents = async (client: ApiClient, numberId = seed.numberA.numberId) => {
      const res = await client.get<Page<NumberAgent>>(`/api/v1/numbers/${numberId}/agents`);
      expect(res.status).toBe(200);
      return res.body.items;
    };
    expect(await agents(ana)).toEqual([
      { id: seed.users.ana, name: 'ana', status: 'invisible', online: false },
      { id: seed.users.bruno, name: 'bruno', status: 'invisible', online: false },
      { id: seed.users.sup, name: 'sup', status: 'invisible', online: false },
    ]);

    // Bruno goes online with the desk open; ana switches to online but has no desk connected.
    const live = await openSocket(server.url, bruno.token);
    try {
      expect((await bruno.call('PUT', '/api/v1/me/status', { status: 'online' })).status).toBe(200);
      expect((await ana.call('PUT', '/api/v1/me/status', { status: 'online' })).status).toBe(200);
      const now = await agents(manager);
      expect(now.find((a) => a.id === seed.users.bruno)).toEqual({ id: seed.users.bruno, name: 'bruno', status: 'online', online: true });
      expect(now.find((a) => a.id === seed.users.ana)).toEqual({ id: seed.users.ana, name: 'ana', status: 'online', online: false });
    } finally {
      live.socket.close();
    }

    expect((await agents(carla, seed.numberB.numberId)).map((a) => a.id)).toEqual([seed.users.carla]);
    for (const client of [carla, outsider]) {
      const res = await client.get<{ error: { code: string } }>(`/api/v1/numbers/${seed.numberA.numberId}/agents`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
  });
});
