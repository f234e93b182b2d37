import type { Statement } from 'better-sqlite3';
import type { Message } from '../../shared/api/messages';
import type { Contact, Ticket } from '../../shared/api/tickets';
import { messageSearchText, phoneDigitsQuery, searchWords, ticketSearchText, wordsMatch } from '../../shared/sync/search-text';
import { SEARCH_LIMIT, type SearchQuery, type SearchResult } from '../../shared/sync/store';
import { epochMs } from './kinds';

type Prepare = (sql: string) => Statement;

/** Candidates read before the fast query gives way to the exact one. */
const CANDIDATE_CAP = 300;
/** Longest prefix with an index of its own (migration 002: `prefix = '2 3'`). */
const INDEXED_PREFIX = 3;

/**
 * An FTS5 query meaning "every word, as a prefix": each word is a quoted string (quotes doubled),
 * so operators, parentheses, colons and stars typed by the user are plain text.
 */
export function ftsQuery(words: readonly string[]): string {
  return words.map((w) => `"${w.replaceAll('"', '""')}"*`).join(' ');
}

/**
 * The same words cut to the indexed prefix length (one-letter words dropped when others remain).
 * FTS5 reads such a query lazily in rowid order, where a longer prefix would first merge every
 * match; it finds a superset, which the exact rule then filters.
 */
export function candidateQuery(words: readonly string[]): string {
  const useful = words.filter((w) => [...w].length > 1);
  return ftsQuery((useful.length ? useful : words).map((w) => [...w].slice(0, INDEXED_PREFIX).join('')));
}

/**
 * Offline search: FTS5 indexes keyed by time (tickets by last activity, messages by creation) are
 * read newest first, each candidate checked with the rule of shared/sync/search-text.ts, until the
 * limit is reached. Answers exactly like MemoryStore.search.
 */
export function searchCache(prepare: Prepare, query: SearchQuery): SearchResult {
  const words = searchWords(query.text);
  const limit = query.limit ?? SEARCH_LIMIT;
  if (words.length === 0 || limit <= 0) return { tickets: [], messages: [] };
  const inNumber = (col: string) => (query.numberId === undefined ? '' : `AND ${col} = @numberId`);
  const base = { limit, ...(query.numberId === undefined ? {} : { numberId: query.numberId }) };
  const matches = (texts: string[]) => wordsMatch(words, texts.flatMap(searchWords));

  const ticketSql = `
    SELECT t.data AS ticket, c.data AS contact FROM ticket_fts
    JOIN tickets t ON t.activity_seq = ticket_fts.rowid LEFT JOIN contacts c ON c.id = t.contact_id
    WHERE ticket_fts MATCH @q ${inNumber('t.number_id')} ORDER BY ticket_fts.rowid DESC`;
  const fromFts = newestMatches(prepare(ticketSql), words, base, limit, (r: { ticket: string; contact: string | null }) => {
    const t = JSON.parse(r.ticket) as Ticket;
    return matches(ticketSearchText(t, r.contact === null ? null : (JSON.parse(r.contact) as Contact))) ? t : null;
  });
  const tickets = mergeByActivity(fromFts, phoneMatches(prepare, query, base), limit);

  const messageSql = `
    SELECT m.data FROM message_fts JOIN messages m ON m.seq = message_fts.rowid
    WHERE message_fts MATCH @q ${inNumber('m.number_id')} ORDER BY message_fts.rowid DESC`;
  const messages = newestMatches(prepare(messageSql).pluck(), words, base, limit, (data: string) => {
    const m = JSON.parse(data) as Message;
    return matches(messageSearchText(m)) ? m : null;
  });
  messages.sort((a, b) => epochMs(b.createdAt) - epochMs(a.createdAt) || cmp(b.id, a.id));
  return { tickets, messages };
}

/**
 * Reads a statement's rows (newest first) through `accept` until `limit` pass. The cut-prefix
 * query goes first; when CANDIDATE_CAP rows did not fill the limit, the exact query runs instead.
 */
function newestMatches<R, T>(stmt: Statement, words: string[], params: object, limit: number, accept: (row: R) => T | null): T[] {
  const fast = candidateQuery(words);
  const exact = ftsQuery(words);
  const read = (q: string, cap: number): T[] | null => {
    const out: T[] = [];
    let seen = 0;
    for (const row of stmt.iterate({ ...params, q }) as IterableIterator<R>) {
      const item = accept(row);
      if (item) out.push(item);
      if (out.length >= limit) break;
      if (++seen >= cap) return null;
    }
    return out;
  };
  return (fast === exact ? null : read(fast, CANDIDATE_CAP)) ?? read(exact, Infinity) ?? [];
}

/** Tickets whose phone holds the digits typed (only for a query that looks like a phone number). */
function phoneMatches(prepare: Prepare, query: SearchQuery, params: object): Ticket[] {
  const digits = phoneDigitsQuery(query.text);
  if (digits === null) return [];
  // Only the index is scanned (it holds phone_digits); the rows are read for the hits alone.
  const sql = query.numberId === undefined
    ? 'SELECT seq FROM tickets INDEXED BY tickets_by_activity WHERE instr(phone_digits, @digits) > 0 ORDER BY last_message_at DESC, id DESC LIMIT @limit'
    : 'SELECT seq FROM tickets INDEXED BY tickets_by_number WHERE number_id = @numberId AND instr(phone_digits, @digits) > 0 ORDER BY last_message_at DESC, id DESC LIMIT @limit';
  const seqs = prepare(sql).pluck().all({ ...params, digits }) as number[];
  const row = prepare('SELECT data FROM tickets WHERE seq = ?').pluck();
  return seqs.map((seq) => JSON.parse(row.get(seq) as string) as Ticket);
}

function mergeByActivity(a: Ticket[], b: Ticket[], limit: number): Ticket[] {
  const byId = new Map([...a, ...b].map((t) => [t.id, t]));
  return [...byId.values()].sort((x, y) => cmp(y.lastMessageAt, x.lastMessageAt) || cmp(y.id, x.id)).slice(0, limit);
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
