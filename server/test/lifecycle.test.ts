import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiError } from '../../shared/errors';
import type { Message } from '../../shared/api/messages';
import type { Ticket } from '../../shared/api/tickets';
import { uuidv7 } from '../../shared/uuid';
import { rows } from '../db/client';
import { numbers, presence, queueAgents, queues, ticketEvents, tickets, users } from '../db/schema';
import type { InboundMessage } from '../services/inbound';
import { closeInactiveTickets } from '../services/inactivity';
import { dbKinds } from './databases';
import { ApiClient, customerWrites, openSocket, seedOrg, startTestServer, type ClientSocket, type Seed, type TestServer } from './harness';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

async function waitUntil(check: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(dbKinds)('ticket lifecycle, metric timestamps and inactivity (%s)', (kind) => {
  let server: TestServer;
  let seed: Seed;
  let agents: Record<'ana' | 'bruno' | 'sup', ApiClient>;
  const sockets: ClientSocket[] = [];
  let customerSeq = 0;

  const db = () => server.app.ctx.db;
  const clock = () => server.clock;
  const at = (ms: number) => new Date(ms).toISOString();

  beforeAll(async () => {
    // Long sessions: these tests move the clock by a day.
    server = await startTestServer(kind, { SESSION_TTL_HOURS: '10000' });
    seed = await seedOrg(server.app);
    const [ana, bruno, sup] = await Promise.all(['ana', 'bruno', 'sup'].map((n) => ApiClient.login(server.url, `${n}@acme.test`)));
    agents = { ana: ana!, bruno: bruno!, sup: sup! };
  }, 120_000);
  afterAll(() => server?.close());

  /** Every test starts with no live socket, every agent invisible, default number settings, no active ticket. */
  beforeEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await waitUntil(async () => {
      const [r] = await rows<{ n: number }>(db(), sql`
        select count(*)::int as n from presence p join users u on u.id = p.user_id where p.sockets > 0 or u.disconnected_at is null`);
      return r!.n === 0;
    }, 'every socket of the previous test is gone');
    await db().delete(presence);
    await db().update(users).set({ status: 'invisible', lastAssignedAt: null, disconnectedAt: null });
    await db().update(numbers).set({ maxTicketsPerAgent: 5, inactivityMinutes: 60 });
    await db().update(tickets).set({ state: 'closed', closeReason: 'attended', closedAt: clock().now() }).where(sql`${tickets.state} <> 'closed'`);
    clock().advance(HOUR);
  });

  function newCustomer(): string {
    customerSeq += 1;
    return `55219${String(customerSeq).padStart(8, '0')}`;
  }

  async function write(waId: string, extra: Partial<InboundMessage> = {}) {
    clock().advance(1000);
    const r = await customerWrites(server.app, clock(), 'pn-a', waId, 'Olá', extra);
    if (r.outcome !== 'stored') throw new Error(`customer message was ${r.outcome}`);
    return r;
  }

  async function ticket(id: string) {
    const [t] = await db().select().from(tickets).where(eq(tickets.id, id));
    return t!;
  }

  async function events(id: string) {
    return db().select().from(ticketEvents).where(eq(ticketEvents.ticketId, id)).orderBy(asc(ticketEvents.id));
  }

  async function setStatus(client: ApiClient, status: 'online' | 'paused') {
    expect((await client.call('PUT', '/api/v1/me/status', { status })).status).toBe(200);
  }

  async function connect(client: ApiClient, userId: string) {
    const live = await openSocket(server.url, client.token);
    sockets.push(live.socket);
    await waitUntil(async () => {
      const [p] = await db().select().from(presence).where(eq(presence.userId, userId));
      return (p?.sockets ?? 0) > 0;
    }, 'the server records the socket');
  }

  async function online(client: ApiClient, userId: string) {
    await connect(client, userId);
    await setStatus(client, 'online');
  }

  /** An agent's reply; its body is only read when refused. */
  function reply(client: ApiClient, ticketId: string, text = 'Olá! Como posso ajudar?') {
    return client.post<ApiError>(`/api/v1/tickets/${ticketId}/messages`, { type: 'text', text });
  }

  it('stamps created, assigned, first response and close times, and closes with the number\'s tags', async () => {
    const { ana } = seed.users;
    await connect(agents.ana, ana);
    await setStatus(agents.ana, 'paused');
    const waId = newCustomer();
    const first = await write(waId);
    const created = clock().now().getTime();
    expect(first.createdTicket).toBe(true);

    clock().advance(5 * MINUTE);
    await setStatus(agents.ana, 'online');
    const assigned = await agents.ana.get<Ticket>(`/api/v1/tickets/${first.ticketId}`);
    expect(assigned.body).toMatchObject({ state: 'open', assigneeId: ana, createdAt: at(created), assignedAt: at(created + 5 * MINUTE), firstResponseAt: null });
    // Queue time (TMF) = assigned − created.
    expect(Date.parse(assigned.body.assignedAt!) - Date.parse(assigned.body.createdAt)).toBe(5 * MINUTE);

    clock().advance(2 * MINUTE);
    expect((await reply(agents.ana, first.ticketId)).status).toBe(201);
    expect((await ticket(first.ticketId)).firstResponseAt?.toISOString()).toBe(at(created + 7 * MINUTE));

    // A later customer message joins the same ticket; a later reply leaves the first response alone.
    const again = await write(waId);
    expect(again).toMatchObject({ ticketId: first.ticketId, createdTicket: false });
    clock().advance(MINUTE);
    expect((await reply(agents.ana, first.ticketId, 'Segue o orçamento.')).status).toBe(201);
    expect((await ticket(first.ticketId)).firstResponseAt?.toISOString()).toBe(at(created + 7 * MINUTE));

    const refused = await agents.ana.post<ApiError>(`/api/v1/tickets/${first.ticketId}/close`, { tags: ['Venda', 'Garantia'] });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'unknown_tag', field: 'tags' });
    expect(refused.body.error.message).toContain('Garantia');
    expect(refused.body.error.message).toContain('Venda');
    expect(refused.body.error.message).toContain('Dúvida');
    expect((await ticket(first.ticketId)).state).toBe('open');

    clock().advance(MINUTE);
    const closed = await agents.ana.post<Ticket>(`/api/v1/tickets/${first.ticketId}/close`, { tags: ['venda', 'DÚVIDA', 'Venda'] });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ id: first.ticketId, state: 'closed', closeReason: 'attended', closedAt: clock().now().toISOString(), tags: ['Venda', 'Dúvida'] });
    expect(closed.body.assignedAt).toBe(at(created + 5 * MINUTE));
    expect((await events(first.ticketId)).map((e) => [e.kind, e.actorId, e.closeReason])).toEqual([
      ['created', null, null],
      ['assigned', null, null],
      ['closed', ana, 'attended'],
    ]);
  });

  it('reopens for the person reopening, refuses while the customer has an active ticket, and a message after close opens a new one', async () => {
    const { ana, sup } = seed.users;
    await online(agents.ana, ana);
    const waId = newCustomer();
    const { ticketId } = await write(waId);
    expect((await agents.ana.post(`/api/v1/tickets/${ticketId}/close`)).status).toBe(200);

    clock().advance(MINUTE);
    const reopened = await agents.sup.post<Ticket>(`/api/v1/tickets/${ticketId}/reopen`);
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ id: ticketId, state: 'open', assigneeId: sup, closeReason: null, closedAt: null });
    expect((await events(ticketId)).at(-1)).toMatchObject({ kind: 'reopened', actorId: sup, toUserId: sup });
    expect((await agents.sup.post(`/api/v1/tickets/${ticketId}/close`)).status).toBe(200);

    const next = await write(waId);
    expect(next.createdTicket).toBe(true);
    expect(next.ticketId).not.toBe(ticketId);
    expect(await ticket(next.ticketId)).toMatchObject({ state: 'open', assigneeId: ana });

    const conflict = await agents.sup.post<ApiError>(`/api/v1/tickets/${ticketId}/reopen`);
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('active_ticket_exists');
    expect((await ticket(ticketId)).state).toBe('closed');
  });

  it('a transfer to an agent keeps the ticket and records who moved it where', async () => {
    const { ana, bruno } = seed.users;
    await online(agents.ana, ana);
    const { ticketId } = await write(newCustomer());
    const before = await ticket(ticketId);
    expect(before.assigneeId).toBe(ana);

    clock().advance(MINUTE);
    const moved = await agents.ana.post<Ticket>(`/api/v1/tickets/${ticketId}/transfer`, { toUserId: bruno });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: ticketId, state: 'open', assigneeId: bruno, assignedAt: before.assignedAt!.toISOString() });
    expect((await events(ticketId)).at(-1)).toMatchObject({ kind: 'transferred', actorId: ana, fromUserId: ana, toUserId: bruno });
    expect((await agents.bruno.get(`/api/v1/tickets/${ticketId}`)).status).toBe(200);
    // An agent sees only their own tickets and the queue: it left Ana's desk.
    expect((await agents.ana.get(`/api/v1/tickets/${ticketId}`)).status).toBe(404);
  });

  it('a transfer to a queue puts the ticket back to waiting there, and routing hands it to that queue\'s agent', async () => {
    const { ana, bruno } = seed.users;
    const financeiro = uuidv7();
    await db().insert(queues).values({ id: financeiro, numberId: seed.numberA.numberId, name: 'Financeiro', position: 1 });
    await db().insert(queueAgents).values({ queueId: financeiro, userId: bruno });
    await online(agents.ana, ana);
    await connect(agents.bruno, bruno);
    await setStatus(agents.bruno, 'paused');
    const { ticketId } = await write(newCustomer());
    expect((await ticket(ticketId)).assigneeId).toBe(ana);

    const moved = await agents.ana.post<Ticket>(`/api/v1/tickets/${ticketId}/transfer`, { toQueueId: financeiro });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: ticketId, queueId: financeiro });
    // Ana is online with room, but she is not in Financeiro: it waits there for its agent.
    expect(await ticket(ticketId)).toMatchObject({ state: 'waiting', assigneeId: null, queueId: financeiro });
    expect((await events(ticketId)).at(-1)).toMatchObject({
      kind: 'transferred', actorId: ana, fromUserId: ana, fromQueueId: seed.numberA.queueId, toQueueId: financeiro,
    });

    await setStatus(agents.bruno, 'online');
    expect(await ticket(ticketId)).toMatchObject({ id: ticketId, state: 'open', assigneeId: bruno, queueId: financeiro });
    expect((await events(ticketId)).at(-1)).toMatchObject({ kind: 'assigned', toUserId: bruno });
  });

  it('reactions and system messages attach to the latest ticket and never open one', async () => {
    const waId = newCustomer();
    const { ticketId } = await write(waId);
    expect((await agents.sup.post(`/api/v1/tickets/${ticketId}/close`)).status).toBe(200);
    const closedAt = (await ticket(ticketId)).closedAt;

    const reaction = await write(waId, { type: 'reaction', text: null, content: { emoji: '👍' } });
    expect(reaction).toMatchObject({ ticketId, createdTicket: false });
    const notice = await write(waId, { type: 'system', text: 'O cliente mudou de número' });
    expect(notice).toMatchObject({ ticketId, createdTicket: false });

    const [contactTickets] = await rows<{ n: number }>(db(), sql`
      select count(*)::int as n from tickets t join contacts c on c.id = t.contact_id where c.wa_id = ${waId}`);
    expect(contactTickets!.n).toBe(1);
    expect(await ticket(ticketId)).toMatchObject({ state: 'closed', closedAt });
    const history = await agents.sup.get<{ items: Message[] }>(`/api/v1/tickets/${ticketId}/messages`);
    expect(history.body.items.map((m) => m.type)).toEqual(['text', 'reaction', 'system']);

    // A customer with no ticket at all: the reaction is dropped, no ticket appears.
    const stranger = newCustomer();
    clock().advance(1000);
    const dropped = await customerWrites(server.app, clock(), 'pn-a', stranger, '', { type: 'reaction', text: null, content: { emoji: '❤️' } });
    expect(dropped.outcome).toBe('dropped');
    const [strangerTickets] = await rows<{ n: number }>(db(), sql`
      select count(*)::int as n from tickets t join contacts c on c.id = t.contact_id where c.wa_id = ${stranger}`);
    expect(strangerTickets!.n).toBe(0);
  });

  it('refuses a reply once the 24-hour window has passed', async () => {
    const { ana } = seed.users;
    await online(agents.ana, ana);
    const { ticketId } = await write(newCustomer());
    expect((await ticket(ticketId)).windowExpiresAt?.toISOString()).toBe(at(clock().now().getTime() + 24 * HOUR));

    clock().advance(25 * HOUR);
    const late = await reply(agents.ana, ticketId);
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe('window_closed');
  });

  it('measures the window from the message\'s WhatsApp timestamp, not from when it arrived', async () => {
    const { ana } = seed.users;
    await online(agents.ana, ana);
    const sentAt = new Date(clock().now().getTime() - 23 * HOUR - 30 * MINUTE);
    const { ticketId } = await write(newCustomer(), { waTimestamp: sentAt });
    expect((await ticket(ticketId)).windowExpiresAt?.toISOString()).toBe(at(sentAt.getTime() + 24 * HOUR));

    expect((await reply(agents.ana, ticketId)).status).toBe(201);
    clock().advance(HOUR); // only an hour after it arrived, but 24.5 h after the customer sent it
    const late = await reply(agents.ana, ticketId);
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe('window_closed');
  });

  it('the inactivity timeout closes tickets as lost, abandoned or inactive, and leaves recent ones alone', async () => {
    const { ana } = seed.users;
    await db().update(numbers).set({ inactivityMinutes: 30, maxTicketsPerAgent: 2 }).where(eq(numbers.id, seed.numberA.numberId));
    await online(agents.ana, ana);
    const abandoned = (await write(newCustomer())).ticketId;
    const inactive = (await write(newCustomer())).ticketId;
    expect((await reply(agents.ana, inactive)).status).toBe(201);
    const lost = (await write(newCustomer())).ticketId; // Ana is full: it waits
    expect((await ticket(lost)).state).toBe('waiting');

    clock().advance(30 * MINUTE);
    const fresh = (await write(newCustomer())).ticketId;
    const sweptAt = clock().now().toISOString();
    expect(await closeInactiveTickets(server.app.ctx)).toBe(3);

    expect(await ticket(lost)).toMatchObject({ state: 'closed', closeReason: 'lost', closedBy: null });
    expect(await ticket(abandoned)).toMatchObject({ state: 'closed', closeReason: 'abandoned', closedBy: null });
    expect(await ticket(inactive)).toMatchObject({ state: 'closed', closeReason: 'inactive', closedBy: null });
    for (const id of [lost, abandoned, inactive]) expect((await ticket(id)).closedAt?.toISOString()).toBe(sweptAt);
    // The recent ticket stays active, and Ana's freed slots hand it to her.
    expect(await ticket(fresh)).toMatchObject({ state: 'open', assigneeId: ana, closeReason: null });
    expect((await events(abandoned)).at(-1)).toMatchObject({ kind: 'closed', closeReason: 'abandoned', actorId: null, fromUserId: ana });
    expect(await closeInactiveTickets(server.app.ctx)).toBe(0);
  });

  it('two sweeps running at once never close a ticket twice', async () => {
    await db().update(numbers).set({ inactivityMinutes: 30 }).where(eq(numbers.id, seed.numberA.numberId));
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await write(newCustomer())).ticketId);
    clock().advance(31 * MINUTE);

    const [a, b] = await Promise.all([closeInactiveTickets(server.app.ctx), closeInactiveTickets(server.app.ctx)]);
    expect(a + b).toBe(ids.length);
    const closes = await db()
      .select({ ticketId: ticketEvents.ticketId })
      .from(ticketEvents)
      .where(and(inArray(ticketEvents.ticketId, ids), eq(ticketEvents.kind, 'closed')));
    expect(closes.map((c) => c.ticketId).sort()).toEqual([...ids].sort());
    const states = await db().select({ state: tickets.state, reason: tickets.closeReason }).from(tickets).where(inArray(tickets.id, ids));
    expect(states.every((s) => s.state === 'closed' && s.reason === 'lost')).toBe(true);
  });
});
