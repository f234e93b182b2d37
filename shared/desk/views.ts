import type { Ticket, TicketState } from '../api/tickets';
import type { TicketViewKind } from '../desktop-api';
import type { Queries, TicketView } from '../sync/queries';

/** The states each list starts from (the assignee rule below narrows them). */
const statesOf: Record<TicketViewKind, readonly TicketState[]> = {
  queue: ['waiting'],
  mine: ['open', 'waiting'],
  closed: ['closed'],
};

/**
 * The desk's lists (ATD-2): the queue holds waiting tickets nobody has; "mine" the open or
 * waiting tickets assigned to the signed-in user; "closed" every closed ticket of the number.
 */
export function inView(ticket: Pick<Ticket, 'state' | 'assigneeId'>, view: TicketViewKind, userId: string | null): boolean {
  if (!statesOf[view].includes(ticket.state)) return false;
  if (view === 'queue') return ticket.assigneeId === null;
  if (view === 'mine') return userId !== null && ticket.assigneeId === userId;
  return true;
}

/** One list of one number, latest activity first, with the agent's unsent changes applied. */
export function ticketsInView(query: Queries, input: { numberId: string; view: TicketViewKind; limit?: number }, userId: string | null): TicketView[] {
  const { numberId, view, limit } = input;
  // Closed needs no assignee filter, so the store can stop at the limit itself.
  if (view === 'closed') return query.tickets({ numberId, states: statesOf.closed, ...(limit === undefined ? {} : { limit }) });
  const all = query.tickets({ numberId, states: statesOf[view] }).filter((t) => inView(t, view, userId));
  return limit === undefined ? all : all.slice(0, limit);
}
