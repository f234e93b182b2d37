import { describe, expect, it } from 'vitest';
import type { Message } from '../shared/api/messages';
import type { ReadMarker, Ticket } from '../shared/api/tickets';
import { ME, messageRow, OTHER_AGENT, ticketRow } from './test-data';
import { unreadCount, type TrayUnreadSource } from './unread';

function source(tickets: Ticket[], messages: Message[], markers: ReadMarker[] = []): TrayUnreadSource {
  return {
    tickets: ({ states }) => tickets.filter((t) => states.includes(t.state)),
    messages: (ticketId, limit) => messages.filter((m) => m.ticketId === ticketId).slice(-limit),
    readMarker: (ticketId) => markers.find((m) => m.ticketId === ticketId) ?? null,
  };
}

describe('unread count for the tray', () => {
  it('counts customer messages after the read marker on my open tickets', () => {
    const t = ticketRow();
    const [a, b, c, d] = [messageRow(t), messageRow(t), messageRow(t, { direction: 'out', author: 'agent', authorId: ME }), messageRow(t)];
    const marker = { ticketId: t.id, upTo: a!.id, at: a!.createdAt };
    expect(unreadCount(source([t], [a!, b!, c!, d!], [marker]), ME)).toBe(2);
  });

  it('uses the marker time when the marked message is no longer cached', () => {
    const t = ticketRow();
    const msgs = [messageRow(t), messageRow(t), messageRow(t)];
    const marker = { ticketId: t.id, upTo: '01940000-0000-7000-8000-ffffffffffff', at: msgs[0]!.createdAt };
    expect(unreadCount(source([t], msgs, [marker]), ME)).toBe(2);
  });

  it("without a marker, trusts the server's count, else counts since the last reply", () => {
    const counted = ticketRow({ unread: 4 });
    const fresh = ticketRow();
    const msgs = [messageRow(fresh), messageRow(fresh, { direction: 'out', author: 'agent' }), messageRow(fresh), messageRow(fresh)];
    expect(unreadCount(source([counted, fresh], msgs), ME)).toBe(4 + 2);
  });

  it("ignores other agents' tickets, the queue, closed tickets, and signed-out", () => {
    const mine = ticketRow({ unread: 1 });
    const theirs = ticketRow({ assigneeId: OTHER_AGENT, unread: 5 });
    const queued = ticketRow({ assigneeId: null, state: 'waiting', unread: 5 });
    const closed = ticketRow({ state: 'closed', unread: 5 });
    expect(unreadCount(source([mine, theirs, queued, closed], []), ME)).toBe(1);
    expect(unreadCount(source([mine], []), null)).toBe(0);
  });
});
