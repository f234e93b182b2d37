import { and, desc, eq, sql } from 'drizzle-orm';
import type { Message, SendMessageBody } from '../../shared/api/messages';
import { messages, numberAgents, numbers, readMarkers } from '../db/schema';
import { isWindowOpen } from '../domain/tickets';
import type { AccessScope } from './access';
import type { ServiceContext } from './context';
import { AppError, notFound } from './errors';
import { queueOutbound, readyOutboundMedia, templateContent } from './outbound';
import { loadTicketRow, presentMessage } from './presenters';
import { assignInTx } from './routing';
import { lockActionableTicket } from './tickets';
import type { UnitOfWork } from './unit-of-work';

/**
 * An agent's message (text, attachment or template): committed as `queued` for the WhatsApp
 * sender. Answering a waiting ticket takes it. Text and attachments are refused when the customer's
 * 24-hour window is closed: only an approved template may go then.
 */
export async function sendMessage(uow: UnitOfWork, scope: AccessScope, ticketId: string, body: SendMessageBody): Promise<Message> {
  const me = scope.actor.userId;
  // A repeat after its idempotency key expired still answers the original message.
  const [already] = await uow.tx.select().from(messages).where(and(eq(messages.authorId, me), eq(messages.clientId, body.clientId)));
  if (already) return presentMessage(already);
  const { row } = await lockActionableTicket(uow, scope, ticketId);
  const now = uow.ctx.clock.now();
  if (row.state === 'closed') throw new AppError('invalid_state', 'This ticket is closed. Reopen it, or start a conversation with an active message.');
  if (body.type !== 'template' && !isWindowOpen(row.windowExpiresAt, now)) {
    throw new AppError('window_closed', 'The customer\'s 24-hour window is closed: only an approved template (active message) can be sent now.');
  }
  if (row.state === 'waiting') {
    const [serves] = await uow.tx.select().from(numberAgents).where(and(eq(numberAgents.numberId, row.numberId), eq(numberAgents.userId, me)));
    if (!serves) throw new AppError('forbidden', 'Only an agent of this number can answer a waiting ticket.');
    await assignInTx(uow, ticketId, me, me, now);
  }
  const replyTo = body.type === 'template' ? undefined : body.replyTo;
  if (replyTo) {
    const [quoted] = await uow.tx.select({ id: messages.id }).from(messages).where(and(eq(messages.id, replyTo), eq(messages.ticketId, ticketId)));
    if (!quoted) throw new AppError('validation', 'replyTo must be a message of this ticket.', 'replyTo');
  }
  const base = { clientId: body.clientId, origin: 'desk' as const, replyToId: replyTo ?? null };
  const ticket = (await loadTicketRow(uow.tx, ticketId))!;
  switch (body.type) {
    case 'text':
      return queueOutbound(uow, ticket, me, { ...base, type: 'text', text: body.text });
    case 'media': {
      const { ref, kind } = await readyOutboundMedia(uow, scope.actor.orgId, body.mediaId);
      const captionless = kind === 'audio' || kind === 'sticker';
      if (captionless && body.caption) throw new AppError('validation', `WhatsApp does not allow a caption on ${kind} messages.`, 'caption');
      return queueOutbound(uow, ticket, me, { ...base, type: kind, text: body.caption ?? null, media: ref });
    }
    case 'template': {
      const t = await templateContent(uow, row.numberId, body);
      return queueOutbound(uow, ticket, me, { ...base, type: 'template', text: t.text, content: t.content });
    }
  }
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
  if (marker) uow.afterCommit.push(() => markReadOnWhatsApp(uow.ctx, ticket.numberId, ticketId, m.createdAt));
  if (marker) {
    uow.record({
      orgId: ticket.orgId, ticketId: null, queueId: null, assigneeId: null, prevAssigneeId: null, userId: me,
      change: { entity: 'read_marker', op: 'upsert', id: ticketId, numberId: ticket.numberId, at: now.toISOString(), data },
    });
  }
  return data;
}

/** Shows the customer blue ticks up to what the agent read (best effort: a failure only costs the ticks). */
async function markReadOnWhatsApp(ctx: ServiceContext, numberId: string, ticketId: string, upToAt: Date): Promise<void> {
  const [latest] = await ctx.db
    .select({ wamid: messages.wamid, pnid: numbers.phoneNumberId })
    .from(messages)
    .innerJoin(numbers, eq(numbers.id, messages.numberId))
    .where(and(eq(messages.ticketId, ticketId), eq(messages.numberId, numberId), eq(messages.direction, 'in'), sql`${messages.createdAt} <= ${upToAt.toISOString()}::timestamptz`, sql`${messages.wamid} is not null`))
    .orderBy(desc(messages.createdAt))
    .limit(1);
  if (!latest?.wamid) return;
  await ctx.graph.markRead(latest.pnid, latest.wamid).catch((err: unknown) => ctx.log.warn({ err }, 'mark-as-read on WhatsApp failed'));
}
