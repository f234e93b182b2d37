import type { Statement } from 'better-sqlite3';

export interface PruneOptions {
  /** Closed tickets whose last message is older than this go, with their messages, notes and read marker. */
  olderThan: Date;
  /** Most tickets removed by one call (default 500): call again while `tickets` equals it. */
  maxTickets?: number;
}
const DEFAULT_MAX_TICKETS = 500;

export interface PruneResult {
  tickets: number;
  messages: number;
  contacts: number;
}

/** The default retention: what happened in the last `months` months (3) stays in the cache. */
export function retentionCutoff(now: Date, months = 3): Date {
  const cut = new Date(now.getTime());
  cut.setUTCMonth(cut.getUTCMonth() - months);
  return cut;
}

/**
 * Tickets that go: closed, last activity before the cutoff, and nothing of the agent's pending on
 * them (no outbox item in their lane, no optimistic row). Waiting and open tickets stay whatever
 * their age, and the outbox and optimistic rows are never touched. No tombstones are written: if
 * such a ticket changes again (reopened), the change feed brings it back.
 */
const DOOMED = `SELECT id FROM tickets t WHERE state = 'closed' AND last_message_at < @cutoff
  AND NOT EXISTS (SELECT 1 FROM outbox WHERE lane = 'ticket:' || t.id)
  AND NOT EXISTS (SELECT 1 FROM optimistic WHERE ticket_id = t.id)
  ORDER BY last_message_at LIMIT @max`;

/** Contacts left with no cached ticket, not heard from since the cutoff, with nothing pending. */
const ORPHANS = `SELECT id FROM contacts c WHERE NOT EXISTS (SELECT 1 FROM tickets WHERE contact_id = c.id)
  AND coalesce(json_extract(data, '$.lastInteractionAt'), json_extract(data, '$.createdAt')) < @cutoff
  AND NOT EXISTS (SELECT 1 FROM outbox WHERE lane = 'contact:' || c.id)`;

/** Runs inside the store's transaction. The doomed tickets are picked once, into a temporary table. */
export function pruneCache(prepare: (sql: string) => Statement, options: PruneOptions): PruneResult {
  const cutoff = options.olderThan.toISOString();
  const run = (sql: string, params: object = {}) => prepare(sql).run(params).changes;
  run('CREATE TEMP TABLE IF NOT EXISTS prune_tickets (id TEXT PRIMARY KEY)');
  run('DELETE FROM temp.prune_tickets');
  const tickets = run(`INSERT INTO temp.prune_tickets (id) ${DOOMED}`, { cutoff, max: options.maxTickets ?? DEFAULT_MAX_TICKETS });
  const messages = run('DELETE FROM messages WHERE ticket_id IN (SELECT id FROM temp.prune_tickets)');
  run('DELETE FROM notes WHERE ticket_id IN (SELECT id FROM temp.prune_tickets)');
  run('DELETE FROM read_markers WHERE ticket_id IN (SELECT id FROM temp.prune_tickets)');
  run('DELETE FROM tickets WHERE id IN (SELECT id FROM temp.prune_tickets)');
  run('DELETE FROM temp.prune_tickets');
  run(`DELETE FROM notes WHERE contact_id IN (${ORPHANS})`, { cutoff });
  const contacts = run(`DELETE FROM contacts WHERE id IN (${ORPHANS})`, { cutoff });
  return { tickets, messages, contacts };
}
