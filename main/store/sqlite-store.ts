import type { Database as Db, Statement } from 'better-sqlite3';
import type { Message } from '../../shared/api/messages';
import type { Note } from '../../shared/api/notes';
import type { Ticket } from '../../shared/api/tickets';
import type {
  CachedRow, EntityData, EntityKind, LocalStore, NoteTarget, OptimisticKind, OptimisticRow, OutboxItem, SearchQuery, SearchResult,
  SessionRecord, TicketQuery,
} from '../../shared/sync/store';
import { openDatabase, type OpenOptions } from './database';
import { CACHE_TABLES, kindTable, SEQ_SLOTS, type SqlValue } from './kinds';
import { pruneCache, type PruneOptions, type PruneResult } from './retention';
import { searchCache } from './search';

interface SessionRow { user_id: string; user_name: string; org_id: string; base_url: string; cursor: number | null }
const parse = <T>(json: string): T => JSON.parse(json) as T;

/**
 * The desktop app's LocalStore: one better-sqlite3 connection (the only writer), JSON rows with
 * the columns their queries need, FTS5 search, and statements prepared once and reused.
 */
export class SqliteStore implements LocalStore {
  private readonly statements = new Map<string, Statement>();
  private readonly inTransaction: (fn: () => unknown) => unknown;

  constructor(readonly db: Db) {
    this.inTransaction = db.transaction((fn: () => unknown) => fn());
  }

  static open(file: string, options: OpenOptions = {}): SqliteStore {
    return new SqliteStore(openDatabase(file, options));
  }

  close(): void {
    this.statements.clear();
    if (this.db.open) this.db.close();
  }

  /** Nested calls join the outer transaction (no savepoint), as the LocalStore contract says. */
  transaction<T>(fn: () => T): T {
    return this.db.inTransaction ? fn() : (this.inTransaction(fn) as T);
  }

  getSession(): SessionRecord | null {
    const r = this.sql('SELECT user_id, user_name, org_id, base_url, cursor FROM session WHERE slot = 1').get() as SessionRow | undefined;
    return r ? { userId: r.user_id, userName: r.user_name, orgId: r.org_id, baseUrl: r.base_url, cursor: r.cursor } : null;
  }

  setSession(s: SessionRecord | null): void {
    if (!s) {
      this.sql('DELETE FROM session').run();
      return;
    }
    this.sql(`INSERT INTO session (slot, user_id, user_name, org_id, base_url, cursor) VALUES (1, ?, ?, ?, ?, ?)
      ON CONFLICT (slot) DO UPDATE SET user_id = excluded.user_id, user_name = excluded.user_name, org_id = excluded.org_id,
        base_url = excluded.base_url, cursor = excluded.cursor`).run(s.userId, s.userName, s.orgId, s.baseUrl, s.cursor);
  }

  get<K extends EntityKind>(kind: K, id: string): CachedRow<K> | null {
    const t = kindTable(kind);
    const r = this.sql(`SELECT version, data FROM ${t.table} WHERE ${t.key} = ?`).get(id) as { version: number; data: string } | undefined;
    return r ? { kind, id, version: r.version, data: parse<EntityData[K]>(r.data) } : null;
  }

  versionOf(kind: EntityKind, id: string): number | null {
    const t = kindTable(kind);
    const v = this.sql(`SELECT coalesce((SELECT version FROM ${t.table} WHERE ${t.key} = @id), (SELECT version FROM tombstones WHERE kind = @kind AND id = @id))`)
      .pluck().get({ id, kind }) as number | null;
    return v ?? null;
  }

  put<K extends EntityKind>(kind: K, id: string, data: EntityData[K], version: number): void {
    const t = kindTable(kind);
    const cols: Record<string, SqlValue> = { ...t.columns(data), version, data: JSON.stringify(data) };
    this.transaction(() => {
      if (t.ordered) {
        const { column, at } = t.ordered;
        const held = this.sql(`SELECT ${column} FROM ${t.table} WHERE ${t.key} = ?`).pluck().get(id) as number | undefined;
        const ms = at(data);
        cols[column] = held !== undefined && Math.floor(held / SEQ_SLOTS) === ms ? held : this.freeSeq(t.table, column, ms);
        const names = Object.keys(cols);
        if (held === undefined) {
          this.sql(`INSERT INTO ${t.table} (${t.key}, ${names.join(', ')}) VALUES (${placeholders(names.length + 1)})`).run(id, ...Object.values(cols));
        } else {
          this.sql(`UPDATE ${t.table} SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE ${t.key} = ?`).run(...Object.values(cols), id);
        }
      } else {
        const names = Object.keys(cols);
        this.sql(`INSERT INTO ${t.table} (${t.key}, ${names.join(', ')}) VALUES (${placeholders(names.length + 1)})
          ON CONFLICT (${t.key}) DO UPDATE SET ${names.map((n) => `${n} = excluded.${n}`).join(', ')}`).run(id, ...Object.values(cols));
      }
      this.sql('DELETE FROM tombstones WHERE kind = ? AND id = ?').run(kind, id);
    });
  }

  remove(kind: EntityKind, id: string, version: number): void {
    const t = kindTable(kind);
    this.transaction(() => {
      if (kind === 'ticket') for (const child of ['messages', 'notes', 'read_markers']) this.sql(`DELETE FROM ${child} WHERE ticket_id = ?`).run(id);
      this.sql(`DELETE FROM ${t.table} WHERE ${t.key} = ?`).run(id);
      this.sql(`INSERT INTO tombstones (kind, id, version) VALUES (?, ?, ?)
        ON CONFLICT (kind, id) DO UPDATE SET version = excluded.version`).run(kind, id, version);
    });
  }

  removeNumber(numberId: string): void {
    this.transaction(() => {
      this.sql('DELETE FROM read_markers WHERE ticket_id IN (SELECT id FROM tickets WHERE number_id = ?)').run(numberId);
      for (const table of ['messages', 'notes', 'tickets', 'contacts']) this.sql(`DELETE FROM ${table} WHERE number_id = ?`).run(numberId);
      this.sql('DELETE FROM numbers WHERE id = ?').run(numberId);
    });
  }

  pruneTombstones(version: number): void {
    this.sql('DELETE FROM tombstones WHERE version <= ?').run(version);
  }

  /**
   * Empties every cached table at once: the search triggers are set aside meanwhile (a row-by-row
   * delete through them takes seconds on a big cache) and the FTS indexes emptied whole.
   */
  clearCache(): void {
    this.transaction(() => {
      const triggers = this.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as Array<{ name: string; sql: string }>;
      for (const t of triggers) this.db.exec(`DROP TRIGGER "${t.name}"`);
      for (const table of [...CACHE_TABLES, 'tombstones']) this.sql(`DELETE FROM ${table}`).run();
      const fts = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'").pluck().all() as string[];
      for (const name of fts) this.db.exec(`INSERT INTO "${name}" ("${name}") VALUES ('delete-all')`);
      for (const t of triggers) this.db.exec(t.sql);
    });
  }

  clearAll(): void {
    this.transaction(() => {
      this.clearCache();
      for (const table of ['outbox', 'optimistic', 'session']) this.sql(`DELETE FROM ${table}`).run();
    });
  }

  tickets(query: TicketQuery): Ticket[] {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (query.numberId !== undefined) {
      where.push('number_id = ?');
      params.push(query.numberId);
    }
    if (query.states) {
      where.push(`state IN (${placeholders(query.states.length)})`);
      params.push(...query.states);
    }
    const sql = `SELECT data FROM tickets ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY last_message_at DESC, id DESC LIMIT ?`;
    return this.jsonRows<Ticket>(sql, ...params, query.limit ?? -1);
  }

  messages(ticketId: string, limit?: number): Message[] {
    if (limit === undefined) return this.jsonRows<Message>('SELECT data FROM messages WHERE ticket_id = ? ORDER BY created_at, id', ticketId);
    return this.jsonRows<Message>(
      `SELECT data FROM (SELECT data, created_at, id FROM messages WHERE ticket_id = ? ORDER BY created_at DESC, id DESC LIMIT ?)
       ORDER BY created_at, id`, ticketId, limit,
    );
  }

  notes(target: NoteTarget): Note[] {
    const [col, id] = 'ticketId' in target ? ['ticket_id', target.ticketId] : ['contact_id', target.contactId];
    return this.jsonRows<Note>(`SELECT data FROM notes WHERE ${col} = ? ORDER BY created_at, id`, id);
  }

  search(query: SearchQuery): SearchResult {
    return searchCache((sql) => this.sql(sql), query);
  }

  list<K extends 'number' | 'quick_reply_category' | 'agent_status' | 'read_marker' | 'contact'>(kind: K): Array<EntityData[K]> {
    return this.jsonRows<EntityData[K]>(`SELECT data FROM ${kindTable(kind).table} ORDER BY rowid`);
  }

  outbox(): OutboxItem[] {
    return this.jsonRows<OutboxItem>('SELECT data FROM outbox ORDER BY ord');
  }

  getOutboxItem(id: string): OutboxItem | null {
    const data = this.sql('SELECT data FROM outbox WHERE id = ?').pluck().get(id) as string | undefined;
    return data === undefined ? null : parse<OutboxItem>(data);
  }

  putOutboxItem(item: OutboxItem): void {
    this.sql(`INSERT INTO outbox (id, ord, lane, status, data) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET ord = excluded.ord, lane = excluded.lane, status = excluded.status, data = excluded.data`)
      .run(item.id, item.order, item.lane, item.status, JSON.stringify(item));
  }

  removeOutboxItem(id: string): void {
    this.sql('DELETE FROM outbox WHERE id = ?').run(id);
  }

  optimistic(filter: { ticketId?: string; kind?: OptimisticKind } = {}): OptimisticRow[] {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.ticketId !== undefined) {
      where.push('ticket_id = ?');
      params.push(filter.ticketId);
    }
    if (filter.kind !== undefined) {
      where.push('kind = ?');
      params.push(filter.kind);
    }
    return this.jsonRows<OptimisticRow>(`SELECT data FROM optimistic ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ord`, ...params);
  }

  putOptimistic(row: OptimisticRow): void {
    this.sql(`INSERT INTO optimistic (outbox_id, ord, kind, ticket_id, data) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (outbox_id) DO UPDATE SET ord = excluded.ord, kind = excluded.kind, ticket_id = excluded.ticket_id, data = excluded.data`)
      .run(row.outboxId, row.order, row.kind, row.ticketId, JSON.stringify(row));
  }

  removeOptimistic(outboxId: string): void {
    this.sql('DELETE FROM optimistic WHERE outbox_id = ?').run(outboxId);
  }

  /**
   * Retention: drops old closed tickets and what hangs on them (see retention.ts), at most
   * `options.maxTickets` per call so the caller can spread a big prune over several turns.
   */
  prune(options: PruneOptions): PruneResult {
    return this.transaction(() => pruneCache((sql) => this.sql(sql), options));
  }

  // ---- internals ---------------------------------------------------------------------------

  private sql(text: string): Statement {
    let s = this.statements.get(text);
    if (!s) this.statements.set(text, (s = this.db.prepare(text)));
    return s;
  }

  private jsonRows<T>(text: string, ...params: SqlValue[]): T[] {
    return (this.sql(text).pluck().all(...params) as string[]).map((d) => parse<T>(d));
  }

  /** The first free key among a millisecond's slots (the next millisecond's when a burst filled them all). */
  private freeSeq(table: string, column: string, ms: number): number {
    for (let at = ms; ; at++) {
      const base = at * SEQ_SLOTS;
      const last = this.sql(`SELECT max(${column}) FROM ${table} WHERE ${column} >= ? AND ${column} < ?`).pluck().get(base, base + SEQ_SLOTS) as number | null;
      if (last === null) return base;
      if (last + 1 < base + SEQ_SLOTS) return last + 1;
    }
  }
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');
