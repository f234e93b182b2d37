import { describe, expect, it } from 'vitest';
import { messagesPerSecond, ThroughputLimiter } from './throughput';

/** A clock that only moves when someone sleeps; sends run one after another, as a send loop would. */
function fakeClock() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => { now += ms; },
  };
}

async function sendSequentially(limiter: ThroughputLimiter, clock: { now: () => number }, pnid: string, n: number): Promise<number[]> {
  const sentAt: number[] = [];
  for (let i = 0; i < n; i++) {
    await limiter.acquire(pnid);
    sentAt.push(clock.now());
  }
  return sentAt;
}

function maxInAnySecond(times: number[]): number {
  let max = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 1000) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

describe('messagesPerSecond', () => {
  it('follows the Graph throughput level', () => {
    expect(messagesPerSecond('STANDARD')).toBe(80);
    expect(messagesPerSecond('HIGH')).toBe(1000);
    expect(messagesPerSecond('NOT_APPLICABLE')).toBe(80);
    expect(messagesPerSecond(undefined)).toBe(80);
  });
});

describe('ThroughputLimiter', () => {
  it('a STANDARD number sends a burst of 80, then 80 per second', async () => {
    const clock = fakeClock();
    const limiter = new ThroughputLimiter(clock);
    limiter.setLevel('pn1', 'STANDARD');
    const sentAt = await sendSequentially(limiter, clock, 'pn1', 800);
    expect(sentAt.slice(0, 80).every((t) => t === 0)).toBe(true);
    expect(sentAt[80]).toBeGreaterThan(0);
    // 720 more at 80/s take 9 s.
    expect(sentAt.at(-1)).toBeGreaterThanOrEqual(9000);
    expect(sentAt.at(-1)).toBeLessThanOrEqual(9020);
    // Past the initial burst, no window of one second holds more than the rate (+1 for waits rounded to whole ms).
    expect(maxInAnySecond(sentAt.slice(80))).toBeLessThanOrEqual(81);
  });

  it('a HIGH number sends 1000 per second', async () => {
    const clock = fakeClock();
    const limiter = new ThroughputLimiter(clock);
    limiter.setLevel('pn1', 'HIGH');
    const sentAt = await sendSequentially(limiter, clock, 'pn1', 3000);
    expect(sentAt[999]).toBe(0);
    expect(sentAt.at(-1)).toBeGreaterThanOrEqual(2000);
    expect(sentAt.at(-1)).toBeLessThanOrEqual(2010);
  });

  it('concurrent callers are spaced in arrival order', async () => {
    const clock = fakeClock();
    const limiter = new ThroughputLimiter({ now: clock.now, sleep: async () => {} });
    limiter.setRate('pn1', 10);
    const waits = Array.from({ length: 15 }, () => limiter.reserve('pn1'));
    expect(waits.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(waits.slice(10)).toEqual([100, 200, 300, 400, 500]);
  });

  it('numbers do not share a budget, and an idle number refills', async () => {
    let now = 0;
    const limiter = new ThroughputLimiter({ now: () => now });
    for (let i = 0; i < 80; i++) limiter.reserve('pn1');
    expect(limiter.reserve('pn1')).toBeGreaterThan(0);
    expect(limiter.reserve('pn2')).toBe(0);
    now += 5_000;
    expect(limiter.reserve('pn1')).toBe(0);
  });

  it('really waits with the default sleep', async () => {
    const limiter = new ThroughputLimiter();
    limiter.setRate('pn1', 20);
    const started = Date.now();
    await Promise.all(Array.from({ length: 22 }, () => limiter.acquire('pn1')));
    // 2 beyond the burst of 20 at 20/s: the last waits ~100 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });
});
