import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from './migrate';
import { retentionCutoff } from './retention';
import { SqliteStore } from './sqlite-store';
import { contact, day, id, message, note, outboxItem, ticket } from './test-rows';

function store(): SqliteStore {
  const db = new Database(':memory:');
  migrate(db);
  return new SqliteStore(db);
}

describe('retention', () => {
  it('counts three months back by default', () => {
    expect(retentionCutoff(new Date('2026-05-20T10:00:00Z')).toISOString()).toBe('2026-02-20T10:00:00.000Z');
    expect(retentionCutoff(new Date('2026-05-20T10:00:00Z'), 1).toISOString()).toBe('2026-04-20T10:00:00.000Z');
  });

  it('drops closed tickets older than the cutoff with their messages, notes and read marker, and nothing else', () => {
    const s = store();
    const old = { state: 'closed' as const, lastMessageAt: day(1) };
    s.put('ticket', id(1), ticket(1, { ...old, lastMessagePreview: 'antigo' }), 1);
    s.put('message', id(11), message(11, id(1), day(1), { text: 'conversa antiga' }), 1);
    s.put('note', id(12), note(12, { ticketId: id(1) }), 1);
    s.put('read_marker', id(1), { ticketId: id(1), upTo: id(11), at: day(1) }, 1);
    s.put('ticket', id(2), ticket(2, { state: 'open', lastMessageAt: day(1) }), 1);
    s.put('message', id(21), message(21, id(2), day(1)), 1);
    s.put('ticket', id(3), ticket(3, { state: 'closed', lastMessageAt: day(20) }), 1);
    s.put('ticket', id(4), ticket(4, old), 1);
    const pending = outboxItem(1, id(4));
    s.putOutboxItem(pending);
    s.put('ticket', id(5), ticket(5, old), 1);
    s.putOptimistic({ outboxId: id(77), order: 2, kind: 'ticket', targetId: id(5), ticketId: id(5), data: { state: 'open' } });

    expect(s.prune({ olderThan: new Date(day(10)) })).toEqual({ tickets: 1, messages: 1, contacts: 0 });
    expect(s.tickets({}).map((t) => t.id).sort()).toEqual([id(2), id(3), id(4), id(5)]);
    expect([s.messages(id(1)), s.notes({ ticketId: id(1) }), s.get('read_marker', id(1))]).toEqual([[], [], null]);
    expect(s.messages(id(2))).toHaveLength(1);
    expect(s.outbox()).toEqual([pending]);
    expect(s.optimistic()).toHaveLength(1);
    expect(s.search({ text: 'antig' })).toEqual({ tickets: [], messages: [] });
    expect(s.versionOf('ticket', id(1))).toBeNull();
  });

  it('removes at most maxTickets per call, oldest first, so a big prune can be spread out', () => {
    const s = store();
    for (let n = 1; n <= 5; n++) s.put('ticket', id(n), ticket(n, { state: 'closed', lastMessageAt: day(n) }), 1);
    const olderThan = new Date(day(10));
    expect(s.prune({ olderThan, maxTickets: 2 }).tickets).toBe(2);
    expect(s.tickets({}).map((t) => t.id)).toEqual([id(5), id(4), id(3)]);
    expect(s.prune({ olderThan, maxTickets: 2 }).tickets).toBe(2);
    expect(s.prune({ olderThan, maxTickets: 2 }).tickets).toBe(1);
    expect(s.prune({ olderThan }).tickets).toBe(0);
  });

  it('drops contacts left without tickets that were quiet since the cutoff, with their notes', () => {
    const s = store();
    s.put('contact', id(1), contact(1, { lastInteractionAt: day(1) }), 1);
    s.put('note', id(2), note(2, { contactId: id(1) }), 1);
    s.put('contact', id(3), contact(3, { lastInteractionAt: day(1) }), 1);
    s.put('ticket', id(4), ticket(4, { state: 'open', contact: { id: id(3), name: null, waId: '55', phone: '+55' } }), 1);
    s.put('contact', id(5), contact(5, { lastInteractionAt: day(15) }), 1);
    s.put('contact', id(6), contact(6, { lastInteractionAt: day(1) }), 1);
    s.putOutboxItem({ ...outboxItem(1, id(6)), lane: `contact:${id(6)}` });

    expect(s.prune({ olderThan: new Date(day(10)) }).contacts).toBe(1);
    expect(s.list('contact').map((c) => c.id).sort()).toEqual([id(3), id(5), id(6)]);
    expect(s.notes({ contactId: id(1) })).toEqual([]);
  });
});
