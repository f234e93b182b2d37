import { describe, expect, it } from 'vitest';
import { parseOptions, UsageError } from './options';
import { agentIndex, seedPlan } from './plan';
import { chunks } from './seed-sql';
import { percentile, summarize, table } from './stats';

describe('bench options', () => {
  it('defaults to the full data set, 10 s runs and the local admin database', () => {
    const o = parseOptions([], {});
    expect(o).toMatchObject({ scale: 1, durationS: 10, keep: false, only: undefined, databaseUrl: 'postgres://postgres@127.0.0.1:5432/postgres' });
  });

  it('reads every flag, and BENCH_DATABASE_URL when --database-url is absent', () => {
    expect(parseOptions(['--scale', '0.01', '--duration', '3', '--keep', '--only', 'api-read'], { BENCH_DATABASE_URL: 'postgres://u@db:5432/x' }))
      .toMatchObject({ scale: 0.01, durationS: 3, keep: true, only: 'api-read', databaseUrl: 'postgres://u@db:5432/x' });
    expect(parseOptions(['--database-url', 'postgresql://a@b/c'], { BENCH_DATABASE_URL: 'postgres://u@db/x' }).databaseUrl).toBe('postgresql://a@b/c');
  });

  it('refuses sizes, durations, URLs and flags it cannot use, naming the flag', () => {
    expect(() => parseOptions(['--scale', '0'])).toThrow(/--scale/);
    expect(() => parseOptions(['--scale', 'lots'])).toThrow(UsageError);
    expect(() => parseOptions(['--duration', '-1'])).toThrow(/--duration/);
    expect(() => parseOptions(['--database-url', 'mysql://x'])).toThrow(/--database-url/);
    expect(() => parseOptions(['--fast'])).toThrow(UsageError);
  });
});

describe('bench data plan', () => {
  it('is 1,000,000 tickets on 200 numbers served by teams of 5 agents at full scale', () => {
    const p = seedPlan(1);
    expect(p).toMatchObject({ tickets: 1_000_000, numbers: 200, ticketsPerNumber: 5000, contactsPerNumber: 2500, agents: 100, databaseName: 'gpd_bench_1000000' });
    // A team serves 10 numbers: number 0 and number 20 share agents, number 1 has others.
    expect(agentIndex(p, 0, 0)).toBe(agentIndex(p, 20, 0));
    expect(agentIndex(p, 1, 0)).not.toBe(agentIndex(p, 0, 0));
    expect(new Set(Array.from({ length: 5 }, (_, s) => agentIndex(p, 7, s))).size).toBe(5);
  });

  it('keeps the active window after every contact\'s first ticket, so a contact never has two active tickets', () => {
    for (const scale of [0.0001, 0.0013, 0.01, 0.37, 1]) {
      const p = seedPlan(scale);
      expect(p.activeFrom).toBeGreaterThanOrEqual(p.contactsPerNumber);
      expect(p.tickets).toBe(p.numbers * p.ticketsPerNumber);
    }
  });

  it('covers a range with chunks exactly once', () => {
    expect(chunks(0, 25, 10)).toEqual([[0, 10], [10, 20], [20, 25]]);
    expect(chunks(5, 5, 10)).toEqual([]);
  });
});

describe('bench statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarises unsorted latencies over the run time', () => {
    const s = summarize([5, 1, 3, 2, 4], 2);
    expect(s).toMatchObject({ requests: 5, perSecond: 2.5, p50: 3, max: 5 });
  });

  it('pads table columns to the widest cell', () => {
    const text = table([{ title: 'name', align: 'left' }, { title: 'n' }], [['a', '10'], ['bbbbb', '2']]);
    expect(text.split('\n')).toEqual(['name    n', '-----  --', 'a      10', 'bbbbb   2']);
  });
});
