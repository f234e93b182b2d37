import { and, desc, eq, sql } from 'drizzle-orm';
import type { Message, SendMessageBody } from '../../shared/api/messages';
import { uuidv7 } from '../../shared/uuid';
import { messages, numberAgents, readMarkers, tickets } from '../db/schema';
import { isWindowOpen, previewOf } from '../domain/tickets';
import type { AccessScope } from './access';
import type { ServiceContext } from './context';
import { AppError, notFound } from './errors';
import { loadTicketRow, presentMessage, recordMessage, recordTicket } from './presenters';
import { assignInTx } from './routing';
import { lockActionableTicket } from './tickets';
import type { UnitOfWork } from './unit-of-work';

/** The ticket's messages in server order (oldest first), the `limit` latest before `before`. */
export async function listMessages(ctx: ServiceContext, scope: AccessScope, ticketId: string, q: { limit: number; before?: string | undefined }): Promise<{ items: Message[]; hasMore: boolean }> {
  const ticket = await loadTicketRow(ctx.db, ticketId);
  if (!ticket) throw notFound('The ticket');
  await scope.requireTicket(ticket);
  const where = [eq(messages.ticketId, ticketId)];
  if (q.before) {
    const [anchor] = await ctx.db.select({ createdAt: messages.createdAt }).from(messages).where(and(eq(messages.id, q.before), eq(messages.ticketId, ticketId)));
    if (!anchor) throw new AppError('validation', 'before must be the id of a message of this ticket.', 'before');
    where.push(sql`(${messages.createdAt}, ${messages.id}) < (${anchor.createdAt.toISOString()}::timestamptz, ${q.before}::uuid)`);
  }
  const found = await ctx.db.select().from(messages).where(and(...where)).orderBy(desc(messages.createdAt), desc(messages.id)).limit(q.limit + 1);
  return { items: found.slice(0, q.limit).reverse().map(presentMessage), hasMore: found.length > q.limit };
}

/**
 * An agent's message: committed as `queued` for the WhatsApp sender. Answering a waiting ticket
 * takes it. Refused when the customer's 24-hour window is closed (only templates may go then).
 */
export async function sendMessage(uow: UnitOfWork, scope: AccessScope, ticketId: string, body: SendMessageBody): Promise<Message> {
  const { row } = await lockActionableTicket(uow, scope, ticketId);
  const me = scope.actor.userId;
  const now = uow.ctx.clock.now();
  if (row.state === 'closed') throw new AppError('invalid_state', 'This ticket is closed. Reopen it, or start a conversation with an active message.');
  if (!isWindowOpen(row.windowExpiresAt, now)) {
    throw new AppError('window_closed', 'The customer\'s 24-hour window is closed: only an approved template (active message) can be sent now.');
  }
  if (row.state === 'waiting' || row.assigneeId !== me) {
    const [serves] = await uow.tx.select().from(numberAgents).where(and(eq(numberAgents.numberId, row.numberId), eq(numberAgents.userId, me)));
    if (row.state === 'waiting') {
      if (!serves) throw new AppError('forbidden', 'Only an agent of this number can answer a waiting ticket.');
      await assignInTx(uow, ticketId, me, me, now);
    }
  }
  if (body.replyTo) {
    const [quoted] = await uow.tx.select({ id: messages.id }).from(messages).where(and(eq(messages.id, body.replyTo), eq(messages.ticketId, ticketId)));
    if (!quoted) throw new AppError('validation', 'replyTo must be a message of this ticket.', 'replyTo');
  }
  const [inserted] = await uow.tx
    .insert(messages)
    .values({
      id: uuidv7(now.getTime()), ticketId, numberId: row.numberId, contactId: row.contactId, direction: 'out', author: 'agent', authorId: me,
      type: body.type, text: body.text, replyToId: body.replyTo ?? null, status: 'queued', clientId: body.clientId, createdAt: now,
    })
    .returning();
  const current = (await loadTicketRow(uow.tx, ticketId))!;
  await uow.tx
    .update(tickets)
    .set({
      lastMessageAt: now, lastMessageAuthor: 'agent', lastMessagePreview: previewOf(body.type, body.text),
      firstResponseAt: current.firstResponseAt ?? (current.assigneeId === me ? now : null),
    })
    .where(eq(tickets.id, ticketId));
  const ticket = (await loadTicketRow(uow.tx, ticketId))!;
  await recordTicket(uow, ticketId);
  return recordMessage(uow, inserted!, ticket);
}

/** Moves the caller's read marker forward (never back) to `upTo`. */
export async function markRead(uow: UnitOfWork, scope: AccessScope, ticketId: string, upTo: string): Promise<{ ticketId: string; upTo: string; at: string }> {
  const ticket = await loadTicketRow(uow.tx, ticketId);
  if (!ticket) throw notFound('The ticket');
  await scope.requireTicket(ticket);
  const [m] = await uow.tx.select({ id: messages.id, createdAt: messages.createdAt }).from(messages).where(and(eq(messages.id, upTo), eq(messages.ticketId, ticketId)));
  if (!m) throw new AppError('validation', 'upTo must be the id of a message of this ticket.', 'upTo');
  const me = scope.actor.userId;
  const now = uow.ctx.clock.now();
  const [marker] = await uow.tx
    .insert(readMarkers)
    .values({ userId: me, ticketId, upTo, upToAt: m.createdAt, updatedAt: now })
    .onConflictDoUpdate({
      target: [readMarkers.userId, readMarkers.ticketId],
      set: { upTo, upToAt: m.createdAt, updatedAt: now },
      setWhere: sql`(${readMarkers.upToAt}, ${readMarkers.upTo}) < (${m.createdAt.toISOString()}::timestamptz, ${upTo}::uuid)`,
    })
    .returning();
  const effective = marker ?? (await uow.tx.select().from(readMarkers).where(and(eq(readMarkers.userId, me), eq(readMarkers.ticketId, ticketId))))[0]!;
  const data = { ticketId, upTo: effective.upTo, at: effective.updatedAt.toISOString() };
  if (marker) {
    uow.record({
      orgId: ticket.orgId, ticketId: null, queueId: null, assigneeId: null, prevAssigneeId: null, userId: me,
      change: { entity: 'read_marker', op: 'upsert', id: ticketId, numberId: ticket.numberId, at: now.toISOString(), data },
    });
  }
  return data;
}
