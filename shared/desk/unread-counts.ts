import type { ReadMarker, Ticket } from '../api/tickets';
import type { StoreChange } from '../sync/apply';
import type { Queries } from '../sync/queries';
import type { LocalStore } from '../sync/store';
import { readMarkersOf, ticketUnread } from '../sync/unread';

type Counted = Pick<Ticket, 'id' | 'state' | 'unread' | 'lastMessageAuthor' | 'lastMessageAt'>;
/** From this many tickets on, every marker is read at once instead of two reads per ticket. */
const ALL_MARKERS_FROM = 20;

/**
 * The unread count of each ticket the desk lists, from the cache (`ticketUnread`), so that a
 * change-feed row (which carries no count) still shows one, and marking read or a new customer
 * message moves it at once. Counts are kept per ticket until a change touches that ticket, so a
 * list of thousands reloaded after every change reads the messages of the changed tickets only.
 */
export class UnreadCounts {
  private readonly known = new Map<string, { key: string; count: number }>();

  constructor(private readonly store: LocalStore, private readonly query: Queries) {}

  /** The tickets with `unread` as the cache has it now. */
  withCounts<T extends Counted>(tickets: readonly T[]): T[] {
    if (tickets.length === 0) return [];
    const markers = tickets.length >= ALL_MARKERS_FROM ? readMarkersOf(this.store) : null;
    const readMarker = (id: string) => (markers ? (markers.get(id) ?? null) : this.query.readMarker(id));
    return tickets.map((t) => ({ ...t, unread: this.count(t, readMarker) }));
  }

  /** Forgets the counts of the tickets these changes touch. */
  changed(changes: readonly StoreChange[]): void {
    for (const c of changes) {
      if (c.ticketId) this.known.delete(c.ticketId);
      if (c.entity === 'ticket') this.known.delete(c.id);
    }
  }

  /** Forgets every count (a snapshot or another user). */
  clear(): void {
    this.known.clear();
  }

  private count(t: Counted, readMarker: (ticketId: string) => ReadMarker | null): number {
    const marker = readMarker(t.id);
    // What the count depends on besides the messages (whose changes arrive through `changed`).
    const key = `${t.state}|${t.lastMessageAt}|${t.lastMessageAuthor}|${t.unread}|${marker?.upTo}|${marker?.at}`;
    const held = this.known.get(t.id);
    if (held?.key === key) return held.count;
    const count = ticketUnread(t, { readMarker: () => marker, messages: (id, limit) => this.store.messages(id, limit) });
    this.known.set(t.id, { key, count });
    return count;
  }
}
