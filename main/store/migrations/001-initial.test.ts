import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { SqliteStore } from '../sqlite-store';
import { day, id, message, outboxItem, ticket } from '../test-rows';

describe('migration 001-initial', () => {
  it('creates every table of the cache on an empty database', () => {
    const db = new Database(':memory:');
    migrate(db, 1);
    expect(schemaVersion(db)).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual([
      'agent_statuses', 'contacts', 'messages', 'notes', 'numbers', 'optimistic', 'outbox', 'quick_reply_categories', 'read_markers',
      'session', 'tickets', 'tombstones',
    ]);
  });

  it('holds what the store writes (tickets, messages in server order, outbox, session)', () => {
    const db = new Database(':memory:');
    migrate(db, 1);
    const s = new SqliteStore(db);
    s.put('ticket', id(1), ticket(1), 3);
    s.put('message', id(3), message(3, id(1), day(2)), 3);
    s.put('message', id(2), message(2, id(1), day(1)), 3);
    s.putOutboxItem(outboxItem(1, id(1)));
    s.setSession({ userId: id(7), userName: 'Ana', orgId: id(8), baseUrl: 'http://desk', cursor: 3 });
    expect(s.tickets({ states: ['open'] }).map((t) => t.id)).toEqual([id(1)]);
    expect(s.messages(id(1)).map((m) => m.id)).toEqual([id(2), id(3)]);
    expect(s.outbox()).toHaveLength(1);
    expect(s.getSession()?.cursor).toBe(3);
  });
});
