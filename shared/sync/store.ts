import type { NumberInfo } from '../api/auth';
import type { AgentStatus } from '../api/common';
import type { Message } from '../api/messages';
import type { Note, QuickReplyCategory } from '../api/notes';
import type { Contact, ReadMarker, Ticket, TicketState } from '../api/tickets';
import type { OutboxAction } from './actions';

/** What the cache holds, by kind. Every row is the server's copy, never an optimistic one. */
export interface EntityData {
  ticket: Ticket;
  message: Message;
  note: Note;
  contact: Contact;
  quick_reply_category: QuickReplyCategory;
  /** Keyed by ticket id: the signed-in user's marker on that ticket. */
  read_marker: ReadMarker;
  /** Keyed by user id. */
  agent_status: { userId: string; status: AgentStatus };
  /** The user's numbers with their access level, from GET /api/v1/me. */
  number: NumberInfo;
}
export type EntityKind = keyof EntityData;

/**
 * `version` is the change-feed `seq` the row came from. A change is applied only when its seq is
 * above the version held (for the row or its tombstone), so replays and late events are harmless.
 * Rows loaded from REST answers carry the version known before the request (0 when none).
 */
export interface CachedRow<K extends EntityKind = EntityKind> {
  kind: K;
  id: string;
  version: number;
  data: EntityData[K];
}

/** Who the cache belongs to, and how far the change feed was read (null = load a snapshot first). */
export interface SessionRecord {
  userId: string;
  userName: string;
  orgId: string;
  baseUrl: string;
  cursor: number | null;
}

export type OutboxStatus = 'pending' | 'sending' | 'failed';

/** One action of the agent, waiting to reach the server. Its id is the request's `clientId`. */
export interface OutboxItem {
  id: string;
  /** Position among all items (display and per-lane send order); kept when an item is edited. */
  order: number;
  /** Items of one lane go one at a time, in order: `ticket:<id>`, `contact:<id>` or `me`. */
  lane: string;
  action: OutboxAction;
  status: OutboxStatus;
  attempts: number;
  /** Why it failed (a server error code, or `expired`), while `status` is `failed`. */
  error: { code: string; message: string } | null;
  /** Epoch milliseconds. */
  createdAt: number;
}

/** What an optimistic row shows until the server answers, by kind. */
export interface OptimisticData {
  message: Message;
  note: Note;
  /** Fields of the ticket as the action will change them (close, reopen, transfer). */
  ticket: Partial<Ticket>;
  read_marker: ReadMarker;
  agent_status: { userId: string; status: AgentStatus };
}
export type OptimisticKind = keyof OptimisticData;

/**
 * The local effect of one outbox item, shown on top of the server's rows. Written in the same
 * transaction as its item; removed when the server's answer (or the change feed) replaces it.
 * `targetId`: the message's or note's clientId, the ticket id, or the user id.
 */
export type OptimisticRow = {
  [K in OptimisticKind]: { outboxId: string; order: number; kind: K; targetId: string; ticketId: string | null; data: OptimisticData[K] };
}[OptimisticKind];

export type NoteTarget = { ticketId: string } | { contactId: string };

export interface TicketQuery {
  numberId?: string;
  states?: readonly TicketState[];
  limit?: number;
}

/** Offline search over the cache (the rule is in search-text.ts). */
export interface SearchQuery {
  /** What the user typed; an empty or punctuation-only text finds nothing. */
  text: string;
  numberId?: string;
  /** Most tickets and most messages to return (each); default 50. */
  limit?: number;
}
export interface SearchResult {
  /** Tickets whose contact (name, phone) or last message preview match; latest activity first. */
  tickets: Ticket[];
  /** Cached messages whose text, caption or file name match; newest first. */
  messages: Message[];
}
export const SEARCH_LIMIT = 50;

/**
 * The client's local database. Everything is synchronous so that `transaction` can hold any
 * sequence of calls atomically, as better-sqlite3 does; the in-memory store follows the same
 * contract (tests/engine-suite.ts checks both). Returned objects must be treated as read-only.
 */
export interface LocalStore {
  /** Runs `fn` atomically: all of its writes, or none if it throws. Nested calls join the outer one. */
  transaction<T>(fn: () => T): T;

  getSession(): SessionRecord | null;
  setSession(session: SessionRecord | null): void;

  get<K extends EntityKind>(kind: K, id: string): CachedRow<K> | null;
  /** The version of the row, or of its tombstone when it was removed; null when never seen (or pruned). */
  versionOf(kind: EntityKind, id: string): number | null;
  put<K extends EntityKind>(kind: K, id: string, data: EntityData[K], version: number): void;
  /**
   * Removes the row and leaves a tombstone at `version`. Removing a ticket also removes its
   * messages, notes and read marker (without tombstones of their own).
   */
  remove(kind: EntityKind, id: string, version: number): void;
  /** Removes a number and everything cached under it (tickets and their content, contacts, notes). */
  removeNumber(numberId: string): void;
  /** Forgets tombstones at or below `version` (the cursor: nothing older can arrive any more). */
  pruneTombstones(version: number): void;
  /** Removes every cached row and tombstone; keeps the session, the outbox and optimistic rows. */
  clearCache(): void;
  /** Removes everything, session included. */
  clearAll(): void;

  /** Latest activity first (`lastMessageAt` desc, then id desc). */
  tickets(query: TicketQuery): Ticket[];
  /** Server order (`createdAt`, then id); with `limit`, the latest ones. */
  messages(ticketId: string, limit?: number): Message[];
  /** Oldest first (`createdAt`, then id). */
  notes(target: NoteTarget): Note[];
  /** Offline search over cached tickets, contacts and messages (server rows only, not optimistic ones). */
  search(query: SearchQuery): SearchResult;
  /** Small kinds listed whole. */
  list<K extends 'number' | 'quick_reply_category' | 'agent_status' | 'read_marker' | 'contact'>(kind: K): Array<EntityData[K]>;

  /** Every item, by `order`. */
  outbox(): OutboxItem[];
  getOutboxItem(id: string): OutboxItem | null;
  putOutboxItem(item: OutboxItem): void;
  removeOutboxItem(id: string): void;

  /** By `order`; filtered to one ticket's rows when `ticketId` is given. */
  optimistic(filter?: { ticketId?: string; kind?: OptimisticKind }): OptimisticRow[];
  putOptimistic(row: OptimisticRow): void;
  removeOptimistic(outboxId: string): void;
}

/** Where a message or note belongs, to cascade and index. */
export function ticketOf(kind: EntityKind, data: EntityData[EntityKind]): string | null {
  if (kind === 'message') return (data as Message).ticketId;
  if (kind === 'note') return (data as Note).ticketId;
  if (kind === 'read_marker') return (data as ReadMarker).ticketId;
  if (kind === 'ticket') return (data as Ticket).id;
  return null;
}

/** The number a row belongs to (null for organisation-wide rows). */
export function numberOf(kind: EntityKind, data: EntityData[EntityKind]): string | null {
  switch (kind) {
    case 'ticket':
    case 'message':
    case 'note':
    case 'contact':
      return (data as Ticket | Message | Note | Contact).numberId;
    case 'number':
      return (data as NumberInfo).id;
    default:
      return null;
  }
}
