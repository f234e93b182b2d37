import { describe, expect, it } from 'vitest';
import { NetworkWatch } from './network-watch';

function harness(initial: boolean) {
  let online = initial;
  let tick: (() => void) | null = null;
  let stopped = false;
  const reports: boolean[] = [];
  const watch = new NetworkWatch({
    isOnline: () => online,
    onChange: (o) => reports.push(o),
    every: (fn) => {
      tick = fn;
      return () => (stopped = true);
    },
  });
  return { watch, reports, set: (v: boolean) => (online = v), tick: () => tick!(), stopped: () => stopped };
}

describe('network watch', () => {
  it('reports only changes, not every poll', () => {
    const h = harness(true);
    h.tick();
    h.tick();
    expect(h.reports).toEqual([]);
    h.set(false);
    h.tick();
    h.tick();
    h.set(true);
    h.tick();
    expect(h.reports).toEqual([false, true]);
  });

  it('on wake-up reports the current state even if unchanged, so the engine retries at once', () => {
    const h = harness(true);
    h.watch.wake();
    expect(h.reports).toEqual([true]);
    h.tick();
    expect(h.reports).toEqual([true]);
  });

  it('stops polling', () => {
    const h = harness(true);
    h.watch.stop();
    expect(h.stopped()).toBe(true);
  });
});
