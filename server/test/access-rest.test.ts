import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeResponse, NumberInfo } from '../../shared/api/auth';
import type { Message } from '../../shared/api/messages';
import type { Note } from '../../shared/api/notes';
import type { SyncResponse } from '../../shared/api/sync';
import type { Ticket } from '../../shared/api/tickets';
import { removeNumberAgent } from '../services/organization';
import { dbKinds } from './databases';
import { ApiClient, customerWrites, openSocket, seedOrg, startTestServer, type Seed, type TestServer } from './harness';

/** Booting a server (migrations) and seeding it is slow on a busy machine, PGlite most of all. */
const SETUP_MS = 120_000;

type ApiErrorBody = { error: { code: string } };
type Page<T> = { items: T[] };

/** SPEC G3 over REST: who may read and change which tickets, messages, notes and contacts. */
describe.each(dbKinds)('REST access control (%s)', (kind) => {
  let server: TestServer;
  let seed: Seed;
  let ana: ApiClient, bruno: ApiClient, carla: ApiClient, sup: ApiClient, manager: ApiClient, outsider: ApiClient;
  /** A ticket of number A that routing gave to bruno, with bruno's reply and note on it. */
  let brunos: { ticketId: string; contactId: string };
  /** A ticket of number A still waiting in the queue. */
  let waiting: { ticketId: string };
  /** A ticket of number B (carla's number), with carla's notes on it and on its contact. */
  let other: { ticketId: string; contactId: string; messageId: string };

  const ticketsOf = async (client: ApiClient, numberId: string, state?: 'waiting' | 'open' | 'closed') => {
    const res = await client.get<Page<Ticket>>(`/api/v1/tickets?numberId=${numberId}${state ? `&state=${state}` : ''}`);
    expect(res.status).toBe(200);
    return res.body.items.map((t) => t.id);
  };
  const expectNotFound = (res: { status: number; body: unknown }) => {
    expect(res.status).toBe(404);
    expect((res.body as ApiErrorBody).error.code).toBe('not_found');
  };

  beforeAll(async () => {
    server = await startTestServer(kind);
    seed = await seedOrg(server.app);
    const login = (name: string) => ApiClient.login(server.url, `${name}@acme.test`);
    [ana, bruno, carla, sup, manager, outsider] = await Promise.all([login('ana'), login('bruno'), login('carla'), login('sup'), login('manager'), login('outsider')]);

    // Routing gives the next ticket of A to bruno: online, with an open socket, the only such agent.
    const brunoLive = await openSocket(server.url, bruno.token);
    expect((await bruno.call('PUT', '/api/v1/me/status', { status: 'online' })).status).toBe(200);
    const routed = await customerWrites(server.app, server.clock, 'pn-a', '5511911110001', 'Quero um orçamento');
    if (routed.outcome !== 'stored') throw new Error(`inbound not stored: ${routed.outcome}`);
    const assigned = await bruno.get<Ticket>(`/api/v1/tickets/${routed.ticketId}`);
    expect(assigned.body).toMatchObject({ state: 'open', assigneeId: seed.users.bruno });
    brunos = { ticketId: routed.ticketId, contactId: assigned.body.contact.id };
    expect((await bruno.post(`/api/v1/tickets/${brunos.ticketId}/messages`, { type: 'text', text: 'Claro, já preparo.' })).status).toBe(201);
    expect((await bruno.post(`/api/v1/tickets/${brunos.ticketId}/notes`, { text: 'Cliente quer desconto' })).status).toBe(201);
    // From now on nobody of A is available, so the next ticket of A stays in the queue.
    expect((await bruno.call('PUT', '/api/v1/me/status', { status: 'paused' })).status).toBe(200);
    brunoLive.socket.close();

    const queued = await customerWrites(server.app, server.clock, 'pn-a', '5511911110002', 'Alguém aí?');
    if (queued.outcome !== 'stored') throw new Error(`inbound not stored: ${queued.outcome}`);
    waiting = { ticketId: queued.ticketId };

    const onB = await customerWrites(server.app, server.clock, 'pn-b', '5511922220001', 'Meu pedido não chegou');
    if (onB.outcome !== 'stored') throw new Error(`inbound not stored: ${onB.outcome}`);
    const ticketB = await carla.get<Ticket>(`/api/v1/tickets/${onB.ticketId}`);
    other = { ticketId: onB.ticketId, contactId: ticketB.body.contact.id, messageId: onB.messageId };
    expect((await carla.post(`/api/v1/tickets/${other.ticketId}/notes`, { text: 'Pedido 123' })).status).toBe(201);
    expect((await carla.post(`/api/v1/contacts/${other.contactId}/notes`, { text: 'Cliente VIP' })).status).toBe(201);
  }, SETUP_MS);
  afterAll(() => server?.close());

  it('an agent of number A can neither read nor change anything of number B', async () => {
    const reads = [
      `/api/v1/tickets/${other.ticketId}`,
      `/api/v1/tickets/${other.ticketId}/messages`,
      `/api/v1/tickets/${other.ticketId}/notes`,
      `/api/v1/contacts/${other.contactId}`,
      `/api/v1/contacts/${other.contactId}/notes`,
    ];
    for (const path of reads) {
      expect((await carla.get(path)).status, `carla GET ${path}`).toBe(200);
      expectNotFound(await ana.get(path));
    }
    expectNotFound(await ana.get(`/api/v1/tickets?numberId=${seed.numberB.numberId}`));
    expectNotFound(await ana.get(`/api/v1/tickets?numberId=${seed.numberB.numberId}&state=waiting`));

    const writes: Array<[string, Record<string, unknown>]> = [
      [`/api/v1/tickets/${other.ticketId}/messages`, { type: 'text', text: 'Olá, aqui é a Ana' }],
      [`/api/v1/tickets/${other.ticketId}/close`, { tags: [] }],
      [`/api/v1/tickets/${other.ticketId}/transfer`, { toUserId: seed.users.carla }],
      [`/api/v1/tickets/${other.ticketId}/notes`, { text: 'nota da Ana' }],
      [`/api/v1/tickets/${other.ticketId}/read`, { upTo: other.messageId }],
      [`/api/v1/contacts/${other.contactId}/notes`, { text: 'nota da Ana' }],
    ];
    for (const [path, body] of writes) expectNotFound(await ana.post(path, body));

    // Nothing ana tried left a trace on B.
    const ticket = await carla.get<Ticket>(`/api/v1/tickets/${other.ticketId}`);
    expect(ticket.body).toMatchObject({ state: 'waiting', assigneeId: null });
    const messages = await carla.get<Page<Message>>(`/api/v1/tickets/${other.ticketId}/messages`);
    expect(messages.body.items.map((m) => m.id)).toEqual([other.messageId]);
    const ticketNotes = await carla.get<Page<Note>>(`/api/v1/tickets/${other.ticketId}/notes`);
    expect(ticketNotes.body.items.map((n) => n.text)).toEqual(['Pedido 123']);
    const contactNotes = await carla.get<Page<Note>>(`/api/v1/contacts/${other.contactId}/notes`);
    expect(contactNotes.body.items.map((n) => n.text)).toEqual(['Cliente VIP']);
  });

  it('someone with no number sees no numbers, tickets or number data', async () => {
    const me = await outsider.get<MeResponse>('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.numbers).toEqual([]);
    const numbers = await outsider.get<Page<NumberInfo>>('/api/v1/numbers');
    expect(numbers.body.items).toEqual([]);
    expectNotFound(await outsider.get(`/api/v1/tickets?numberId=${seed.numberA.numberId}`));
    expectNotFound(await outsider.get(`/api/v1/tickets/${waiting.ticketId}`));
    expectNotFound(await outsider.get(`/api/v1/contacts/${brunos.contactId}`));
    const feed = await outsider.get<SyncResponse>('/api/v1/sync?since=0');
    expect(feed.status).toBe(200);
    expect(feed.body.changes.filter((c) => c.numberId !== null)).toEqual([]);
  });

  it("a colleague's ticket is hidden from the other agents of the number, the queue is not", async () => {
    const ticketPath = `/api/v1/tickets/${brunos.ticketId}`;
    for (const path of [ticketPath, `${ticketPath}/messages`, `${ticketPath}/notes`]) {
      expect((await bruno.get(path)).status, `bruno GET ${path}`).toBe(200);
      expectNotFound(await ana.get(path));
    }
    const firstMessage = (await bruno.get<Page<Message>>(`${ticketPath}/messages`)).body.items[0]!;
    const writes: Array<[string, Record<string, unknown>]> = [
      [`${ticketPath}/messages`, { type: 'text', text: 'Oi, a Ana assume' }],
      [`${ticketPath}/close`, { tags: [] }],
      [`${ticketPath}/transfer`, { toUserId: seed.users.ana }],
      [`${ticketPath}/notes`, { text: 'nota da Ana' }],
      [`${ticketPath}/read`, { upTo: firstMessage.id }],
    ];
    for (const [path, body] of writes) expectNotFound(await ana.post(path, body));

    const still = await bruno.get<Ticket>(ticketPath);
    expect(still.body).toMatchObject({ state: 'open', assigneeId: seed.users.bruno });
    expect((await bruno.get<Page<Message>>(`${ticketPath}/messages`)).body.items.map((m) => m.text)).toEqual(['Quero um orçamento', 'Claro, já preparo.']);
    expect((await bruno.get<Page<Note>>(`${ticketPath}/notes`)).body.items.map((n) => n.text)).toEqual(['Cliente quer desconto']);

    const numberA = seed.numberA.numberId;
    expect(await ticketsOf(ana, numberA, 'open')).toEqual([]);
    expect(await ticketsOf(ana, numberA)).toEqual([waiting.ticketId]);
    expect(await ticketsOf(ana, numberA, 'waiting')).toEqual([waiting.ticketId]);
    expect((await ana.get(`/api/v1/tickets/${waiting.ticketId}`)).status).toBe(200);
    const queued = await ana.get<Page<Message>>(`/api/v1/tickets/${waiting.ticketId}/messages`);
    expect(queued.body.items.map((m) => m.text)).toEqual(['Alguém aí?']);

    expect(await ticketsOf(bruno, numberA, 'open')).toEqual([brunos.ticketId]);
    expect((await ticketsOf(bruno, numberA)).sort()).toEqual([brunos.ticketId, waiting.ticketId].sort());
  });

  it('the supervisor of A and the manager of the group see every ticket of their numbers', async () => {
    const levels = async (client: ApiClient) =>
      Object.fromEntries((await client.get<MeResponse>('/api/v1/me')).body.numbers.map((n) => [n.id, n.access]));
    const [numberA, numberB] = [seed.numberA.numberId, seed.numberB.numberId];
    expect(await levels(ana)).toEqual({ [numberA]: 'agent' });
    expect(await levels(sup)).toEqual({ [numberA]: 'full' });
    expect(await levels(manager)).toEqual({ [numberA]: 'full', [numberB]: 'full' });
    const listed = (await manager.get<Page<NumberInfo>>('/api/v1/numbers')).body.items.map((n) => [n.id, n.access]);
    expect(Object.fromEntries(listed)).toEqual({ [numberA]: 'full', [numberB]: 'full' });

    const everyOfA = [brunos.ticketId, waiting.ticketId].sort();
    for (const [name, client] of [['sup', sup], ['manager', manager]] as const) {
      expect((await ticketsOf(client, numberA)).sort(), name).toEqual(everyOfA);
      expect(await ticketsOf(client, numberA, 'open'), name).toEqual([brunos.ticketId]);
      const notes = await client.get<Page<Note>>(`/api/v1/tickets/${brunos.ticketId}/notes`);
      expect(notes.body.items.map((n) => n.text), name).toEqual(['Cliente quer desconto']);
      const messages = await client.get<Page<Message>>(`/api/v1/tickets/${brunos.ticketId}/messages`);
      expect(messages.body.items, name).toHaveLength(2);
    }
    // Full access is per number: the supervisor of A sees nothing of B, the group manager does.
    expectNotFound(await sup.get(`/api/v1/tickets?numberId=${numberB}`));
    expectNotFound(await sup.get(`/api/v1/tickets/${other.ticketId}`));
    expect(await ticketsOf(manager, numberB)).toEqual([other.ticketId]);
    expect((await manager.get(`/api/v1/contacts/${other.contactId}/notes`)).status).toBe(200);
    expect((await manager.get(`/api/v1/tickets/${other.ticketId}/notes`)).status).toBe(200);
  });

  it('the owner of a number cannot be removed from it', async () => {
    const { ctx } = server.app;
    const numberA = seed.numberA.numberId;
    expect((await ana.get<MeResponse>('/api/v1/me')).body.numbers.find((n) => n.id === numberA)?.ownerId).toBe(seed.users.ana);
    await expect(removeNumberAgent(ctx, seed.orgId, numberA, seed.users.ana)).rejects.toMatchObject({ code: 'invalid_state' });
    expect(await ticketsOf(ana, numberA, 'waiting')).toEqual([waiting.ticketId]);
    expect((await ana.get<MeResponse>('/api/v1/me')).body.numbers.map((n) => n.id)).toEqual([numberA]);
  });
});
