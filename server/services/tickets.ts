import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Ticket, TicketListQuery } from '../../shared/api/tickets';
import { contacts, numberAgents, queues, tags as tagsTable, ticketEvents, tickets } from '../db/schema';
import type { AccessScope } from './access';
import type { ServiceContext } from './context';
import { AppError, notFound } from './errors';
import { preparedPer } from './prepared';
import { loadTicketRow, presentTicket, recordTicket } from './presenters';
import { assignInTx, distributeWaiting } from './routing';
import type { UnitOfWork } from './unit-of-work';

export function encodeCursor(lastMessageAt: Date, id: string): string {
  return Buffer.from(`${lastMessageAt.toISOString()}|${id}`).toString('base64url');
}
function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const date = new Date(at ?? '');
  if (!id || Number.isNaN(date.getTime())) throw new AppError('validation', 'cursor is not one this API gave out; start again without it.', 'cursor');
  return { at: date, id };
}

type ListState = TicketListQuery['state'] & string;

/**
 * The list query, prepared once per shape (states, access level, cursor, search). States are
 * literals in the SQL so each shape keeps a plan fitted to it.
 */
const listQuery = (states: readonly ListState[], agent: boolean, cursor: boolean, search: boolean) =>
  preparedPer((db) => {
    const me = sql.placeholder('me');
    const literal = (state: ListState) => sql.raw(`'${state}'`);
    const where: SQL[] = [
      eq(tickets.numberId, sql.placeholder('numberId')),
      states.length === 1 ? sql`${tickets.state} = ${literal(states[0]!)}` : sql`${tickets.state} in (${sql.join(states.map(literal), sql`, `)})`,
    ];
    // An agent sees the queue and their own tickets; for a single state other than waiting that is
    // simply "assigned to me", which the planner can use.
    if (agent) where.push(states.length === 1 && states[0] !== 'waiting' ? sql`${tickets.assigneeId} = ${me}` : sql`(${tickets.state} = 'waiting' or ${tickets.assigneeId} = ${me})`);
    if (cursor) where.push(sql`(${tickets.lastMessageAt}, ${tickets.id}) < (${sql.placeholder('cursorAt')}::timestamptz, ${sql.placeholder('cursorId')}::uuid)`);
    if (search) {
      const like = sql.placeholder('like');
      where.push(sql`(${contacts.name} ilike ${like} or ${contacts.profileName} ilike ${like} or ${contacts.phone} like ${like} or ${contacts.waId} like ${like})`);
    }
    return db
      .select({
        t: tickets,
        c: { id: contacts.id, name: contacts.name, profileName: contacts.profileName, waId: contacts.waId, phone: contacts.phone },
        // The marker as a row of two scalars (not a record) lets the index on (ticket_id,
        // created_at, id) start right after it instead of reading every message of the ticket.
        unread: sql<number>`(select count(*)::int from (select 1 from messages m
            where m.ticket_id = ${tickets.id} and m.direction = 'in'
              and (m.created_at, m.id) > (
                coalesce((select rm.up_to_at from read_markers rm where rm.user_id = ${me} and rm.ticket_id = ${tickets.id}), '-infinity'::timestamptz),
                coalesce((select rm.up_to from read_markers rm where rm.user_id = ${me} and rm.ticket_id = ${tickets.id}), '00000000-0000-0000-0000-000000000000'::uuid))
            limit 100) u)`,
      })
      .from(tickets)
      .innerJoin(contacts, eq(contacts.id, tickets.contactId))
      .where(and(...where))
      .orderBy(desc(tickets.lastMessageAt), desc(tickets.id))
      .limit(sql.placeholder('limit'))
      .prepare(`list_tickets_${states.join('_')}_${agent ? 'agent' : 'full'}${cursor ? '_cursor' : ''}${search ? '_search' : ''}`);
  });
const listQueries = new Map<string, ReturnType<typeof listQuery>>();

/** A page of the number's tickets the caller may see, most recent activity first. */
export async function listTickets(ctx: ServiceContext, scope: AccessScope, q: TicketListQuery): Promise<{ items: Ticket[]; nextCursor: string | null }> {
  const level = await scope.requireNumber(q.numberId);
  const states: readonly ListState[] = q.state ? [q.state] : ['waiting', 'open'];
  const c = q.cursor ? decodeCursor(q.cursor) : undefined;
  const shape = [states.join(','), level, Boolean(c), Boolean(q.q)] as const;
  const key = shape.join('|');
  let query = listQueries.get(key);
  if (!query) listQueries.set(key, (query = listQuery(states, level === 'agent', shape[2], shape[3])));
  const found = await query(ctx.db).execute({
    numberId: q.numberId,
    me: scope.actor.userId,
    limit: q.limit + 1,
    cursorAt: c?.at.toISOString(),
    cursorId: c?.id,
    like: q.q ? `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : undefined,
  });
  const page = found.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => presentTicket(r.t, r.c, Number(r.unread))),
    nextCursor: found.length > q.limit && last ? encodeCursor(last.t.lastMessageAt, last.t.id) : null,
  };
}

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
