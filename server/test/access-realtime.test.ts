import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeResponse } from '../../shared/api/auth';
import type { Message } from '../../shared/api/messages';
import type { Note } from '../../shared/api/notes';
import type { Change, SyncResponse } from '../../shared/api/sync';
import type { Ticket } from '../../shared/api/tickets';
import { addNumberAgent, removeNumberAgent } from '../services/organization';
import { dbKinds, type DbKind } from './databases';
import { ApiClient, customerWrites, openSocket, seedOrg, startTestServer, type Seed, type TestServer } from './harness';

/** Booting a server (migrations) and seeding it is slow on a busy machine, PGlite most of all. */
const SETUP_MS = 120_000;

type Live = Awaited<ReturnType<typeof openSocket>>;

/** The error a socket handshake is refused with. */
function refusal(baseUrl: string, token: string | undefined): Promise<{ code?: string }> {
  const socket = connect(baseUrl, { auth: token === undefined ? {} : { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.close();
      reject(new Error('the socket was accepted'));
    });
    socket.once('connect_error', (err) => {
      socket.close();
      resolve((err as Error & { data?: { code?: string } }).data ?? {});
    });
  });
}

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
    p.then((v) => { clearTimeout(timer); resolve(v); }, (e: unknown) => { clearTimeout(timer); reject(e instanceof Error ? e : new Error(String(e))); });
  });
}

async function stored(p: ReturnType<typeof customerWrites>) {
  const r = await p;
  if (r.outcome !== 'stored') throw new Error(`inbound message not stored: ${r.outcome}`);
  return r;
}

const isTicket = (id: string, pred: (c: Extract<Change, { entity: 'ticket' }>) => boolean = () => true) => (c: Change) =>
  c.entity === 'ticket' && c.id === id && pred(c);
const ticketIdOf = (c: Change) => (c.entity === 'message' || c.entity === 'note' ? c.data?.ticketId ?? null : null);

/** What a ticket's changes look like to a reader: only the state while visible, nothing once gone. */
const shapeOf = (c: Extract<Change, { entity: 'ticket' }>) =>
  c.op === 'delete' ? { op: c.op, data: c.data } : { op: c.op, state: c.data?.state, assigneeId: c.data?.assigneeId };

/** With TEST_REDIS_URL, the PostgreSQL run also goes through the Redis adapter (rooms as on a cluster). */
const redisEnv = (kind: DbKind): Record<string, string> =>
  kind === 'postgres' && process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL } : {};

/** SPEC G3 over socket.io and the change feed, and how fast revoked access takes effect. */
describe.each(dbKinds)('realtime access control (%s)', (kind) => {
  let server: TestServer;
  let seed: Seed;
  let ana: ApiClient, bruno: ApiClient, carla: ApiClient, manager: ApiClient;
  const sockets: Live[] = [];
  const live = async (client: ApiClient) => {
    const l = await openSocket(server.url, client.token);
    sockets.push(l);
    return l;
  };
  const feedOf = async (client: ApiClient, since = 0) => {
    const res = await client.get<SyncResponse>(`/api/v1/sync?since=${since}&limit=1000`);
    expect(res.status).toBe(200);
    expect(res.body.hasMore).toBe(false);
    return res.body.changes;
  };

  beforeAll(async () => {
    server = await startTestServer(kind, redisEnv(kind));
    seed = await seedOrg(server.app);
    const login = (name: string) => ApiClient.login(server.url, `${name}@acme.test`);
    [ana, bruno, carla, manager] = await Promise.all([login('ana'), login('bruno'), login('carla'), login('manager')]);
  }, SETUP_MS);
  afterAll(async () => {
    for (const l of sockets) l.socket.close();
    await server?.close();
  });

  it('refuses a socket without a valid session token', async () => {
    expect(await refusal(server.url, 'not-a-real-token')).toEqual({ code: 'unauthenticated' });
    expect(await refusal(server.url, undefined)).toEqual({ code: 'unauthenticated' });
  });

  describe('a ticket routed to bruno and activity on number B', () => {
    let anaLive: Live, brunoLive: Live, managerLive: Live;
    /** Bruno's ticket on A and its first message (received while it waited in the queue). */
    let routed: { ticketId: string; messageId: string };
    /** Messages and notes on bruno's ticket after it was assigned to him. */
    const afterAssignment: string[] = [];
    /** Ticket, message and note ids on number B. */
    const onB: string[] = [];
    /** A later ticket of A that ana must see: everything before it has reached her socket. */
    let later: string;

    beforeAll(async () => {
      [anaLive, brunoLive, managerLive] = await Promise.all([live(ana), live(bruno), live(manager)]);
      expect((await bruno.call('PUT', '/api/v1/me/status', { status: 'online' })).status).toBe(200);

      const first = await stored(customerWrites(server.app, server.clock, 'pn-a', '5511933330001', 'Bom dia'));
      routed = { ticketId: first.ticketId, messageId: first.messageId };
      await managerLive.waitFor(isTicket(routed.ticketId, (c) => c.data?.assigneeId === seed.users.bruno));
      await anaLive.waitFor(isTicket(routed.ticketId, (c) => c.op === 'delete'));

      const again = await stored(customerWrites(server.app, server.clock, 'pn-a', '5511933330001', 'Pode me ligar?'));
      expect(again.ticketId).toBe(routed.ticketId);
      const reply = await bruno.post<Message>(`/api/v1/tickets/${routed.ticketId}/messages`, { type: 'text', text: 'Ligo em 5 minutos' });
      const note = await bruno.post<Note>(`/api/v1/tickets/${routed.ticketId}/notes`, { text: 'Prefere ligação' });
      expect([reply.status, note.status]).toEqual([201, 201]);
      afterAssignment.push(again.messageId, reply.body.id, note.body.id);

      const b = await stored(customerWrites(server.app, server.clock, 'pn-b', '5511944440001', 'Oi, suporte?'));
      const bNote = await carla.post<Note>(`/api/v1/tickets/${b.ticketId}/notes`, { text: 'Verificar pedido' });
      expect(bNote.status).toBe(201);
      onB.push(b.ticketId, b.messageId, bNote.body.id);

      later = (await stored(customerWrites(server.app, server.clock, 'pn-a', '5511933330002', 'Olá'))).ticketId;
      await anaLive.waitFor(isTicket(later, (c) => c.data?.state === 'waiting'));
      for (const id of [...afterAssignment, ...onB]) await managerLive.waitFor((c) => c.id === id);
      for (const id of afterAssignment) await brunoLive.waitFor((c) => c.id === id);
    });
    afterAll(async () => {
      for (const l of [anaLive, brunoLive, managerLive]) l?.socket.close();
      // Nobody of A takes tickets in the tests below unless they say so.
      await bruno.call('PUT', '/api/v1/me/status', { status: 'paused' });
    });

    it("ana's socket gets nothing of number B, and bruno's ticket only as its removal from her view", () => {
      expect(anaLive.changes.filter((c) => c.numberId === seed.numberB.numberId)).toEqual([]);
      const received = new Set(anaLive.changes.map((c) => c.id));
      expect(afterAssignment.filter((id) => received.has(id))).toEqual([]);
      expect(anaLive.changes.filter((c) => ticketIdOf(c) === routed.ticketId).map((c) => c.id)).toEqual([routed.messageId]);

      const ticketChanges = anaLive.changes.filter(isTicket(routed.ticketId)).map((c) => shapeOf(c as Extract<Change, { entity: 'ticket' }>));
      expect(ticketChanges[0]).toEqual({ op: 'upsert', state: 'waiting', assigneeId: null });
      expect(ticketChanges.length).toBeGreaterThan(1);
      for (const c of ticketChanges.slice(1)) expect(c).toEqual({ op: 'delete', data: null });
    });

    it("bruno's socket gets his ticket and nothing of B; the manager's socket gets both numbers", () => {
      const brunoGot = new Set(brunoLive.changes.map((c) => c.id));
      expect(afterAssignment.filter((id) => !brunoGot.has(id))).toEqual([]);
      expect(brunoLive.changes.filter((c) => c.numberId === seed.numberB.numberId)).toEqual([]);

      const managerGot = new Set(managerLive.changes.map((c) => c.id));
      expect([...afterAssignment, ...onB, routed.ticketId, routed.messageId, later].filter((id) => !managerGot.has(id))).toEqual([]);
      const assigned = managerLive.changes.filter(isTicket(routed.ticketId, (c) => c.op === 'upsert' && c.data?.assigneeId === seed.users.bruno));
      expect(assigned.length).toBeGreaterThan(0);
    });

    it("ana's change feed holds nothing of B, nor what happened on bruno's ticket after it left the queue", async () => {
      const feed = await feedOf(ana);
      expect(feed.filter((c) => c.numberId === seed.numberB.numberId)).toEqual([]);
      const ids = new Set(feed.map((c) => c.id));
      expect(afterAssignment.filter((id) => ids.has(id))).toEqual([]);
      expect(feed.filter((c) => ticketIdOf(c) === routed.ticketId).map((c) => c.id)).toEqual([routed.messageId]);

      const ticketChanges = feed.filter(isTicket(routed.ticketId)).map((c) => shapeOf(c as Extract<Change, { entity: 'ticket' }>));
      expect(ticketChanges[0]).toEqual({ op: 'upsert', state: 'waiting', assigneeId: null });
      expect(ticketChanges.length).toBeGreaterThan(1);
      for (const c of ticketChanges.slice(1)) expect(c).toEqual({ op: 'delete', data: null });
      expect(ids.has(later)).toBe(true);
    });

    it("the manager's change feed holds both numbers, bruno's ticket included", async () => {
      const feed = await feedOf(manager);
      const ids = new Set(feed.map((c) => c.id));
      expect([...afterAssignment, ...onB, routed.ticketId, routed.messageId, later].filter((id) => !ids.has(id))).toEqual([]);
      const numbers = new Set(feed.map((c) => c.numberId));
      expect(numbers.has(seed.numberA.numberId) && numbers.has(seed.numberB.numberId)).toBe(true);
      const last = feed.filter(isTicket(routed.ticketId)).at(-1)!;
      expect(last).toMatchObject({ op: 'upsert', data: { state: 'open', assigneeId: seed.users.bruno } });
    });
  });

  it("signing out ends that session's socket at once and its token; the user's other session keeps working", async () => {
    const [first, second] = [await ApiClient.login(server.url, 'ana@acme.test'), await ApiClient.login(server.url, 'ana@acme.test')];
    const [firstLive, secondLive] = [await live(first), await live(second)];
    const ended = new Promise<{ reason: string }>((resolve) => firstLive.socket.once('session:ended', resolve));
    const closed = new Promise<string>((resolve) => firstLive.socket.once('disconnect', resolve));

    expect((await first.post('/api/v1/auth/logout')).status).toBe(200);
    expect(await within(ended, 2000, 'session:ended')).toEqual({ reason: 'signed_out' });
    expect(await within(closed, 2000, 'disconnect')).toBe('io server disconnect');

    const after = await first.get<{ error: { code: string } }>('/api/v1/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
    expect((await first.get(`/api/v1/tickets?numberId=${seed.numberA.numberId}`)).status).toBe(401);
    expect(await refusal(server.url, first.token)).toEqual({ code: 'unauthenticated' });

    expect((await second.get('/api/v1/me')).status).toBe(200);
    expect(secondLive.socket.connected).toBe(true);
    const next = await stored(customerWrites(server.app, server.clock, 'pn-a', '5511955550001', 'Ainda atendem?'));
    await secondLive.waitFor(isTicket(next.ticketId));
    secondLive.socket.close();
  });

  it('removing an agent from a number cuts their socket, REST and feed at once; adding them back restores them', async () => {
    const { ctx } = server.app;
    const numberA = seed.numberA.numberId;
    const [anaLive, brunoLive] = [await live(ana), await live(bruno)];

    // A ticket of A that bruno holds (nobody is online, so the manager hands it to him).
    const held = await stored(customerWrites(server.app, server.clock, 'pn-a', '5511966660001', 'Quero renegociar'));
    expect((await manager.post(`/api/v1/tickets/${held.ticketId}/transfer`, { toUserId: seed.users.bruno })).status).toBe(200);
    await brunoLive.waitFor(isTicket(held.ticketId, (c) => c.data?.assigneeId === seed.users.bruno));
    expect((await bruno.get(`/api/v1/tickets/${held.ticketId}`)).status).toBe(200);
    const head = (await bruno.get<{ seq: number }>('/api/v1/sync/head')).body.seq;

    await removeNumberAgent(ctx, seed.orgId, numberA, seed.users.bruno);
    const cut = brunoLive.changes.length;
    // Right after the call returns: activity on A, on a new ticket and on the one bruno still holds.
    const onHeld = await stored(customerWrites(server.app, server.clock, 'pn-a', '5511966660001', 'Alô?'));
    const fresh = await stored(customerWrites(server.app, server.clock, 'pn-a', '5511966660002', 'Bom dia'));
    await anaLive.waitFor(isTicket(fresh.ticketId, (c) => c.data?.state === 'waiting'));
    // A change meant for bruno alone, sent after those: once it arrives, anything of A would have too.
    expect((await bruno.call('PUT', '/api/v1/me/status', { status: 'invisible' })).status).toBe(200);
    await brunoLive.waitFor((c) => c.entity === 'agent_status' && c.data?.status === 'invisible');

    const access = await brunoLive.waitFor((c) => c.entity === 'access' && c.id === numberA);
    expect(access.data).toEqual({ numberId: numberA, level: 'none' });
    const leaked = brunoLive.changes.slice(cut).filter((c) => c.numberId === numberA && c.entity !== 'access');
    expect(leaked.map((c) => `${c.entity} ${c.id}`)).toEqual([]);
    expect(brunoLive.changes.some((c) => c.id === onHeld.messageId || c.id === fresh.ticketId)).toBe(false);

    for (const path of [`/api/v1/tickets/${held.ticketId}`, `/api/v1/tickets/${held.ticketId}/messages`, `/api/v1/tickets/${fresh.ticketId}`, `/api/v1/tickets?numberId=${numberA}`]) {
      expect((await bruno.get(path)).status, path).toBe(404);
    }
    expect((await bruno.get<MeResponse>('/api/v1/me')).body.numbers).toEqual([]);
    const feedAfterRemoval = await feedOf(bruno, head);
    expect(feedAfterRemoval.filter((c) => c.numberId === numberA).map((c) => ({ entity: c.entity, data: c.data }))).toEqual([
      { entity: 'access', data: { numberId: numberA, level: 'none' } },
    ]);

    await addNumberAgent(ctx, seed.orgId, numberA, seed.users.bruno);
    await brunoLive.waitFor((c) => c.entity === 'access' && c.id === numberA && c.data?.level === 'agent');
    const afterReturn = await stored(customerWrites(server.app, server.clock, 'pn-a', '5511966660003', 'Voltei'));
    await brunoLive.waitFor(isTicket(afterReturn.ticketId, (c) => c.data?.state === 'waiting'));
    const accessFeed = (await feedOf(bruno, head)).filter((c) => c.entity === 'access').map((c) => c.data);
    expect(accessFeed).toEqual([{ numberId: numberA, level: 'none' }, { numberId: numberA, level: 'agent' }]);
    const list = await bruno.get<{ items: Ticket[] }>(`/api/v1/tickets?numberId=${numberA}&state=waiting`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((t) => t.id)).toContain(afterReturn.ticketId);
  });
});
