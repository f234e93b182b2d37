import { eq, sql } from 'drizzle-orm';
import { rows } from '../db/client';
import { ticketEvents, tickets } from '../db/schema';
import { inactivityCloseReason } from '../domain/tickets';
import type { AuthorKind, TicketState } from '../../shared/api/tickets';
import type { ServiceContext } from './context';
import { recordTicket } from './presenters';
import { distributeWaiting } from './routing';
import { inTransaction } from './unit-of-work';

/**
 * Closes tickets whose number's inactivity timeout expired (SPEC: abandoned, lost or inactive).
 * Rows are claimed with SKIP LOCKED so several nodes sweep without closing one ticket twice.
 * Answers how many were closed.
 */
export async function closeInactiveTickets(ctx: ServiceContext, batch = 200): Promise<number> {
  const now = ctx.clock.now();
  const closed = await inTransaction(ctx, async (uow) => {
    const due = await rows<{ id: string; number_id: string; state: TicketState; assignee_id: string | null; last_message_author: AuthorKind | null }>(uow.tx, sql`
      select t.id, t.number_id, t.state, t.assignee_id, t.last_message_author
      from tickets t join numbers n on n.id = t.number_id
      where t.state <> 'closed'
        and t.last_message_at <= ${now.toISOString()}::timestamptz - make_interval(mins => n.inactivity_minutes)
      order by t.last_message_at
      limit ${batch}
      for update of t skip locked`);
    for (const t of due) {
      const reason = inactivityCloseReason(t.state, t.last_message_author);
      await uow.tx.update(tickets).set({ state: 'closed', closeReason: reason, closedAt: now, closedBy: null }).where(eq(tickets.id, t.id));
      await uow.tx.insert(ticketEvents).values({ ticketId: t.id, kind: 'closed', fromUserId: t.assignee_id, closeReason: reason, at: now });
      await recordTicket(uow, t.id);
    }
    return due;
  });
  for (const numberId of new Set(closed.map((t) => t.number_id))) await distributeWaiting(ctx, numberId);
  return closed.length;
}
