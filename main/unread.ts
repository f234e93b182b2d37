import type { Message } from '../shared/api/messages';
import type { ReadMarker, Ticket } from '../shared/api/tickets';

/** What counting needs from the cache (the engine's queries, so the agent's unsent read marks count). */
export interface UnreadSource {
  tickets(query: { states: ReadonlyArray<Ticket['state']> }): Ticket[];
  /** Server order, latest `limit`. */
  messages(ticketId: string, limit: number): Message[];
  readMarker(ticketId: string): ReadMarker | null;
}

/** Further back than this, a ticket counts its last `SCAN` messages at most. */
const SCAN = 100;

const fromCustomer = (m: Message) => m.direction === 'in' && m.author === 'customer';

/**
 * Customer messages the agent has not read yet, over the open tickets assigned to them. After
 * the agent's read marker when there is one; without a marker, the server's count from the last
 * snapshot when the row still has it, else the customer messages since the last reply.
 */
export function ticketUnread(ticket: Ticket, source: UnreadSource): number {
  const messages = source.messages(ticket.id, SCAN);
  const marker = source.readMarker(ticket.id);
  if (marker) {
    const at = messages.findIndex((m) => m.id === marker.upTo);
    const after = at >= 0 ? messages.slice(at + 1) : messages.filter((m) => m.createdAt > marker.at);
    return after.filter(fromCustomer).length;
  }
  if (ticket.unread !== undefined) return ticket.unread;
  let count = 0;
  for (let i = messages.length - 1; i >= 0 && messages[i]!.direction === 'in'; i--) if (fromCustomer(messages[i]!)) count++;
  return count;
}

export function unreadCount(source: UnreadSource, userId: string | null): number {
  if (!userId) return 0;
  return source
    .tickets({ states: ['open', 'waiting'] })
    .filter((t) => t.assigneeId === userId)
    .reduce((sum, t) => sum + ticketUnread(t, source), 0);
}
