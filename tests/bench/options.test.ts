import { describe, expect, it } from 'vitest';
import { parseDesktopStoreFlags, parseOutboxFlushFlags, planBench, UsageError } from './options';

const without = (missing: string) => (file: string) => file !== missing;
const everything = () => true;

describe('npm run bench: which sections run, with which flags', () => {
  it('runs the backend sections, then the desktop ones, skipping desk-render while its script is missing', () => {
    const plan = planBench([], {}, without('tests/bench/desk-render.ts'));
    expect(plan).toEqual({
      help: false,
      steps: [
        { name: 'server', file: 'server/bench/index.ts', args: [] },
        { name: 'desktop-store', file: 'tests/bench/desktop-store.ts', args: [] },
        { name: 'outbox-flush', file: 'tests/bench/outbox-flush.ts', args: [] },
      ],
      skipped: ['desk-render (tests/bench/desk-render.ts is not there yet)'],
    });
  });

  it('runs desk-render last, without flags, once its script exists', () => {
    const plan = planBench(['--scale', '0.01'], {}, everything);
    expect(plan.help === false && plan.steps.map((s) => [s.name, s.args])).toEqual([
      ['server', ['--scale', '0.01']], ['desktop-store', ['--scale', '0.01']], ['outbox-flush', ['--scale', '0.01']], ['desk-render', []],
    ]);
  });

  it('passes the backend flags to server/bench only, and the desktop flags to their sections only', () => {
    const plan = planBench(['--keep', '--duration', '3', '--runs', '5', '--fresh', '--database-url', 'postgres://u@db/x', '--profile', '/tmp/p'], {}, everything);
    expect(plan.help === false && Object.fromEntries(plan.steps.map((s) => [s.name, s.args]))).toEqual({
      server: ['--duration', '3', '--database-url', 'postgres://u@db/x', '--keep', '--profile', '/tmp/p'],
      'desktop-store': ['--runs', '5', '--fresh'],
      'outbox-flush': ['--database-url', 'postgres://u@db/x'],
      'desk-render': [],
    });
  });

  it('runs one section with --only, a backend one through server/bench --only', () => {
    const api = planBench(['--only', 'api-read', '--keep'], {}, everything);
    expect(api.help === false && api.steps).toEqual([{ name: 'api-read', file: 'server/bench/index.ts', args: ['--keep', '--only', 'api-read'] }]);
    const flush = planBench(['--only', 'outbox-flush', '--scale', '0.1', '--runs', '3'], {}, everything);
    expect(flush.help === false && flush.steps).toEqual([{ name: 'outbox-flush', file: 'tests/bench/outbox-flush.ts', args: ['--scale', '0.1'] }]);
  });

  it('refuses unknown sections and flags, and bad values of any section, before running anything', () => {
    expect(() => planBench(['--only', 'render'], {}, everything)).toThrow(/no section "render".*desktop-store/);
    expect(() => planBench(['--only', 'desk-render'], {}, without('tests/bench/desk-render.ts'))).toThrow(/desk-render.ts is missing/);
    expect(() => planBench(['--duration', '-1'], {}, everything)).toThrow(/--duration/);
    expect(() => planBench(['--runs', '0'], {}, everything)).toThrow(/--runs/);
    expect(() => planBench(['--scale', '9'], {}, everything)).toThrow(/--scale/);
    expect(() => planBench(['--fast'], {}, everything)).toThrow(UsageError);
  });

  it('answers help', () => {
    expect(planBench(['--help'], {}, everything)).toEqual({ help: true });
  });
});

describe('desktop section flags', () => {
  it('desktop-store: full size, 10 cold runs, the cached file reused by default', () => {
    expect(parseDesktopStoreFlags([])).toEqual({ scale: 1, runs: 10, fresh: false, help: false });
    expect(parseDesktopStoreFlags(['--scale', '0.02', '--runs', '3', '--fresh'])).toEqual({ scale: 0.02, runs: 3, fresh: true, help: false });
  });

  it('outbox-flush: PGlite unless a PostgreSQL URL is given (flag, then BENCH_DATABASE_URL, then TEST_DATABASE_URL)', () => {
    expect(parseOutboxFlushFlags([], {}).databaseUrl).toBeUndefined();
    expect(parseOutboxFlushFlags([], { TEST_DATABASE_URL: 'postgres://t/x' }).databaseUrl).toBe('postgres://t/x');
    expect(parseOutboxFlushFlags([], { TEST_DATABASE_URL: 'postgres://t/x', BENCH_DATABASE_URL: 'postgres://b/x' }).databaseUrl).toBe('postgres://b/x');
    expect(parseOutboxFlushFlags(['--database-url', 'postgresql://f/x'], { BENCH_DATABASE_URL: 'postgres://b/x' }).databaseUrl).toBe('postgresql://f/x');
    expect(() => parseOutboxFlushFlags(['--database-url', 'mysql://x'], {})).toThrow(/--database-url/);
  });
});
