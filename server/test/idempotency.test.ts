import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../shared/errors';
import { uuidv7 } from '../../shared/uuid';
import { rows } from '../db/client';
import { offlineGraphEnv, SETUP_TIMEOUT_MS } from '../../tests/spawn-server';
import { dbKinds } from './databases';
import { ApiClient, customerWrites, seedOrg, startTestServer, type Seed, type TestServer } from './harness';

type Body = Record<string, unknown>;
interface Prepared {
  path: string;
  body: Body;
  /** Another request (other body or other target) a careless client might send with the same clientId. */
  other: { path: string; body: Body };
  /** Rows of the route's own table for this target, and change-feed rows about it after `since`. */
  created(since: number): Promise<{ rows: number; changes: number }>;
}
interface RouteCase {
  route: string;
  status: number;
  prepare(): Promise<Prepared>;
}

describe.each(dbKinds)('every mutating route is idempotent per clientId (%s)', (kind) => {
  let server: TestServer;
  let seed: Seed;
  let sup: ApiClient;
  let ana: ApiClient;
  let customers = 0;

  beforeAll(async () => {
    server = await startTestServer(kind, offlineGraphEnv);
    seed = await seedOrg(server.app);
    [sup, ana] = await Promise.all([ApiClient.login(server.url, 'sup@acme.test'), ApiClient.login(server.url, 'ana@acme.test')]);
  }, SETUP_TIMEOUT_MS);
  afterAll(() => server?.close());

  const count = async (query: SQL) => Number((await rows<{ n: number | string }>(server.app.ctx.db, query))[0]?.n ?? 0);
  const head = () => count(sql`select coalesce(max(seq), 0) as n from changes`);

  /** A new customer writes to number A: a waiting ticket holding one customer message. */
  async function freshTicket() {
    customers += 1;
    const r = await customerWrites(server.app, server.clock, 'pn-a', `5511970${String(customers).padStart(6, '0')}`, 'Olá, preciso de ajuda');
    if (r.outcome !== 'stored') throw new Error(`customer message not stored: ${r.outcome}`);
    const [t] = await rows<{ contact_id: string }>(server.app.ctx.db, sql`select contact_id from tickets where id = ${r.ticketId}`);
    return { ticketId: r.ticketId, messageId: r.messageId, contactId: t!.contact_id };
  }

  const changesAbout = (since: number, entity: string, where: SQL) =>
    count(sql`select count(*) as n from changes where seq > ${since} and entity = ${entity} and ${where}`);

  const cases: RouteCase[] = [
    {
      route: 'POST /api/v1/tickets/:id/messages',
      status: 201,
      async prepare() {
        const t = await freshTicket();
        const path = `/api/v1/tickets/${t.ticketId}/messages`;
        return {
          path, body: { type: 'text', text: 'Bom dia! Como posso ajudar?' },
          other: { path, body: { type: 'text', text: 'Outra mensagem' } },
          created: async (since) => ({
            rows: await count(sql`select count(*) as n from messages where ticket_id = ${t.ticketId} and direction = 'out'`),
            // Distinct messages: the sender's later delivery updates are changes of the same message.
            changes: await count(sql`select count(distinct entity_id) as n from changes where seq > ${since} and entity = 'message' and ticket_id = ${t.ticketId}`),
          }),
        };
      },
    },
    {
      route: 'POST /api/v1/tickets/:id/transfer',
      status: 200,
      async prepare() {
        const t = await freshTicket();
        const path = `/api/v1/tickets/${t.ticketId}/transfer`;
        return {
          path, body: { toUserId: seed.users.ana },
          other: { path, body: { toUserId: seed.users.bruno } },
          created: async (since) => ({
            rows: await count(sql`select count(*) as n from ticket_events where ticket_id = ${t.ticketId} and kind = 'transferred'`),
            changes: await changesAbout(since, 'ticket', sql`entity_id = ${t.ticketId}`),
          }),
        };
      },
    },
    {
      route: 'POST /api/v1/tickets/:id/close',
      status: 200,
      async prepare() {
        const t = await freshTicket();
        const path = `/api/v1/tickets/${t.ticketId}/close`;
        return {
          path, body: { tags: ['Venda'] },
          other: { path, body: { tags: ['Dúvida'] } },
          created: async (since) => ({
            rows: await count(sql`select count(*) as n from ticket_events where ticket_id = ${t.ticketId} and kind = 'closed'`),
            changes: await changesAbout(since, 'ticket', sql`entity_id = ${t.ticketId}`),
          }),
        };
      },
    },
    {
      route: 'POST /api/v1/tickets/:id/reopen',
      status: 200,
      async prepare() {
        const t = await freshTicket();
        expect((await sup.post(`/api/v1/tickets/${t.ticketId}/close`)).status).toBe(200);
        return {
          path: `/api/v1/tickets/${t.ticketId}/reopen`, body: {},
          // The body holds only the clientId: a different target is the "different request".
          other: { path: `/api/v1/tickets/${uuidv7()}/reopen`, body: {} },
          created: async (since) => ({
            rows: await count(sql`select count(*) as n from ticket_events where ticket_id = ${t.ticketId} and kind = 'reopened'`),
            changes: await changesAbout(since, 'ticket', sql`entity_id = ${t.ticketId}`),
          }),
        };
      },
    },
    {
      route: 'POST /api/v1/tickets/:id/read',
      status: 200,
      async prepare() {
        const t = await freshTicket();
        const path = `/api/v1/tickets/${t.ticketId}/read`;
        return {
          path, body: { upTo: t.messageId },
          other: { path, body: { upTo: uuidv7() } },
          created: async (since) => ({
            rows: await count(sql`select count(*) as n from read_markers where ticket_id = ${t.ticketId} and user_id = ${seed.users.sup}`),
            changes: await changesAbout(since, 'read_marker', sql`entity_id = ${t.ticketId}`),
          }),
        };
      },
    },
    {
      route: 'POST /api/v1/tickets/:id/notes',
      status: 201,
      async prepare() {
        const t = await freshTicket();
        const path = `/api/v1/tickets/${t.ticketId}/notes`;
        return {
          path, body: { text: 'Cliente pediu desconto' },
          other: { path, body: { text: 'Cliente pediu outra coisa' } },
          created: async (since) => ({
            rows: await count(sql`select count(*) as n from notes where ticket_id = ${t.ticketId}`),
            changes: await changesAbout(since, 'note', sql`ticket_id = ${t.ticketId}`),
          }),
        };
      },
    },
    {
      route: 'POST /api/v1/contacts/:id/notes',
      status: 201,
      async prepare() {
        const t = await freshTicket();
        const path = `/api/v1/contacts/${t.contactId}/notes`;
        return {
          path, body: { text: 'Prefere contato à tarde' },
          other: { path, body: { text: 'Prefere contato de manhã' } },
          created: async (since) => ({
            rows: await count(sql`select count(*) as n from notes where contact_id = ${t.contactId}`),
            changes: await changesAbout(since, 'note', sql`data->>'contactId' = ${t.contactId}`),
          }),
        };
      },
    },
  ];

  describe.each(cases)('$route', ({ status, prepare }) => {
    it('a repeat answers the original status and body and changes nothing more; another request with that clientId is refused', async () => {
      const p = await prepare();
      const since = await head();
      const clientId = uuidv7();
      const first = await sup.call('POST', p.path, { clientId, ...p.body });
      expect(first.status, JSON.stringify(first.body)).toBe(status);
      const again = await sup.call('POST', p.path, { clientId, ...p.body });
      expect(again).toEqual(first);
      expect(await p.created(since)).toEqual({ rows: 1, changes: 1 });

      const reused = await sup.call<ApiError>('POST', p.other.path, { clientId, ...p.other.body });
      expect(reused.status).toBe(422);
      expect(reused.body.error).toMatchObject({ code: 'idempotency_key_reused', field: 'clientId' });
      expect(await p.created(since)).toEqual({ rows: 1, changes: 1 });
      // The original request still answers as before after the refused reuse.
      expect(await sup.call('POST', p.path, { clientId, ...p.body })).toEqual(first);
    });

    it('three identical requests at once get one answer and create one row', async () => {
      const p = await prepare();
      const since = await head();
      const clientId = uuidv7();
      const answers = await Promise.all([1, 2, 3].map(() => sup.call('POST', p.path, { clientId, ...p.body })));
      expect(answers[0]!.status, JSON.stringify(answers[0]!.body)).toBe(status);
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
      expect(await p.created(since)).toEqual({ rows: 1, changes: 1 });
    });
  });

  it('a clientId used on one route is refused on another', async () => {
    const t = await freshTicket();
    const clientId = uuidv7();
    expect((await sup.call('POST', `/api/v1/tickets/${t.ticketId}/notes`, { clientId, text: 'Nota' })).status).toBe(201);
    const reused = await sup.call<ApiError>('POST', `/api/v1/tickets/${t.ticketId}/close`, { clientId });
    expect(reused.status).toBe(422);
    expect(reused.body.error).toMatchObject({ code: 'idempotency_key_reused', field: 'clientId' });
    expect(await count(sql`select count(*) as n from tickets where id = ${t.ticketId} and state = 'closed'`)).toBe(0);
  });

  it('a clientId belongs to its user: a colleague may use the same value', async () => {
    const t = await freshTicket();
    const clientId = uuidv7();
    const bySup = await sup.call('POST', `/api/v1/tickets/${t.ticketId}/notes`, { clientId, text: 'Nota do supervisor' });
    const byAna = await ana.call('POST', `/api/v1/tickets/${t.ticketId}/notes`, { clientId, text: 'Nota da Ana' });
    expect([bySup.status, byAna.status]).toEqual([201, 201]);
    expect(await count(sql`select count(*) as n from notes where ticket_id = ${t.ticketId}`)).toBe(2);
  });

  describe('a failed attempt stores nothing, so its clientId can be retried', () => {
    it('close with an unknown tag (422), then with a defined tag', async () => {
      const t = await freshTicket();
      const since = await head();
      const clientId = uuidv7();
      const path = `/api/v1/tickets/${t.ticketId}/close`;
      const failed = await sup.call<ApiError>('POST', path, { clientId, tags: ['Inexistente'] });
      expect(failed.status).toBe(422);
      expect(failed.body.error).toMatchObject({ code: 'unknown_tag', field: 'tags' });
      expect(await changesAbout(since, 'ticket', sql`entity_id = ${t.ticketId}`)).toBe(0);

      const fixed = await sup.call<{ state: string; tags: string[] }>('POST', path, { clientId, tags: ['venda'] });
      expect(fixed.status).toBe(200);
      expect(fixed.body).toMatchObject({ state: 'closed', tags: ['Venda'] });
      expect(await sup.call('POST', path, { clientId, tags: ['venda'] })).toEqual(fixed);
      expect(await count(sql`select count(*) as n from ticket_events where ticket_id = ${t.ticketId} and kind = 'closed'`)).toBe(1);
    });

    it('transfer to someone who is not an agent of the number (422), then to an agent', async () => {
      const t = await freshTicket();
      const clientId = uuidv7();
      const path = `/api/v1/tickets/${t.ticketId}/transfer`;
      const failed = await sup.call<ApiError>('POST', path, { clientId, toUserId: seed.users.carla });
      expect(failed.status).toBe(422);
      expect(failed.body.error).toMatchObject({ code: 'unprocessable', field: 'toUserId' });
      const fixed = await sup.call<{ assigneeId: string }>('POST', path, { clientId, toUserId: seed.users.bruno });
      expect(fixed.status).toBe(200);
      expect(fixed.body.assigneeId).toBe(seed.users.bruno);
    });

    it('a reply refused on a closed ticket (409) goes through with the same clientId once reopened', async () => {
      const t = await freshTicket();
      expect((await sup.post(`/api/v1/tickets/${t.ticketId}/close`)).status).toBe(200);
      const clientId = uuidv7();
      const path = `/api/v1/tickets/${t.ticketId}/messages`;
      const body = { clientId, type: 'text', text: 'Voltando ao seu pedido' };
      const refused = await sup.call<ApiError>('POST', path, body);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('invalid_state');
      expect((await sup.post(`/api/v1/tickets/${t.ticketId}/reopen`)).status).toBe(200);
      const sent = await sup.call<{ clientId: string; text: string }>('POST', path, body);
      expect(sent.status).toBe(201);
      expect(sent.body).toMatchObject({ clientId, text: 'Voltando ao seu pedido' });
      expect(await count(sql`select count(*) as n from messages where ticket_id = ${t.ticketId} and direction = 'out'`)).toBe(1);
    });
  });

  describe('PUT /api/v1/me/status (naturally idempotent)', () => {
    const history = () => count(sql`select count(*) as n from agent_status_history where user_id = ${seed.users.ana}`);
    const statusChanges = (since: number) => changesAbout(since, 'agent_status', sql`entity_id = ${seed.users.ana}`);

    it('a repeat answers the same and records one change', async () => {
      const before = await history();
      const since = await head();
      const clientId = uuidv7();
      const first = await ana.call('PUT', '/api/v1/me/status', { status: 'paused', clientId });
      const again = await ana.call('PUT', '/api/v1/me/status', { status: 'paused', clientId });
      expect(first).toEqual({ status: 200, body: { status: 'paused' } });
      expect(again).toEqual(first);
      expect(await history()).toBe(before + 1);
      expect(await statusChanges(since)).toBe(1);
    });

    it('three identical requests at once record one change', async () => {
      const before = await history();
      const since = await head();
      const answers = await Promise.all([1, 2, 3].map(() => ana.call('PUT', '/api/v1/me/status', { status: 'invisible' })));
      for (const a of answers) expect(a).toEqual({ status: 200, body: { status: 'invisible' } });
      expect(await history()).toBe(before + 1);
      expect(await statusChanges(since)).toBe(1);
    });
  });

  describe('error format', () => {
    const expectValidation = (res: { status: number; body: unknown }, field: string) => {
      expect(res.status).toBe(400);
      const { error } = res.body as ApiError;
      expect(error).toMatchObject({ code: 'validation', field });
      expect(error.message.length).toBeGreaterThan(0);
    };

    it('names the field of a validation error and stores nothing', async () => {
      const t = await freshTicket();
      const since = await head();
      const notes = `/api/v1/tickets/${t.ticketId}/notes`;
      expectValidation(await sup.call('POST', notes, { text: 'sem clientId' }), 'clientId');
      const badClientId = await sup.call<ApiError>('POST', notes, { clientId: 'abc', text: 'x' });
      expectValidation(badClientId, 'clientId');
      expect(badClientId.body.error.message).toMatch(/UUID/);
      expectValidation(await sup.call('POST', '/api/v1/tickets/not-an-id/close', { clientId: uuidv7() }), 'id');
      expectValidation(await sup.call('POST', `/api/v1/tickets/${t.ticketId}/messages`, { clientId: uuidv7(), type: 'text', text: 'x'.repeat(4097) }), 'text');
      expectValidation(await sup.call('POST', `/api/v1/tickets/${t.ticketId}/read`, { clientId: uuidv7(), upTo: 'ontem' }), 'upTo');
      expect(await head()).toBe(since);
    });

    it('answers an unknown route with 404 JSON', async () => {
      for (const [method, path] of [['GET', '/api/v1/nothing-here'], ['POST', '/api/v1/tickets/x/y/z']] as const) {
        const res = await sup.call<ApiError>(method, path, method === 'POST' ? { clientId: uuidv7() } : undefined);
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('not_found');
      }
    });

    it('answers 401 without a valid token, before touching anything', async () => {
      const t = await freshTicket();
      const since = await head();
      const anonymous = new ApiClient(server.url, '');
      const res = await fetch(`${server.url}/api/v1/tickets/${t.ticketId}/notes`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ clientId: uuidv7(), text: 'Nota' }),
      });
      expect(res.status).toBe(401);
      expect(((await res.json()) as ApiError).error.code).toBe('unauthenticated');
      for (const client of [anonymous, new ApiClient(server.url, 'not-a-session-token')]) {
        const r = await client.call<ApiError>('POST', `/api/v1/tickets/${t.ticketId}/close`, { clientId: uuidv7() });
        expect(r.status).toBe(401);
        expect(r.body.error.code).toBe('unauthenticated');
      }
      // Authentication comes first: a stranger learns nothing about what a valid body looks like.
      const invalid = await anonymous.call<ApiError>('POST', `/api/v1/tickets/${t.ticketId}/messages`, { type: 'text' });
      expect(invalid.status).toBe(401);
      expect(await head()).toBe(since);
    });
  });
});
