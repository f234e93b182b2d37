import { and, asc, eq, sql } from 'drizzle-orm';
import { rows } from '../db/client';
import { numbers, ticketEvents, tickets, users } from '../db/schema';
import { isAvailable, pickAgent, type RoutingCandidate } from '../domain/routing';
import type { ServiceContext } from './context';
import { recordTicket } from './presenters';
import { inTransaction, type UnitOfWork } from './unit-of-work';

/**
 * Hands the number's waiting tickets (oldest first) to available agents with room. The number row
 * is locked for the pass, so two nodes never both fill the same agent's last slot.
 * Answers how many tickets were assigned.
 */
export async function distributeWaiting(ctx: ServiceContext, numberId: string): Promise<number> {
  return inTransaction(ctx, (uow) => distributeInTx(uow, numberId));
}

export async function distributeInTx(uow: UnitOfWork, numberId: string): Promise<number> {
  const { tx, ctx } = uow;
  const [number] = await tx.select({ max: numbers.maxTicketsPerAgent }).from(numbers).where(eq(numbers.id, numberId)).for('update');
  if (!number) return 0;
  const waiting = await tx
    .select({ id: tickets.id, queueId: tickets.queueId })
    .from(tickets)
    .where(and(eq(tickets.numberId, numberId), eq(tickets.state, 'waiting')))
    .orderBy(asc(tickets.createdAt), asc(tickets.id))
    .limit(200);
  if (waiting.length === 0) return 0;
  const now = ctx.clock.now();
  const candidates = await candidatesOf(uow, numberId, now);
  let assigned = 0;
  for (const ticket of waiting) {
    const agent = pickAgent(candidates, ticket.queueId, number.max);
    if (!agent) continue;
    await assignInTx(uow, ticket.id, agent.userId, null, now);
    agent.openTickets += 1;
    agent.lastAssignedAt = now;
    assigned += 1;
  }
  return assigned;
}

async function candidatesOf(uow: UnitOfWork, numberId: string, now: Date): Promise<Array<RoutingCandidate & { openTickets: number; lastAssignedAt: Date | null }>> {
  const found = await rows<{ user_id: string; status: string; connected: boolean; disconnected_at: string | Date | null; last_assigned_at: string | Date | null; queue_ids: string[] | string; open_tickets: number | string }>(uow.tx, sql`
    select u.id as user_id, u.status, u.disconnected_at, u.last_assigned_at,
      exists (select 1 from presence p where p.user_id = u.id and p.sockets > 0) as connected,
      array(select qa.queue_id from queue_agents qa join queues q on q.id = qa.queue_id where qa.user_id = u.id and q.number_id = ${numberId}) as queue_ids,
      (select count(*) from tickets t where t.number_id = ${numberId} and t.assignee_id = u.id and t.state = 'open') as open_tickets
    from number_agents na join users u on u.id = na.user_id
    where na.number_id = ${numberId} and u.active and u.status = 'online'`);
  const toDate = (v: string | Date | null) => (v === null ? null : new Date(v));
  return found
    .filter((r) => isAvailable({ status: r.status, connected: r.connected, disconnectedAt: toDate(r.disconnected_at) }, now, uow.ctx.config.routingGraceMs))
    .map((r) => ({
      userId: r.user_id,
      queueIds: new Set(parsePgArray(r.queue_ids)),
      openTickets: Number(r.open_tickets),
      lastAssignedAt: toDate(r.last_assigned_at),
    }));
}

/** node-postgres parses uuid[] into an array; PGlite may hand back the text form. */
function parsePgArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  return value.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
}

/** Gives a ticket to an agent (routing or a transfer), keeping its first assignment time for metrics. */
export async function assignInTx(uow: UnitOfWork, ticketId: string, userId: string, actorId: string | null, now: Date, kind: 'assigned' | 'transferred' = 'assigned'): Promise<void> {
  const [before] = await uow.tx.select().from(tickets).where(eq(tickets.id, ticketId));
  if (!before) return;
  await uow.tx
    .update(tickets)
    .set({ state: 'open', assigneeId: userId, assignedAt: before.assignedAt ?? now })
    .where(eq(tickets.id, ticketId));
  await uow.tx.update(users).set({ lastAssignedAt: now }).where(eq(users.id, userId));
  await uow.tx.insert(ticketEvents).values({
    ticketId, kind, actorId, fromUserId: before.assigneeId, toUserId: userId, fromQueueId: before.queueId, toQueueId: before.queueId, at: now,
  });
  await recordTicket(uow, ticketId, before.assigneeId);
}

/** After an agent becomes available or frees a slot: distribute on each of their numbers. */
export async function distributeForAgent(ctx: ServiceContext, userId: string): Promise<void> {
  const found = await rows<{ number_id: string }>(ctx.db, sql`
    select distinct na.number_id from number_agents na
    where na.user_id = ${userId}
      and exists (select 1 from tickets t where t.number_id = na.number_id and t.state = 'waiting')`);
  for (const r of found) await distributeWaiting(ctx, r.number_id);
}

/** Safety net run by the sweeper: every number that has waiting tickets. */
export async function distributeAll(ctx: ServiceContext): Promise<void> {
  const found = await rows<{ number_id: string }>(ctx.db, sql`select distinct number_id from tickets where state = 'waiting'`);
  for (const r of found) await distributeWaiting(ctx, r.number_id);
}
