import { describe, expect, it } from 'vitest';
import { backoffDelay, defaultBackoff } from './backoff';

describe('backoffDelay', () => {
  const noJitter = { ...defaultBackoff, jitter: 0 };

  it('doubles from the base delay and stops at the maximum', () => {
    expect([0, 1, 2, 3, 4].map((a) => backoffDelay(a, noJitter))).toEqual([500, 1000, 2000, 4000, 8000]);
    expect(backoffDelay(6, noJitter)).toBe(30_000);
    expect(backoffDelay(500, noJitter)).toBe(30_000);
  });

  it('takes a random share off so that clients do not retry in step', () => {
    const opts = { baseMs: 1000, maxMs: 60_000, factor: 2, jitter: 0.5 };
    expect(backoffDelay(2, opts, () => 0)).toBe(4000);
    expect(backoffDelay(2, opts, () => 1)).toBe(2000);
    expect(backoffDelay(2, opts, () => 0.25)).toBe(3500);
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(3, opts)));
    expect(spread.size).toBeGreaterThan(10);
    expect(Math.min(...spread)).toBeGreaterThanOrEqual(4000);
    expect(Math.max(...spread)).toBeLessThanOrEqual(8000);
  });

  it('never answers a negative or endless delay', () => {
    expect(backoffDelay(-3, noJitter)).toBe(500);
    expect(backoffDelay(10_000, defaultBackoff, () => 2)).toBe(15_000);
  });
});
