import { and, eq, sql } from 'drizzle-orm';
import type { Ticket } from '../../shared/api/tickets';
import { contacts, numberAgents, queues, tags as tagsTable, ticketEvents, tickets } from '../db/schema';
import type { AccessScope } from './access';
import type { ServiceContext } from './context';
import { AppError, notFound } from './errors';
import { loadTicketRow, presentTicket, recordTicket } from './presenters';
import { assignInTx, distributeWaiting } from './routing';
import type { UnitOfWork } from './unit-of-work';

export async function getTicket(ctx: ServiceContext, scope: AccessScope, id: string): Promise<Ticket> {
  const row = await loadTicketRow(ctx.db, id);
  if (!row) throw notFound('The ticket');
  await scope.requireTicket(row);
  const [c] = await ctx.db.select().from(contacts).where(eq(contacts.id, row.contactId));
  return presentTicket(row, c!);
}

/** Locks a ticket the caller may act on (visible, and theirs unless they see the whole number). */
export async function lockActionableTicket(uow: UnitOfWork, scope: AccessScope, id: string) {
  const row = await loadTicketRow(uow.tx, id, true);
  if (!row) throw notFound('The ticket');
  const level = await scope.requireTicket(row);
  return { row, level };
}

export async function transferTicket(uow: UnitOfWork, scope: AccessScope, id: string, to: { toUserId?: string | undefined; toQueueId?: string | undefined }): Promise<Ticket> {
  const { row } = await lockActionableTicket(uow, scope, id);
  if (row.state === 'closed') throw new AppError('invalid_state', 'This ticket is closed. Reopen it before transferring.');
  const now = uow.ctx.clock.now();
  if (to.toUserId) {
    const [agent] = await uow.tx.select().from(numberAgents).where(and(eq(numberAgents.numberId, row.numberId), eq(numberAgents.userId, to.toUserId)));
    if (!agent) throw new AppError('unprocessable', 'That person is not an agent of this number. Pick an agent of the number.', 'toUserId');
    if (to.toUserId === row.assigneeId) throw new AppError('invalid_state', 'The ticket is already with that agent.', 'toUserId');
    await assignInTx(uow, id, to.toUserId, scope.actor.userId, now, 'transferred');
  } else {
    const [queue] = await uow.tx.select().from(queues).where(and(eq(queues.id, to.toQueueId!), eq(queues.numberId, row.numberId)));
    if (!queue) throw new AppError('unprocessable', 'That queue does not belong to this ticket\'s number.', 'toQueueId');
    await uow.tx.update(tickets).set({ state: 'waiting', assigneeId: null, queueId: queue.id }).where(eq(tickets.id, id));
    await uow.tx.insert(ticketEvents).values({ ticketId: id, kind: 'transferred', actorId: scope.actor.userId, fromUserId: row.assigneeId, fromQueueId: row.queueId, toQueueId: queue.id, at: now });
    await recordTicket(uow, id, row.assigneeId);
  }
  // The ticket (or the slot it freed) goes back to routing once committed.
  uow.afterCommit.push(() => distributeWaiting(uow.ctx, row.numberId).then(() => undefined));
  return (await recordLatest(uow, id))!;
}

async function recordLatest(uow: UnitOfWork, id: string): Promise<Ticket | undefined> {
  const [r] = await uow.tx.select({ t: tickets, c: contacts }).from(tickets).innerJoin(contacts, eq(contacts.id, tickets.contactId)).where(eq(tickets.id, id));
  return r ? presentTicket(r.t, r.c) : undefined;
}

/** Canonical names of the number's tags; refuses names the number does not define. */
async function validTags(uow: UnitOfWork, numberId: string, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const defined = await uow.tx.select({ name: tagsTable.name }).from(tagsTable).where(eq(tagsTable.numberId, numberId));
  const byLower = new Map(defined.map((t) => [t.name.toLowerCase(), t.name]));
  const result: string[] = [];
  for (const n of names) {
    const found = byLower.get(n.toLowerCase());
    if (!found) throw new AppError('unknown_tag', `The tag "${n}" is not defined for this number. Pick one of: ${defined.map((t) => t.name).join(', ') || '(none defined yet)'}.`, 'tags');
    if (!result.includes(found)) result.push(found);
  }
  return result;
}

export async function closeTicket(uow: UnitOfWork, scope: AccessScope, id: string, tagNames: readonly string[]): Promise<Ticket> {
  const { row } = await lockActionableTicket(uow, scope, id);
  if (row.state === 'closed') throw new AppError('invalid_state', 'This ticket is already closed.');
  const names = await validTags(uow, row.numberId, tagNames);
  const now = uow.ctx.clock.now();
  await uow.tx.update(tickets).set({ state: 'closed', closeReason: 'attended', closedAt: now, closedBy: scope.actor.userId, tags: names }).where(eq(tickets.id, id));
  await uow.tx.insert(ticketEvents).values({ ticketId: id, kind: 'closed', actorId: scope.actor.userId, fromUserId: row.assigneeId, closeReason: 'attended', at: now });
  const view = await recordTicket(uow, id, null);
  uow.afterCommit.push(() => distributeWaiting(uow.ctx, row.numberId).then(() => undefined));
  return view;
}

export async function reopenTicket(uow: UnitOfWork, scope: AccessScope, id: string): Promise<Ticket> {
  const { row } = await lockActionableTicket(uow, scope, id);
  if (row.state !== 'closed') throw new AppError('invalid_state', 'Only a closed ticket can be reopened.');
  const [active] = await uow.tx.select({ id: tickets.id }).from(tickets).where(and(eq(tickets.contactId, row.contactId), sql`${tickets.state} <> 'closed'`));
  if (active) throw new AppError('active_ticket_exists', 'This customer already has an open ticket on this number; continue there.');
  const me = scope.actor.userId;
  const [serves] = await uow.tx.select().from(numberAgents).where(and(eq(numberAgents.numberId, row.numberId), eq(numberAgents.userId, me)));
  const assignee = serves ? me : row.assigneeId;
  const now = uow.ctx.clock.now();
  await uow.tx
    .update(tickets)
    // Activity restarts now, or the next inactivity sweep would close it again at once.
    .set({ state: assignee ? 'open' : 'waiting', assigneeId: assignee, closeReason: null, closedAt: null, closedBy: null, assignedAt: row.assignedAt ?? (assignee ? now : null), lastMessageAt: now })
    .where(eq(tickets.id, id));
  await uow.tx.insert(ticketEvents).values({ ticketId: id, kind: 'reopened', actorId: me, toUserId: assignee, at: now });
  if (!assignee) uow.afterCommit.push(() => distributeWaiting(uow.ctx, row.numberId).then(() => undefined));
  return recordTicket(uow, id, row.assigneeId);
}
