import type { Message } from '../api/messages';
import type { Note } from '../api/notes';
import type { Contact, Ticket } from '../api/tickets';
import { digitsOf, messageSearchText, phoneDigitsQuery, searchWords, ticketSearchText, wordsMatch } from './search-text';
import {
  numberOf, SEARCH_LIMIT, ticketOf,
  type CachedRow, type EntityData, type EntityKind, type LocalStore, type NoteTarget, type OptimisticKind,
  type OptimisticRow, type OutboxItem, type SearchQuery, type SearchResult, type SessionRecord, type TicketQuery,
} from './store';

type AnyRow = CachedRow<EntityKind>;

/**
 * The in-memory LocalStore (web build, tests). Transactions keep an undo log: each write records
 * how to take itself back, and a throw replays the log backwards.
 */
export class MemoryStore implements LocalStore {
  private session: SessionRecord | null = null;
  private rows = new Map<EntityKind, Map<string, AnyRow>>();
  private tombstones = new Map<string, number>();
  /** ticket id → ids of its messages / notes; number id → ids of its rows of each kind. */
  private byTicket = new Map<string, Set<string>>();
  private outboxItems = new Map<string, OutboxItem>();
  private optimisticRows = new Map<string, OptimisticRow>();
  private undo: Array<() => void> | null = null;

  transaction<T>(fn: () => T): T {
    if (this.undo) return fn();
    this.undo = [];
    try {
      const result = fn();
      this.undo = null;
      return result;
    } catch (err) {
      const log = this.undo ?? [];
      this.undo = null;
      for (let i = log.length - 1; i >= 0; i--) log[i]!();
      throw err;
    }
  }

  getSession(): SessionRecord | null {
    return this.session;
  }

  setSession(session: SessionRecord | null): void {
    const before = this.session;
    this.log(() => (this.session = before));
    this.session = session ? { ...session } : null;
  }

  get<K extends EntityKind>(kind: K, id: string): CachedRow<K> | null {
    return (this.table(kind).get(id) as CachedRow<K> | undefined) ?? null;
  }

  versionOf(kind: EntityKind, id: string): number | null {
    return this.table(kind).get(id)?.version ?? this.tombstones.get(key(kind, id)) ?? null;
  }

  put<K extends EntityKind>(kind: K, id: string, data: EntityData[K], version: number): void {
    this.setRow({ kind, id, version, data } as AnyRow);
    this.setTombstone(kind, id, undefined);
  }

  remove(kind: EntityKind, id: string, version: number): void {
    if (kind === 'ticket') {
      for (const childKey of [...(this.byTicket.get(id) ?? [])]) {
        const [childKind, childId] = splitKey(childKey);
        this.deleteRow(childKind, childId);
      }
    }
    this.deleteRow(kind, id);
    this.setTombstone(kind, id, version);
  }

  removeNumber(numberId: string): void {
    for (const kind of ['message', 'note', 'read_marker', 'ticket', 'contact', 'number'] as const) {
      for (const row of [...this.table(kind).values()]) {
        const n = kind === 'read_marker' ? this.numberOfTicket(row.id) : numberOf(kind, row.data);
        if (n === numberId) this.deleteRow(kind, row.id);
      }
    }
  }

  pruneTombstones(version: number): void {
    for (const [k, v] of [...this.tombstones]) if (v <= version) this.setTombstone(...splitKey(k), undefined);
  }

  clearCache(): void {
    const [rows, tombstones, byTicket] = [this.rows, this.tombstones, this.byTicket];
    this.log(() => {
      this.rows = rows;
      this.tombstones = tombstones;
      this.byTicket = byTicket;
    });
    this.rows = new Map();
    this.tombstones = new Map();
    this.byTicket = new Map();
  }

  clearAll(): void {
    this.clearCache();
    const [outbox, optimistic] = [this.outboxItems, this.optimisticRows];
    this.log(() => {
      this.outboxItems = outbox;
      this.optimisticRows = optimistic;
    });
    this.outboxItems = new Map();
    this.optimisticRows = new Map();
    this.setSession(null);
  }

  tickets(query: TicketQuery): Ticket[] {
    const found: Ticket[] = [];
    for (const row of this.table('ticket').values()) {
      const t = row.data as Ticket;
      if (query.numberId && t.numberId !== query.numberId) continue;
      if (query.states && !query.states.includes(t.state)) continue;
      found.push(t);
    }
    found.sort((a, b) => (a.lastMessageAt === b.lastMessageAt ? cmp(b.id, a.id) : cmp(b.lastMessageAt, a.lastMessageAt)));
    return query.limit === undefined ? found : found.slice(0, query.limit);
  }

  messages(ticketId: string, limit?: number): Message[] {
    const found = this.children(ticketId, 'message') as Message[];
    found.sort(serverOrder);
    return limit === undefined ? found : found.slice(Math.max(0, found.length - limit));
  }

  notes(target: NoteTarget): Note[] {
    const found = 'ticketId' in target
      ? (this.children(target.ticketId, 'note') as Note[])
      : [...this.table('note').values()].map((r) => r.data as Note).filter((n) => n.contactId === target.contactId);
    return found.sort(serverOrder);
  }

  search(query: SearchQuery): SearchResult {
    const words = searchWords(query.text);
    const digits = phoneDigitsQuery(query.text);
    if (words.length === 0) return { tickets: [], messages: [] };
    const limit = query.limit ?? SEARCH_LIMIT;
    const inNumber = (n: string) => query.numberId === undefined || n === query.numberId;
    const matches = (texts: string[]) => wordsMatch(words, texts.flatMap(searchWords));
    const contactOf = (t: Ticket) => (this.table('contact').get(t.contact.id)?.data as Contact | undefined) ?? null;
    const tickets = this.tickets({ ...(query.numberId === undefined ? {} : { numberId: query.numberId }) })
      .filter((t) => matches(ticketSearchText(t, contactOf(t))) || (digits !== null && digitsOf(t.contact.phone).includes(digits)))
      .slice(0, limit);
    const messages = [...this.table('message').values()]
      .map((r) => r.data as Message)
      .filter((m) => inNumber(m.numberId) && matches(messageSearchText(m)))
      .sort((a, b) => serverOrder(b, a))
      .slice(0, limit);
    return { tickets, messages };
  }

  list<K extends 'number' | 'quick_reply_category' | 'agent_status' | 'read_marker' | 'contact'>(kind: K): Array<EntityData[K]> {
    return [...this.table(kind).values()].map((r) => r.data as EntityData[K]);
  }

  outbox(): OutboxItem[] {
    return [...this.outboxItems.values()].sort((a, b) => a.order - b.order);
  }

  getOutboxItem(id: string): OutboxItem | null {
    return this.outboxItems.get(id) ?? null;
  }

  putOutboxItem(item: OutboxItem): void {
    this.setIn(this.outboxItems, item.id, { ...item });
  }

  removeOutboxItem(id: string): void {
    this.setIn(this.outboxItems, id, undefined);
  }

  optimistic(filter: { ticketId?: string; kind?: OptimisticKind } = {}): OptimisticRow[] {
    return [...this.optimisticRows.values()]
      .filter((r) => (filter.ticketId === undefined || r.ticketId === filter.ticketId) && (filter.kind === undefined || r.kind === filter.kind))
      .sort((a, b) => a.order - b.order);
  }

  putOptimistic(row: OptimisticRow): void {
    this.setIn(this.optimisticRows, row.outboxId, row);
  }

  removeOptimistic(outboxId: string): void {
    this.setIn(this.optimisticRows, outboxId, undefined);
  }

  // ---- internals ---------------------------------------------------------------------------

  private table(kind: EntityKind): Map<string, AnyRow> {
    let t = this.rows.get(kind);
    if (!t) this.rows.set(kind, (t = new Map()));
    return t;
  }

  private log(undo: () => void): void {
    this.undo?.push(undo);
  }

  private setIn<V>(map: Map<string, V>, id: string, value: V | undefined): void {
    const before = map.get(id);
    this.log(() => (before === undefined ? map.delete(id) : map.set(id, before)));
    if (value === undefined) map.delete(id);
    else map.set(id, value);
  }

  private setRow(row: AnyRow): void {
    const table = this.table(row.kind);
    this.setIn(table, row.id, row);
    const parent = row.kind === 'ticket' ? null : ticketOf(row.kind, row.data);
    if (parent) this.index(parent, key(row.kind, row.id), true);
  }

  private deleteRow(kind: EntityKind, id: string): void {
    const row = this.table(kind).get(id);
    if (!row) return;
    this.setIn(this.table(kind), id, undefined);
    const parent = kind === 'ticket' ? null : ticketOf(kind, row.data);
    if (parent) this.index(parent, key(kind, id), false);
  }

  private index(ticketId: string, child: string, add: boolean): void {
    let set = this.byTicket.get(ticketId);
    if (!set) this.byTicket.set(ticketId, (set = new Set()));
    const had = set.has(child);
    if (had === add) return;
    const target = set;
    this.log(() => (had ? target.add(child) : target.delete(child)));
    if (add) set.add(child);
    else set.delete(child);
  }

  private setTombstone(kind: EntityKind, id: string, version: number | undefined): void {
    this.setIn(this.tombstones, key(kind, id), version);
  }

  private children(ticketId: string, kind: 'message' | 'note'): Array<EntityData['message'] | EntityData['note']> {
    const out: Array<EntityData['message'] | EntityData['note']> = [];
    for (const k of this.byTicket.get(ticketId) ?? []) {
      const [childKind, childId] = splitKey(k);
      if (childKind !== kind) continue;
      const row = this.table(kind).get(childId);
      if (row) out.push(row.data as EntityData['message'] | EntityData['note']);
    }
    return out;
  }

  private numberOfTicket(ticketId: string): string | null {
    const t = this.table('ticket').get(ticketId);
    return t ? (t.data as Ticket).numberId : null;
  }
}

const key = (kind: EntityKind, id: string) => `${kind}\u0000${id}`;
function splitKey(k: string): [EntityKind, string] {
  const i = k.indexOf('\u0000');
  return [k.slice(0, i) as EntityKind, k.slice(i + 1)];
}
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
function serverOrder(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number {
  const ta = Date.parse(a.createdAt);
  const tb = Date.parse(b.createdAt);
  return ta === tb ? cmp(a.id, b.id) : ta - tb;
}
