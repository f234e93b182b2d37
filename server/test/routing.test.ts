import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../shared/api/tickets';
import { rows } from '../db/client';
import { nodes, numbers, presence, tickets, users } from '../db/schema';
import { reapDeadNodes } from '../services/presence';
import { distributeAll } from '../services/routing';
import { dbKinds } from './databases';
import { ApiClient, customerWrites, openSocket, seedOrg, type ClientSocket, type Seed, type TestServer, startTestServer } from './harness';

const GRACE_MS = 120_000;

async function waitUntil(check: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(dbKinds)('routing of waiting tickets (%s)', (kind) => {
  let server: TestServer;
  let seed: Seed;
  let agents: Record<'ana' | 'bruno' | 'carla', ApiClient>;
  const sockets: ClientSocket[] = [];
  let customerSeq = 0;

  const db = () => server.app.ctx.db;
  const clock = () => server.clock;

  beforeAll(async () => {
    // Long sessions: these tests move the clock by hours.
    server = await startTestServer(kind, { SESSION_TTL_HOURS: '10000' });
    seed = await seedOrg(server.app);
    const [ana, bruno, carla] = await Promise.all(['ana', 'bruno', 'carla'].map((n) => ApiClient.login(server.url, `${n}@acme.test`)));
    agents = { ana: ana!, bruno: bruno!, carla: carla! };
  }, 120_000);
  afterAll(() => server?.close());

  /** Every test starts with no live socket, every agent invisible and never assigned, no active ticket. */
  beforeEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    const own = server.app.ctx.nodeId;
    await waitUntil(async () => {
      const [r] = await rows<{ n: number }>(db(), sql`
        select count(*)::int as n from presence p join users u on u.id = p.user_id
        where p.node_id = ${own} and (p.sockets > 0 or u.disconnected_at is null)`);
      return r!.n === 0;
    }, 'every socket of the previous test is gone');
    await db().delete(presence);
    await db().execute(sql`delete from nodes where id <> ${own}`);
    await db().update(users).set({ status: 'invisible', lastAssignedAt: null, disconnectedAt: null });
    await db().update(numbers).set({ maxTicketsPerAgent: 5 });
    await db().update(tickets).set({ state: 'closed', closeReason: 'attended', closedAt: clock().now() }).where(sql`${tickets.state} <> 'closed'`);
    clock().advance(3600_000);
  });

  async function write(phoneNumberId = 'pn-a'): Promise<string> {
    clock().advance(1000);
    customerSeq += 1;
    const r = await customerWrites(server.app, clock(), phoneNumberId, `55119${String(customerSeq).padStart(8, '0')}`, 'Olá');
    if (r.outcome !== 'stored') throw new Error(`customer message was ${r.outcome}`);
    return r.ticketId;
  }

  async function ticket(id: string) {
    const [t] = await db().select().from(tickets).where(eq(tickets.id, id));
    return t!;
  }

  async function setStatus(client: ApiClient, status: 'online' | 'paused' | 'invisible') {
    const res = await client.call('PUT', '/api/v1/me/status', { status });
    expect(res.status).toBe(200);
  }

  async function connect(client: ApiClient, userId: string): Promise<ClientSocket> {
    const live = await openSocket(server.url, client.token);
    sockets.push(live.socket);
    await waitUntil(async () => {
      const [p] = await db().select().from(presence).where(eq(presence.userId, userId));
      const [u] = await db().select({ d: users.disconnectedAt }).from(users).where(eq(users.id, userId));
      return (p?.sockets ?? 0) > 0 && u!.d === null;
    }, 'the server records the socket');
    return live.socket;
  }

  async function disconnect(socket: ClientSocket, userId: string) {
    socket.close();
    await waitUntil(async () => {
      const [u] = await db().select({ d: users.disconnectedAt }).from(users).where(eq(users.id, userId));
      return u!.d !== null;
    }, 'the server notices the disconnect');
  }

  async function setMaxPerAgent(max: number) {
    await db().update(numbers).set({ maxTicketsPerAgent: max }).where(eq(numbers.id, seed.numberA.numberId));
  }

  it('hands successive tickets to the least busy agent, ties to the longest idle, never-assigned first', async () => {
    const { ana, bruno } = seed.users;
    // Ana was given a ticket yesterday; Bruno never was (and Ana's id sorts first, so only "idle" can pick Bruno).
    await db().update(users).set({ lastAssignedAt: new Date(clock().now().getTime() - 86_400_000) }).where(eq(users.id, ana));
    await connect(agents.ana, ana);
    await connect(agents.bruno, bruno);
    await setStatus(agents.ana, 'online');
    await setStatus(agents.bruno, 'online');

    const assignees: Array<string | null> = [];
    for (let i = 0; i < 5; i++) assignees.push((await ticket(await write())).assigneeId);
    // 1: both idle with 0 tickets → Bruno (never assigned); 2: Ana has fewer; 3: 1–1, Bruno idle longer;
    // 4: Ana has fewer; 5: 2–2, Bruno idle longer.
    expect(assignees).toEqual([bruno, ana, bruno, ana, bruno]);
    const [sup] = await db().select({ last: users.lastAssignedAt }).from(users).where(eq(users.id, seed.users.sup));
    expect(sup!.last).toBeNull();
  });

  it('keeps tickets waiting beyond the per-number maximum and hands them out when a slot frees', async () => {
    const { ana, bruno } = seed.users;
    await setMaxPerAgent(2);
    await connect(agents.ana, ana);
    await setStatus(agents.ana, 'online');
    const [t1, t2, t3, t4] = [await write(), await write(), await write(), await write()];
    expect((await ticket(t1!)).assigneeId).toBe(ana);
    expect((await ticket(t2!)).assigneeId).toBe(ana);
    for (const id of [t3!, t4!]) expect(await ticket(id)).toMatchObject({ state: 'waiting', assigneeId: null });

    // Closing one of Ana's tickets gives her the oldest waiting one.
    expect((await agents.ana.post(`/api/v1/tickets/${t1}/close`, { tags: [] })).status).toBe(200);
    expect(await ticket(t3!)).toMatchObject({ state: 'open', assigneeId: ana });
    expect(await ticket(t4!)).toMatchObject({ state: 'waiting', assigneeId: null });

    // Transferring one away frees a slot too.
    const moved = await agents.ana.post<Ticket>(`/api/v1/tickets/${t2}/transfer`, { toUserId: bruno });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: t2, assigneeId: bruno, state: 'open' });
    expect(await ticket(t4!)).toMatchObject({ state: 'open', assigneeId: ana });
    const mine = await agents.ana.get<{ items: Ticket[] }>(`/api/v1/tickets?numberId=${seed.numberA.numberId}&state=open`);
    expect(mine.body.items.map((t) => t.id).sort()).toEqual([t3!, t4!].sort());
  });

  it('gives nothing to paused or invisible agents, even with a live socket', async () => {
    await connect(agents.ana, seed.users.ana);
    await connect(agents.bruno, seed.users.bruno);
    await setStatus(agents.ana, 'paused');
    await setStatus(agents.bruno, 'invisible');
    const t = await write();
    expect(await ticket(t)).toMatchObject({ state: 'waiting', assigneeId: null });
  });

  it('gives nothing to an online agent who never connected, and hands the queue out once they connect', async () => {
    const { carla } = seed.users;
    await setStatus(agents.carla, 'online');
    const t = await write('pn-b');
    expect(await ticket(t)).toMatchObject({ state: 'waiting', assigneeId: null });

    await connect(agents.carla, carla);
    await waitUntil(async () => (await ticket(t)).assigneeId === carla, 'the connected agent receives the waiting ticket');
    expect((await ticket(t)).state).toBe('open');
  });

  it('going online hands out waiting tickets oldest first, up to the maximum', async () => {
    const { ana } = seed.users;
    await setMaxPerAgent(2);
    await connect(agents.ana, ana);
    await setStatus(agents.ana, 'paused');
    const [t1, t2, t3] = [await write(), await write(), await write()];
    for (const id of [t1!, t2!, t3!]) expect((await ticket(id)).state).toBe('waiting');

    await setStatus(agents.ana, 'online');
    expect(await ticket(t1!)).toMatchObject({ state: 'open', assigneeId: ana });
    expect(await ticket(t2!)).toMatchObject({ state: 'open', assigneeId: ana });
    expect(await ticket(t3!)).toMatchObject({ state: 'waiting', assigneeId: null });
  });

  it('keeps routing to a disconnected agent during the grace period only, and their tickets stay theirs', async () => {
    const { ana } = seed.users;
    const socket = await connect(agents.ana, ana);
    await setStatus(agents.ana, 'online');
    const before = await write();
    expect((await ticket(before)).assigneeId).toBe(ana);

    await disconnect(socket, ana);
    clock().advance(GRACE_MS - 30_000);
    const during = await write(); // 91 s after the disconnect
    expect(await ticket(during)).toMatchObject({ state: 'open', assigneeId: ana });

    clock().advance(30_000);
    const after = await write(); // 122 s after the disconnect
    expect(await ticket(after)).toMatchObject({ state: 'waiting', assigneeId: null });
    for (const id of [before, during]) expect(await ticket(id)).toMatchObject({ state: 'open', assigneeId: ana });
    const mine = await agents.ana.get<{ items: Ticket[] }>(`/api/v1/tickets?numberId=${seed.numberA.numberId}&state=open`);
    expect(mine.body.items.map((t) => t.id).sort()).toEqual([before, during].sort());

    await connect(agents.ana, ana);
    await waitUntil(async () => (await ticket(after)).assigneeId === ana, 'the reconnected agent receives the waiting ticket');
  });

  it('reaps the sockets of a dead node; its users\' grace period runs from the node\'s last heartbeat', async () => {
    const { ana, bruno } = seed.users;
    await setStatus(agents.bruno, 'online');
    const lastBeat = new Date(clock().now().getTime() - 60_000);
    await db().insert(nodes).values([
      { id: 'node-dead', heartbeatAt: lastBeat },
      { id: 'node-alive', heartbeatAt: new Date(clock().now().getTime() - 5_000) },
    ]);
    await db().insert(presence).values([
      { nodeId: 'node-dead', userId: bruno, sockets: 1 },
      { nodeId: 'node-alive', userId: ana, sockets: 1 },
    ]);

    await reapDeadNodes(server.app.ctx);
    const nodeIds = (await db().select({ id: nodes.id }).from(nodes)).map((n) => n.id).sort();
    expect(nodeIds).toEqual(['node-alive', server.app.ctx.nodeId].sort());
    const left = await db().select().from(presence);
    expect(left).toEqual([{ nodeId: 'node-alive', userId: ana, sockets: 1 }]);
    const [b] = await db().select({ d: users.disconnectedAt }).from(users).where(eq(users.id, bruno));
    expect(b!.d?.toISOString()).toBe(lastBeat.toISOString());
    const [a] = await db().select({ d: users.disconnectedAt }).from(users).where(eq(users.id, ana));
    expect(a!.d).toBeNull();

    const within = await write(); // 61 s after the last heartbeat
    expect(await ticket(within)).toMatchObject({ state: 'open', assigneeId: bruno });
    clock().advance(GRACE_MS - 61_000);
    const beyond = await write(); // 121 s after the last heartbeat
    expect(await ticket(beyond)).toMatchObject({ state: 'waiting', assigneeId: null });
    expect((await ticket(within)).assigneeId).toBe(bruno);
  });

  it('the sweep\'s safety net hands out waiting tickets that no event routed', async () => {
    const { ana } = seed.users;
    await setMaxPerAgent(1);
    await connect(agents.ana, ana);
    await setStatus(agents.ana, 'online');
    const first = await write();
    const second = await write();
    expect((await ticket(first)).assigneeId).toBe(ana);
    expect((await ticket(second)).state).toBe('waiting');

    // A limit raised straight in the database triggers nothing; the periodic pass catches up.
    await setMaxPerAgent(2);
    expect((await ticket(second)).state).toBe('waiting');
    await distributeAll(server.app.ctx);
    expect(await ticket(second)).toMatchObject({ state: 'open', assigneeId: ana });
  });
});
