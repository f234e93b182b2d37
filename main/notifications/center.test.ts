import { describe, expect, it } from 'vitest';
import type { Message } from '../../shared/api/messages';
import type { Ticket } from '../../shared/api/tickets';
import type { StoreChange } from '../../shared/sync/apply';
import { ME, messageRow, ticketRow } from '../test-data';
import { NotificationCenter, type Timers } from './center';
import type { PolicyContext, ShownNotification } from './policy';

/** A clock and timers the test moves by hand. */
function manualTime(start: number) {
  let now = start;
  const pending: Array<{ at: number; fn: () => void; live: boolean }> = [];
  const timers: Timers = {
    set: (fn, ms) => {
      const t = { at: now + ms, fn, live: true };
      pending.push(t);
      return t;
    },
    clear: (h) => {
      (h as { live: boolean }).live = false;
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const t of pending.filter((p) => p.live && p.at <= now)) {
      t.live = false;
      t.fn();
    }
  };
  return { now: () => now, timers, advance, live: () => pending.filter((p) => p.live).length };
}

function setup(facts: Partial<Omit<PolicyContext, 'now'>> = {}) {
  const ticket = ticketRow({ contactName: 'Ana' });
  const rows = new Map<string, Ticket | Message>([[ticket.id, ticket]]);
  const time = manualTime(Date.parse('2026-11-25T12:01:00.000Z'));
  const shown: ShownNotification[] = [];
  const context: Omit<PolicyContext, 'now'> = { focused: false, agentStatus: 'online', doNotDisturb: false, language: 'en', ...facts };
  const center = new NotificationCenter({
    source: {
      ticket: (id) => (rows.get(id) as Ticket | undefined) ?? null,
      message: (id) => (rows.get(id) as Message | undefined) ?? null,
      assignedTo: () => [ticket.id],
    },
    context: () => context,
    show: (n) => shown.push(n),
    now: time.now,
    timers: time.timers,
  });
  center.reset(ME);
  const customerWrites = (text: string): StoreChange[] => {
    const m = messageRow(ticket, { text });
    rows.set(m.id, m);
    return [{ entity: 'message', op: 'upsert', id: m.id, ticketId: ticket.id, numberId: ticket.numberId, seq: 1, source: 'live' }];
  };
  return { center, shown, time, customerWrites, context };
}

describe('notification center', () => {
  it('shows the first message at once and the merged burst when its time is up', () => {
    const { center, shown, time, customerWrites } = setup();
    center.changes(customerWrites('oi'));
    expect(shown.map((n) => n.title)).toEqual(['Ana']);
    time.advance(1000);
    center.changes(customerWrites('alguém aí?'));
    time.advance(3999);
    expect(shown).toHaveLength(1);
    time.advance(1);
    expect(shown.map((n) => [n.title, n.body])).toEqual([['Ana', 'oi'], ['2 new messages from Ana', 'alguém aí?']]);
    expect(time.live()).toBe(0);
  });

  it('drops the waiting burst when the window gets the focus', () => {
    const { center, shown, time, customerWrites } = setup();
    center.changes(customerWrites('oi'));
    center.changes(customerWrites('oi?'));
    center.focused();
    time.advance(10_000);
    expect(shown).toHaveLength(1);
    expect(time.live()).toBe(0);
  });

  it('asks for the facts when the burst ends: a pause meanwhile silences it', () => {
    const { center, shown, time, customerWrites, context } = setup();
    center.changes(customerWrites('oi'));
    center.changes(customerWrites('oi?'));
    context.agentStatus = 'paused';
    time.advance(5000);
    expect(shown).toHaveLength(1);
  });

  it('stop() cancels what waits', () => {
    const { center, shown, time, customerWrites } = setup();
    center.changes(customerWrites('oi'));
    center.changes(customerWrites('oi?'));
    center.stop();
    time.advance(60_000);
    expect(shown).toHaveLength(1);
  });
});
