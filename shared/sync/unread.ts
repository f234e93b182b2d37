import type { Message } from '../api/messages';
import type { ReadMarker, Ticket } from '../api/tickets';
import type { LocalStore } from './store';

/** What counting reads from the cache. */
export interface UnreadSource {
  /** The ticket's latest `limit` messages in the server's order (the server's rows only, not unsent ones). */
  messages(ticketId: string, limit: number): readonly Message[];
  /** The signed-in user's marker on the ticket, their own unsent one first (`Queries.readMarker`). */
  readMarker(ticketId: string): ReadMarker | null;
}

/** The server stops counting here (server/services/tickets-list.ts), and so does the cache. */
export const UNREAD_MAX = 100;
/** The first read of a ticket's latest messages: enough for nearly every ticket, so a list stays cheap. */
const FIRST_READ = 12;

type Counted = Pick<Ticket, 'id' | 'state' | 'unread' | 'lastMessageAuthor'>;
/** A count from the messages read, or null when older messages are needed to tell. */
type Rule = (messages: readonly Message[], maybeOlder: boolean) => number | null;

const fromCustomer = (m: Message) => m.direction === 'in' && m.author === 'customer';
const customerCount = (messages: readonly Message[]) => messages.reduce((n, m) => (fromCustomer(m) ? n + 1 : n), 0);

/**
 * Customer messages the signed-in user has not read on this ticket, as the cache shows them now.
 * With a read marker (theirs, unsent ones included): the customer messages after it, from the
 * cached messages; the server's count only when the cache lacks the messages after the marker.
 * Without a marker: the server's count when the row came with one (REST rows; change-feed rows
 * leave it out), else the customer messages since the last reply. A closed ticket counts none:
 * nothing on it waits for the agent, and the desk does not mark one read.
 */
export function ticketUnread(ticket: Counted, source: UnreadSource): number {
  if (ticket.state === 'closed') return 0;
  const marker = source.readMarker(ticket.id);
  if (marker) return latest(source, ticket.id, afterMarker(marker, ticket.unread));
  if (ticket.unread !== undefined) return ticket.unread;
  // Sent by us last (or nothing at all): nothing since the last reply, without reading a message.
  if (ticket.lastMessageAuthor === null || ticket.lastMessageAuthor === 'agent' || ticket.lastMessageAuthor === 'bot') return 0;
  return latest(source, ticket.id, sinceLastReply);
}

/** Reads a few of the latest messages, and up to UNREAD_MAX only when the rule needs older ones. */
function latest(source: UnreadSource, ticketId: string, rule: Rule): number {
  const few = source.messages(ticketId, FIRST_READ);
  const count = rule(few, few.length === FIRST_READ) ?? rule(source.messages(ticketId, UNREAD_MAX), false) ?? 0;
  return Math.min(count, UNREAD_MAX);
}

function afterMarker(marker: ReadMarker, serverCount: number | undefined): Rule {
  const markedAt = Date.parse(marker.at);
  return (messages, maybeOlder) => {
    for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.id === marker.upTo) return customerCount(messages.slice(i + 1));
    // The marked message is not among these: what came after the moment of marking is unread,
    // provided the messages read reach back to that moment.
    const oldest = messages[0];
    if (oldest && Date.parse(oldest.createdAt) <= markedAt) return customerCount(messages.filter((m) => Date.parse(m.createdAt) > markedAt));
    if (maybeOlder) return null;
    // The cache lacks the messages between the marker and the oldest one it holds.
    return serverCount ?? customerCount(messages);
  };
}

const sinceLastReply: Rule = (messages, maybeOlder) => {
  let count = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.direction !== 'in') return count;
    if (fromCustomer(m)) count++;
  }
  return maybeOlder ? null : count;
};

/**
 * Every read marker of the cache at once, the user's unsent ones over the server's (the rule of
 * `Queries.readMarker`), for counting a whole list with two reads instead of two per ticket.
 */
export function readMarkersOf(store: Pick<LocalStore, 'list' | 'optimistic'>): Map<string, ReadMarker> {
  const markers = new Map(store.list('read_marker').map((m) => [m.ticketId, m]));
  // By order: the last unsent marker of a ticket wins.
  for (const row of store.optimistic({ kind: 'read_marker' })) if (row.kind === 'read_marker') markers.set(row.targetId, row.data);
  return markers;
}
