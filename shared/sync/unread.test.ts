import { describe, expect, it } from 'vitest';
import type { Message } from '../api/messages';
import type { ReadMarker, Ticket } from '../api/tickets';
import { MemoryStore } from './memory-store';
import { readMarkersOf, ticketUnread, UNREAD_MAX, type UnreadSource } from './unread';

const NUM = '01900000-0000-7000-8000-0000000000aa';
const TK = '01900000-0000-7000-8000-0000000000bb';
const ticket = (patch: Partial<Ticket> = {}): Ticket => ({
  id: TK, numberId: NUM, queueId: NUM, assigneeId: null, state: 'open', closeReason: null, tags: [], createdAt: '2026-03-02T12:00:00.000Z',
  assignedAt: null, firstResponseAt: null, closedAt: null, lastMessageAt: '2026-03-02T12:00:00.000Z', lastMessageAuthor: 'customer',
  lastMessagePreview: 'oi', windowExpiresAt: null, contact: { id: NUM, name: null, waId: '55', phone: '+55' }, ...patch,
});
/** Message `n` of the ticket, `n` minutes after noon; from the customer unless told. */
const message = (n: number, patch: Partial<Message> = {}): Message => ({
  id: `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`, ticketId: TK, numberId: NUM, direction: 'in', author: 'customer', authorId: null,
  type: 'text', text: `m${n}`, media: null, content: null, replyToId: null, wamid: null, status: 'received', error: null, clientId: null,
  createdAt: new Date(Date.UTC(2026, 2, 2, 12, n)).toISOString(), ...patch,
});
const reply = (n: number) => message(n, { direction: 'out', author: 'agent', status: 'read' });
const markerAt = (m: Message, at = m.createdAt): ReadMarker => ({ ticketId: TK, upTo: m.id, at });

/** A cache holding `messages` (server order) and `marker`, counting how many messages were read. */
function cache(messages: Message[], marker: ReadMarker | null = null) {
  const reads: number[] = [];
  const source: UnreadSource = {
    messages: (_id, limit) => {
      const latest = messages.slice(-limit);
      reads.push(latest.length);
      return latest;
    },
    readMarker: () => marker,
  };
  return { source, reads };
}

describe('unread count of a ticket, from the cache', () => {
  it('counts the customer messages after the read marker, replies left out', () => {
    const m = [message(1), message(2), message(3), reply(4), message(5)];
    expect(ticketUnread(ticket({ unread: 9 }), cache(m, markerAt(m[1]!)).source)).toBe(2);
    expect(ticketUnread(ticket(), cache(m, markerAt(m[4]!)).source)).toBe(0);
  });

  it('goes to 0 once the latest message is marked, and up with each new customer message', () => {
    const m = [message(1), message(2)];
    const marker = markerAt(m[1]!);
    expect(ticketUnread(ticket(), cache(m, marker).source)).toBe(0);
    expect(ticketUnread(ticket(), cache([...m, message(3)], marker).source)).toBe(1);
    expect(ticketUnread(ticket(), cache([...m, message(3), message(4)], marker).source)).toBe(2);
  });

  it('reads a few messages for a ticket read lately, and more only when the marker is further back', () => {
    const m = Array.from({ length: 60 }, (_, i) => message(i + 1));
    const recent = cache(m, markerAt(m[57]!));
    expect(ticketUnread(ticket(), recent.source)).toBe(2);
    expect(recent.reads).toEqual([12]);
    const older = cache(m, markerAt(m[9]!));
    expect(ticketUnread(ticket(), older.source)).toBe(50);
    expect(older.reads).toEqual([12, 60]);
  });

  it('counts what came after the moment of marking when the marked message is no longer cached', () => {
    const m = [message(1), message(2), message(3)];
    const gone: ReadMarker = { ticketId: TK, upTo: '01900000-0000-7000-8000-ffffffffffff', at: m[0]!.createdAt };
    expect(ticketUnread(ticket(), cache(m, gone).source)).toBe(2);
  });

  it("falls back to the server's count when the cache lacks the messages after the marker", () => {
    const m = [message(5), message(6)];
    const before: ReadMarker = { ticketId: TK, upTo: '01900000-0000-7000-8000-ffffffffffff', at: message(1).createdAt };
    expect(ticketUnread(ticket({ unread: 4 }), cache(m, before).source)).toBe(4);
    expect(ticketUnread(ticket(), cache(m, before).source)).toBe(2);
    expect(ticketUnread(ticket({ unread: 7 }), cache([], before).source)).toBe(7);
  });

  it("without a marker: the server's count when the row has one, else the customer messages since the last reply", () => {
    const m = [message(1), reply(2), message(3), message(4)];
    expect(ticketUnread(ticket({ unread: 5 }), cache(m).source)).toBe(5);
    expect(ticketUnread(ticket(), cache(m).source)).toBe(2);
    expect(ticketUnread(ticket(), cache([message(1), message(2)]).source)).toBe(2);
  });

  it('reads no message when the agent or a bot wrote last and nothing marks the ticket', () => {
    for (const lastMessageAuthor of ['agent', 'bot', null] as const) {
      const c = cache([message(1), reply(2)]);
      expect(ticketUnread(ticket({ lastMessageAuthor }), c.source)).toBe(0);
      expect(c.reads).toEqual([]);
    }
  });

  it('counts nothing on a closed ticket, and never more than the server would', () => {
    expect(ticketUnread(ticket({ state: 'closed', unread: 3 }), cache([message(1)]).source)).toBe(0);
    const flood = Array.from({ length: 150 }, (_, i) => message(i + 1));
    expect(ticketUnread(ticket(), cache(flood).source)).toBe(UNREAD_MAX);
  });
});

describe('every read marker at once', () => {
  it("puts the user's unsent marker over the server's", () => {
    const store = new MemoryStore();
    const other = '01900000-0000-7000-8000-0000000000cc';
    store.put('read_marker', TK, markerAt(message(1)), 3);
    store.put('read_marker', other, { ticketId: other, upTo: message(7).id, at: message(7).createdAt }, 4);
    for (const [order, n] of [[1, 2], [2, 3]] as const) {
      store.putOptimistic({ outboxId: `o${order}`, order, kind: 'read_marker', targetId: TK, ticketId: TK, data: markerAt(message(n)) });
    }
    const markers = readMarkersOf(store);
    expect(markers.get(TK)?.upTo).toBe(message(3).id);
    expect(markers.get(other)?.upTo).toBe(message(7).id);
  });
});
