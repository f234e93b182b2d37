import { describe, expect, it } from 'vitest';
import type { Message } from '../api/messages';
import type { Ticket } from '../api/tickets';
import type { StoreChange } from '../sync/apply';
import { MemoryStore } from '../sync/memory-store';
import { Queries } from '../sync/queries';
import { UnreadCounts } from './unread-counts';

const NUM = '01900000-0000-7000-8000-0000000000aa';
const idOf = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 12, minute)).toISOString();
const ticket = (n: number): Ticket => ({
  id: idOf(n), numberId: NUM, queueId: NUM, assigneeId: null, state: 'open', closeReason: null, tags: [], createdAt: at(0), assignedAt: null,
  firstResponseAt: null, closedAt: null, lastMessageAt: at(1), lastMessageAuthor: 'customer', lastMessagePreview: 'oi', windowExpiresAt: null,
  contact: { id: NUM, name: null, waId: '55', phone: '+55' },
});
const message = (n: number, ticketId: string, minute: number): Message => ({
  id: idOf(1000 + n), ticketId, numberId: NUM, direction: 'in', author: 'customer', authorId: null, type: 'text', text: 'oi', media: null,
  content: null, replyToId: null, wamid: null, status: 'received', error: null, clientId: null, createdAt: at(minute),
});
const arrived = (m: Message): StoreChange => ({ entity: 'message', op: 'upsert', id: m.id, ticketId: m.ticketId, numberId: NUM, seq: 9, source: 'live' });

describe('unread counts of a list', () => {
  function cache(tickets: number) {
    const store = new MemoryStore();
    const rows = Array.from({ length: tickets }, (_, i) => ticket(i + 1));
    for (const [i, t] of rows.entries()) {
      store.put('ticket', t.id, t, 1);
      const first = message(100 + i, t.id, 1);
      store.put('message', first.id, first, 1);
      store.put('read_marker', t.id, { ticketId: t.id, upTo: first.id, at: at(2) }, 1);
    }
    return { store, rows, counts: new UnreadCounts(store, new Queries(store)) };
  }

  it('counts a message reported as changed, even while its ticket row is unchanged', () => {
    const { store, rows, counts } = cache(1);
    expect(counts.withCounts(rows).map((t) => t.unread)).toEqual([0]);
    const late = message(2, rows[0]!.id, 3);
    store.put('message', late.id, late, 2);
    counts.changed([arrived(late)]);
    expect(counts.withCounts(rows).map((t) => t.unread)).toEqual([1]);
  });

  it("follows the user's unsent read marker on a long list (every marker read at once)", () => {
    const { store, rows, counts } = cache(30);
    const target = rows[7]!;
    const late = message(2, target.id, 3);
    store.put('message', late.id, late, 2);
    counts.changed([arrived(late)]);
    expect(counts.withCounts(rows)[7]!.unread).toBe(1);
    store.putOptimistic({ outboxId: 'o1', order: 1, kind: 'read_marker', targetId: target.id, ticketId: target.id, data: { ticketId: target.id, upTo: late.id, at: at(4) } });
    const listed = counts.withCounts(rows);
    expect(listed[7]!.unread).toBe(0);
    expect(listed.every((t) => t.unread === 0)).toBe(true);
  });

  it('starts over after a reset', () => {
    const { store, rows, counts } = cache(1);
    expect(counts.withCounts(rows)[0]!.unread).toBe(0);
    const late = message(2, rows[0]!.id, 3);
    store.put('message', late.id, late, 2);
    counts.clear();
    expect(counts.withCounts(rows)[0]!.unread).toBe(1);
  });
});
