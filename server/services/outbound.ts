import { and, eq } from 'drizzle-orm';
import type { Message, MessageType } from '../../shared/api/messages';
import type { TemplateInfo } from '../../shared/api/templates';
import { uuidv7 } from '../../shared/uuid';
import { media, messages, numbers, tickets } from '../db/schema';
import { renderTemplateBody } from '../domain/templates';
import { previewOf } from '../domain/tickets';
import { AppError } from './errors';
import type { TemplateContent } from './outbound-payload';
import { recordMessage, recordTicket } from './presenters';
import { checkedTemplate } from './templates';
import type { UnitOfWork } from './unit-of-work';

type TicketRow = typeof tickets.$inferSelect;
type MediaRef = { id: string; mimeType: string | null; filename: string | null };

export interface OutboundContent {
  type: MessageType;
  text: string | null;
  media?: MediaRef | null;
  content?: Record<string, unknown> | null;
  replyToId?: string | null;
  clientId: string;
  origin: 'desk' | 'api' | 'campaign' | 'out_of_hours' | 'bot';
}

/**
 * Commits an outbound message as `queued` (the sender picks it up after commit) and moves the
 * ticket's last-message fields; the first agent message after assignment is the first response.
 */
export async function queueOutbound(uow: UnitOfWork, ticket: TicketRow, authorId: string, c: OutboundContent): Promise<Message> {
  const now = uow.ctx.clock.now();
  const [inserted] = await uow.tx
    .insert(messages)
    .values({
      id: uuidv7(now.getTime()), ticketId: ticket.id, numberId: ticket.numberId, contactId: ticket.contactId, direction: 'out', author: 'agent', authorId,
      type: c.type, text: c.text, media: c.media ?? null, content: c.content ?? null, replyToId: c.replyToId ?? null, status: 'queued',
      clientId: c.clientId, origin: c.origin, nextAttemptAt: now, createdAt: now,
    })
    .returning();
  const [current] = await uow.tx.select().from(tickets).where(eq(tickets.id, ticket.id));
  await uow.tx
    .update(tickets)
    .set({
      lastMessageAt: now, lastMessageAuthor: 'agent', lastMessagePreview: previewOf(c.type, c.text),
      firstResponseAt: current!.firstResponseAt ?? (current!.assigneeId === authorId ? now : null),
    })
    .where(eq(tickets.id, ticket.id));
  await recordTicket(uow, ticket.id);
  const [after] = await uow.tx.select().from(tickets).where(eq(tickets.id, ticket.id));
  uow.afterCommit.push(() => uow.ctx.wake.sender());
  return recordMessage(uow, inserted!, after!);
}

/** An uploaded attachment of this organisation, ready to send; its kind follows its type. */
export async function readyOutboundMedia(uow: UnitOfWork, orgId: string, mediaId: string): Promise<{ ref: MediaRef; kind: MessageType }> {
  const [m] = await uow.tx.select().from(media).where(and(eq(media.id, mediaId), eq(media.orgId, orgId)));
  if (!m) throw new AppError('not_found', 'The attachment was not found. Upload it again.', 'mediaId');
  if (m.status === 'pending') throw new AppError('media_not_ready', 'The attachment is still being processed. Try again in a moment.', 'mediaId');
  if (m.status === 'failed') throw new AppError('media_rejected', 'The attachment could not be stored. Upload it again.', 'mediaId');
  return { ref: { id: m.id, mimeType: m.mimeType, filename: m.filename }, kind: mediaKindOf(m.mimeType ?? '') };
}

export function mediaKindOf(mimeType: string): MessageType {
  if (mimeType === 'image/webp') return 'sticker';
  if (mimeType.startsWith('image/')) return 'image';
  if (mimeType.startsWith('video/')) return 'video';
  if (mimeType.startsWith('audio/')) return 'audio';
  return 'document';
}

/** Template content for a send: checked against the approved template, with the text the customer reads. */
export async function templateContent(uow: UnitOfWork, numberId: string, req: { template: string; language: string; variables: string[]; headerVariables: string[]; buttonVariables: string[] }): Promise<{ text: string; content: TemplateContent & Record<string, unknown> }> {
  const [number] = await uow.tx.select({ wabaId: numbers.wabaId }).from(numbers).where(eq(numbers.id, numberId));
  const info: TemplateInfo = await checkedTemplate(uow.tx, number!.wabaId, req);
  const withVars = info.buttons.map((b, index) => ({ b, index })).filter(({ b }) => b.variables > 0);
  return {
    text: renderTemplateBody(info, req.variables),
    content: {
      template: {
        name: info.name, language: info.language, body: req.variables, header: req.headerVariables,
        buttons: withVars.map(({ index }, i) => ({ index, subType: 'url' as const, value: req.buttonVariables[i]! })),
      },
    },
  };
}
