import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { SqliteStore } from '../sqlite-store';
import { contact, day, id, message, outboxItem, ticket } from '../test-rows';

describe('migration 002-search', () => {
  it('applies on an empty database: search works on rows written afterwards', () => {
    const db = new Database(':memory:');
    migrate(db, 2);
    expect(schemaVersion(db)).toBe(2);
    const s = new SqliteStore(db);
    s.put('message', id(2), message(2, id(1), day(1), { text: 'Segue o orçamento' }), 1);
    expect(s.search({ text: 'orcam' }).messages.map((m) => m.id)).toEqual([id(2)]);
  });

  it('applies on a database at version 1, keeping its rows and indexing the ones already cached', () => {
    const db = new Database(':memory:');
    migrate(db, 1);
    const v1 = new SqliteStore(db);
    v1.put('ticket', id(1), ticket(1, { contact: { id: id(9), name: 'João Conceição', waId: '55', phone: '+55 11 98765-4321' } }), 4);
    v1.put('message', id(2), message(2, id(1), day(1), { text: 'Segue o orçamento' }), 4);
    v1.put('contact', id(9), contact(9, { profileName: 'Jota' }), 4);
    v1.putOutboxItem(outboxItem(1, id(1)));
    v1.setSession({ userId: id(7), userName: 'Ana', orgId: id(8), baseUrl: 'http://desk', cursor: 4 });

    migrate(db, 2);
    const s = new SqliteStore(db);
    expect(s.get('ticket', id(1))?.version).toBe(4);
    expect([s.outbox().length, s.getSession()?.cursor]).toEqual([1, 4]);
    expect(s.search({ text: 'conceicao' }).tickets.map((t) => t.id)).toEqual([id(1)]);
    expect(s.search({ text: 'jota' }).tickets.map((t) => t.id)).toEqual([id(1)]);
    expect(s.search({ text: 'orçamento' }).messages.map((m) => m.id)).toEqual([id(2)]);
  });
});
