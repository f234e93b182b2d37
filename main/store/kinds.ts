import type { Message } from '../../shared/api/messages';
import type { Note } from '../../shared/api/notes';
import type { Contact, Ticket } from '../../shared/api/tickets';
import { digitsOf } from '../../shared/sync/search-text';
import type { EntityData, EntityKind } from '../../shared/sync/store';

export type SqlValue = string | number | null;

/** Where a cached kind lives: its table, the column holding its id, and the indexed columns taken from its JSON. */
export interface KindTable<K extends EntityKind = EntityKind> {
  table: string;
  key: string;
  columns: (data: EntityData[K]) => Record<string, SqlValue>;
  /**
   * A time-ordered key (ms × SEQ_SLOTS + a free slot) kept in `column`, chosen again whenever the
   * time it follows changes: `seq` of messages (createdAt), `activity_seq` of tickets (lastMessageAt).
   */
  ordered?: { column: 'seq' | 'activity_seq'; at: (data: EntityData[K]) => number };
}

/** Epoch milliseconds of an ISO date; 0 for a date that does not parse (it then sorts first). */
export const epochMs = (iso: string): number => {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : 0;
};

const KINDS: { [K in EntityKind]: KindTable<K> } = {
  ticket: {
    table: 'tickets',
    key: 'id',
    columns: (t: Ticket) => ({
      number_id: t.numberId, state: t.state, last_message_at: t.lastMessageAt, contact_id: t.contact.id, phone_digits: digitsOf(t.contact.phone),
    }),
    ordered: { column: 'activity_seq', at: (t: Ticket) => epochMs(t.lastMessageAt) },
  },
  message: {
    table: 'messages',
    key: 'id',
    columns: (m: Message) => ({ ticket_id: m.ticketId, number_id: m.numberId, created_at: epochMs(m.createdAt) }),
    ordered: { column: 'seq', at: (m: Message) => epochMs(m.createdAt) },
  },
  note: {
    table: 'notes',
    key: 'id',
    columns: (n: Note) => ({ ticket_id: n.ticketId, contact_id: n.contactId, number_id: n.numberId, created_at: epochMs(n.createdAt) }),
  },
  contact: { table: 'contacts', key: 'id', columns: (c: Contact) => ({ number_id: c.numberId }) },
  quick_reply_category: { table: 'quick_reply_categories', key: 'id', columns: () => ({}) },
  read_marker: { table: 'read_markers', key: 'ticket_id', columns: () => ({}) },
  agent_status: { table: 'agent_statuses', key: 'user_id', columns: () => ({}) },
  number: { table: 'numbers', key: 'id', columns: () => ({}) },
};

export const kindTable = <K extends EntityKind>(kind: K): KindTable<K> => KINDS[kind];

export const CACHE_TABLES = Object.values(KINDS).map((k) => k.table);

/** Messages per millisecond that get their own `seq` slot (more spill into the next millisecond). */
export const SEQ_SLOTS = 1024;
