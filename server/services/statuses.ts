import { and, eq, sql } from 'drizzle-orm';
import type { DeliveryStatus } from '../../shared/api/messages';
import { messages, numbers, tickets } from '../db/schema';
import { nextDeliveryStatus } from '../domain/delivery';
import { plainReason } from '../whatsapp/graph/errors';
import type { StatusEvent } from '../whatsapp/webhook/parse';
import { recordMessage } from './presenters';
import type { UnitOfWork } from './unit-of-work';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Applies a delivery status from a webhook to our message, found by the id we sent in
 * biz_opaque_callback_data (works even when the send's answer was lost in a crash) or by wamid.
 * Moves forward only; a duplicate or late status changes nothing.
 */
export async function applyStatusInTx(uow: UnitOfWork, e: StatusEvent): Promise<'applied' | 'unchanged' | 'unknown'> {
  const { tx } = uow;
  const [number] = await tx.select({ id: numbers.id }).from(numbers).where(eq(numbers.phoneNumberId, e.phoneNumberId));
  if (!number) return 'unknown';
  const byOurId = e.callbackData && UUID.test(e.callbackData)
    ? await tx.select().from(messages).where(and(eq(messages.id, e.callbackData), eq(messages.numberId, number.id))).for('update')
    : [];
  const [message] = byOurId.length > 0 ? byOurId : await tx.select().from(messages).where(and(eq(messages.numberId, number.id), eq(messages.wamid, e.wamid))).for('update');
  if (!message || message.direction !== 'out') return 'unknown';
  const next = nextDeliveryStatus(message.status as DeliveryStatus, e.status);
  const learnsWamid = message.wamid === null;
  if (!next && !learnsWamid) return 'unchanged';
  const [updated] = await tx
    .update(messages)
    .set({
      ...(learnsWamid ? { wamid: e.wamid } : {}),
      ...(next ? { status: next, statusAt: e.at, nextAttemptAt: null } : {}),
      ...(next === 'failed' && e.error
        ? { error: sql`${JSON.stringify({ code: e.error.code, title: e.error.title, reason: plainReason(e.error.code, e.error.details ?? undefined) })}::jsonb` }
        : {}),
    })
    .where(eq(messages.id, message.id))
    .returning();
  const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, message.ticketId));
  recordMessage(uow, updated!, ticket!);
  return 'applied';
}
