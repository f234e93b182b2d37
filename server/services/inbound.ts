import { and, desc, eq, sql } from 'drizzle-orm';
import type { MessageType } from '../../shared/api/messages';
import { uuidv7 } from '../../shared/uuid';
import { contacts, messages, numbers, queues, ticketEvents, tickets } from '../db/schema';
import { previewOf, windowExpiry } from '../domain/tickets';
import type { ServiceContext } from './context';
import { recordContact, recordMessage, recordTicketRow } from './presenters';
import { distributeWaiting } from './routing';
import { registerInboundMedia } from './media-jobs';
import { inTransaction, retryOnUniqueViolation, type UnitOfWork } from './unit-of-work';

export interface InboundMessage {
  phoneNumberId: string;
  waId: string;
  profileName?: string | null;
  wamid: string;
  type: MessageType;
  text?: string | null;
  content?: Record<string, unknown> | null;
  media?: { id: string; mimeType: string | null; filename: string | null } | null;
  replyToWamid?: string | null;
  /** WhatsApp's own timestamp of the message (opens the 24-hour window). */
  waTimestamp: Date;
}

export type InboundResult =
  | { outcome: 'stored'; messageId: string; ticketId: string; createdTicket: boolean }
  | { outcome: 'duplicate' | 'unknown_number' | 'dropped' };

/** Reactions and system notices attach to the latest ticket and never open one (SPEC). */
const NEVER_OPENS_TICKET: ReadonlySet<MessageType> = new Set(['reaction', 'system']);

/**
 * A customer's message: upserts the (number, customer) contact, joins the waiting or open ticket
 * or opens one in the default queue, stores the message once per WhatsApp id, tracks the window,
 * and routes a new ticket after commit.
 */
export async function receiveCustomerMessage(ctx: ServiceContext, m: InboundMessage): Promise<InboundResult> {
  return retryOnUniqueViolation(() => inTransaction(ctx, (uow) => receiveInTx(uow, m)));
}

/** The same inside a caller's transaction (webhook batches); routing of a new ticket runs after commit. */
export async function receiveInTx(uow: UnitOfWork, m: InboundMessage): Promise<InboundResult> {
  const { tx, ctx } = uow;
  const number = await numberByPhoneId(uow, m.phoneNumberId);
  if (!number) return { outcome: 'unknown_number' };
  // Two deliveries of one message processed at once: the second waits here, then finds the first.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${number.id}:${m.wamid}`}, 0))`);
  const [dup] = await tx.select({ id: messages.id }).from(messages).where(and(eq(messages.numberId, number.id), eq(messages.wamid, m.wamid)));
  if (dup) return { outcome: 'duplicate' };
  const now = ctx.clock.now();
  const countsForWindow = m.type !== 'system';
  const [contact] = await tx
    .insert(contacts)
    .values({
      id: uuidv7(now.getTime()), orgId: number.orgId, numberId: number.id, waId: m.waId, phone: `+${m.waId}`,
      profileName: m.profileName ?? null, lastInteractionAt: now,
      lastCustomerMessageAt: countsForWindow ? m.waTimestamp : null,
      windowExpiresAt: countsForWindow ? windowExpiry(m.waTimestamp) : null, createdAt: now,
    })
    .onConflictDoUpdate({
      target: [contacts.numberId, contacts.waId],
      set: {
        profileName: sql`coalesce(excluded.profile_name, ${contacts.profileName})`,
        lastInteractionAt: now,
        ...(countsForWindow
          ? {
              lastCustomerMessageAt: sql`greatest(${contacts.lastCustomerMessageAt}, excluded.last_customer_message_at)`,
              windowExpiresAt: sql`greatest(${contacts.windowExpiresAt}, excluded.window_expires_at)`,
            }
          : {}),
      },
    })
    .returning();
  recordContact(uow, contact!);
  const mediaRef = m.media ? await registerInboundMedia(uow, number.orgId, number.id, m.media, now) : null;

  let [ticket] = await tx.select().from(tickets).where(and(eq(tickets.contactId, contact!.id), sql`${tickets.state} <> 'closed'`)).for('update');
  let createdTicket = false;
  if (!ticket && NEVER_OPENS_TICKET.has(m.type)) {
    [ticket] = await tx.select().from(tickets).where(eq(tickets.contactId, contact!.id)).orderBy(desc(tickets.createdAt)).limit(1);
    if (!ticket) return { outcome: 'dropped' };
  }
  if (!ticket) {
    const [queue] = await tx.select().from(queues).where(and(eq(queues.numberId, number.id), eq(queues.isDefault, true)));
    if (!queue) throw new Error(`number ${number.id} has no default queue`);
    [ticket] = await tx
      .insert(tickets)
      .values({ id: uuidv7(now.getTime()), orgId: number.orgId, numberId: number.id, contactId: contact!.id, queueId: queue.id, state: 'waiting', createdAt: now, lastMessageAt: now })
      .returning();
    await tx.insert(ticketEvents).values({ ticketId: ticket!.id, kind: 'created', toQueueId: queue.id, at: now });
    createdTicket = true;
  }
  let replyToId: string | null = null;
  if (m.replyToWamid) {
    const [quoted] = await tx.select({ id: messages.id }).from(messages).where(and(eq(messages.numberId, number.id), eq(messages.wamid, m.replyToWamid)));
    replyToId = quoted?.id ?? null;
  }
  const [stored] = await tx
    .insert(messages)
    .values({
      id: uuidv7(now.getTime()), ticketId: ticket!.id, numberId: number.id, contactId: contact!.id, direction: 'in', author: m.type === 'system' ? 'system' : 'customer',
      type: m.type, text: m.text ?? null, content: m.content ?? null, media: mediaRef, replyToId, wamid: m.wamid, status: 'received',
      waTimestamp: m.waTimestamp, createdAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!stored) return { outcome: 'duplicate' };
  if (ticket!.state !== 'closed') {
    [ticket] = await tx
      .update(tickets)
      .set({
        lastMessageAt: now, lastMessageAuthor: stored.author, lastMessagePreview: previewOf(m.type, m.text ?? null),
        ...(countsForWindow ? { windowExpiresAt: contact!.windowExpiresAt } : {}),
      })
      .where(eq(tickets.id, ticket!.id))
      .returning();
  }
  recordTicketRow(uow, ticket!, contact!);
  recordMessage(uow, stored, ticket!);
  if (createdTicket) uow.afterCommit.push(() => distributeWaiting(ctx, number.id).then(() => undefined));
  return { outcome: 'stored', messageId: stored.id, ticketId: ticket!.id, createdTicket };
}

/**
 * Numbers rarely change and every inbound message needs its own: a short cache, per database (a
 * process may serve several, as the tests do, and must never mix their numbers).
 */
const numberCaches = new WeakMap<object, Map<string, { value: { id: string; orgId: string }; until: number }>>();
async function numberByPhoneId(uow: UnitOfWork, phoneNumberId: string): Promise<{ id: string; orgId: string } | undefined> {
  let numberCache = numberCaches.get(uow.ctx.db);
  if (!numberCache) numberCaches.set(uow.ctx.db, (numberCache = new Map()));
  const hit = numberCache.get(phoneNumberId);
  if (hit && hit.until > Date.now()) return hit.value;
  const [row] = await uow.tx.select({ id: numbers.id, orgId: numbers.orgId }).from(numbers).where(eq(numbers.phoneNumberId, phoneNumberId));
  if (row) numberCache.set(phoneNumberId, { value: row, until: Date.now() + 30_000 });
  return row;
}
