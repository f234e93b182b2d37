import type { Ticket } from '../shared/api/tickets';
import { ticketUnread, type UnreadSource } from '../shared/sync/unread';

/** What the tray's count reads from the cache (the engine's queries, so the agent's unsent read marks count). */
export interface TrayUnreadSource extends UnreadSource {
  tickets(query: { states: ReadonlyArray<Ticket['state']> }): Ticket[];
}

/** Customer messages the agent has not read, over the open and waiting tickets assigned to them (the desk's rule per ticket). */
export function unreadCount(source: TrayUnreadSource, userId: string | null): number {
  if (!userId) return 0;
  return source
    .tickets({ states: ['open', 'waiting'] })
    .filter((t) => t.assigneeId === userId)
    .reduce((sum, t) => sum + ticketUnread(t, source), 0);
}
