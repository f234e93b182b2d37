import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Log } from './log';
import { startRetention } from './retention-schedule';
import type { PruneOptions, PruneResult } from './store/retention';

const DAY = 24 * 60 * 60 * 1000;

function fakeStore(batches: number[]) {
  const calls: PruneOptions[] = [];
  const prune = (o: PruneOptions): PruneResult => {
    calls.push(o);
    const tickets = batches.shift() ?? 0;
    return { tickets, messages: tickets * 10, contacts: 0 };
  };
  return { calls, prune };
}

const quietLog = (): Log & { lines: string[] } => {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(`warn: ${m}`), error: (m) => lines.push(`error: ${m}`) };
};

describe('cache retention schedule', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('prunes shortly after start with a cutoff 3 months back, in batches until one comes back short, then daily', async () => {
    const store = fakeStore([500, 500, 120]);
    const log = quietLog();
    const now = new Date('2026-11-25T12:00:00Z');
    const schedule = startRetention({ prune: store.prune, log, now: () => now, firstAfterMs: 1000, pauseMs: 10 });
    expect(store.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1000 + 10 + 10);
    expect(store.calls.map((c) => [c.olderThan.toISOString(), c.maxTickets])).toEqual([
      ['2026-08-25T12:00:00.000Z', 500], ['2026-08-25T12:00:00.000Z', 500], ['2026-08-25T12:00:00.000Z', 500],
    ]);
    expect(log.lines).toEqual(['retention: removed 1120 tickets, 11200 messages and 0 contacts older than 2026-08-25 from the cache']);
    await vi.advanceTimersByTimeAsync(DAY - 1);
    expect(store.calls).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(store.calls).toHaveLength(4);
    schedule.stop();
  });

  it('never prunes after stop (the store is closed next), even between batches', async () => {
    const store = fakeStore([500, 500]);
    const schedule = startRetention({ prune: store.prune, log: quietLog(), firstAfterMs: 1000, pauseMs: 10 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.calls).toHaveLength(1);
    schedule.stop();
    await vi.advanceTimersByTimeAsync(2 * DAY);
    expect(store.calls).toHaveLength(1);
  });

  it('logs a failed pass and tries again the next day', async () => {
    let fail = true;
    const calls: number[] = [];
    const log = quietLog();
    const schedule = startRetention({
      prune: () => {
        calls.push(Date.now());
        if (fail) throw new Error('database is locked');
        return { tickets: 0, messages: 0, contacts: 0 };
      },
      log, firstAfterMs: 1000,
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(log.lines).toEqual(['warn: retention: the cache was not pruned: database is locked']);
    fail = false;
    await vi.advanceTimersByTimeAsync(DAY);
    expect(calls).toHaveLength(2);
    expect(log.lines).toHaveLength(1);
    schedule.stop();
  });
});
