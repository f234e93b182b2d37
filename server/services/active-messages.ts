import { and, eq, sql } from 'drizzle-orm';
import type { Message } from '../../shared/api/messages';
import type { ActiveMessageBody } from '../../shared/api/templates';
import type { Ticket } from '../../shared/api/tickets';
import { uuidv7 } from '../../shared/uuid';
import { contacts, numberAgents, numbers, ticketEvents, tickets } from '../db/schema';
import { canSeeTicket } from '../domain/access';
import type { AccessScope } from './access';
import { AppError } from './errors';
import { queueOutbound, templateContent } from './outbound';
import { loadTicket, recordContact, recordTicket } from './presenters';
import { assignInTx } from './routing';
import type { UnitOfWork } from './unit-of-work';

/**
 * Starts (or restarts) a conversation with an approved template — the only way to write when the
 * customer's 24-hour window is closed. Opens a ticket for the caller, or reuses the customer's
 * active ticket when the caller may act on it.
 */
export async function sendActiveMessage(uow: UnitOfWork, scope: AccessScope, numberId: string, body: ActiveMessageBody, origin: 'desk' | 'api' = 'desk'): Promise<{ ticket: Ticket; message: Message }> {
  await scope.requireNumber(numberId);
  const me = scope.actor.userId;
  const now = uow.ctx.clock.now();
  const [number] = await uow.tx.select().from(numbers).where(eq(numbers.id, numberId));
  const t = await templateContent(uow, numberId, body);
  const waId = body.to.replace(/\D/g, '');
  const [contact] = await uow.tx
    .insert(contacts)
    .values({ id: uuidv7(now.getTime()), orgId: number!.orgId, numberId, waId, phone: `+${waId}`, lastInteractionAt: now, createdAt: now })
    .onConflictDoUpdate({ target: [contacts.numberId, contacts.waId], set: { lastInteractionAt: now } })
    .returning();
  recordContact(uow, contact!);
  const [serves] = await uow.tx.select().from(numberAgents).where(and(eq(numberAgents.numberId, numberId), eq(numberAgents.userId, me)));
  let [ticket] = await uow.tx.select().from(tickets).where(and(eq(tickets.contactId, contact!.id), sql`${tickets.state} <> 'closed'`)).for('update');
  if (ticket) {
    if (!canSeeTicket(await scope.numbers(), me, ticket)) {
      throw new AppError('active_ticket_exists', 'A colleague is already serving this customer on this number.');
    }
    if (ticket.state === 'waiting' && serves) await assignInTx(uow, ticket.id, me, me, now);
  } else {
    const [queue] = await uow.tx.execute(sql`select id from queues where number_id = ${numberId} and is_default limit 1`).then((r) => (r as unknown as { rows: Array<{ id: string }> }).rows);
    [ticket] = await uow.tx
      .insert(tickets)
      .values({
        id: uuidv7(now.getTime()), orgId: number!.orgId, numberId, contactId: contact!.id, queueId: queue!.id,
        state: serves ? 'open' : 'waiting', assigneeId: serves ? me : null, assignedAt: serves ? now : null,
        createdAt: now, lastMessageAt: now, windowExpiresAt: contact!.windowExpiresAt,
      })
      .returning();
    await uow.tx.insert(ticketEvents).values({ ticketId: ticket!.id, kind: 'created', actorId: me, toUserId: serves ? me : null, toQueueId: queue!.id, at: now });
    await recordTicket(uow, ticket!.id);
  }
  const [current] = await uow.tx.select().from(tickets).where(eq(tickets.id, ticket!.id));
  const message = await queueOutbound(uow, current!, me, { type: 'template', text: t.text, content: t.content, clientId: body.clientId, origin });
  return { ticket: (await loadTicket(uow.tx, ticket!.id))!, message };
}
