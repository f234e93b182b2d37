import { parseArgs } from 'node:util';
import { parseOptions as parseServerOptions, UsageError } from '../../server/bench/options';

export { UsageError };

/** Sections of `server/bench` (run together in one process, PostgreSQL). */
export const SERVER_SECTIONS = ['api-read', 'ingest'] as const;
/** Desktop sections: each is a script of its own here. `desk-render` runs only when its file exists. */
export const DESKTOP_SECTIONS = [
  { name: 'desktop-store', file: 'tests/bench/desktop-store.ts' },
  { name: 'outbox-flush', file: 'tests/bench/outbox-flush.ts' },
  { name: 'desk-render', file: 'tests/bench/desk-render.ts' },
] as const;
export const SECTION_NAMES: readonly string[] = [...SERVER_SECTIONS, ...DESKTOP_SECTIONS.map((s) => s.name)];

export const usage = `Usage: npm run bench -- [flags]

Runs every section in turn, each printing its figures: the backend's (api-read, ingest: PostgreSQL,
server/bench/README.md), then the desktop's (desktop-store, outbox-flush, and desk-render when
tests/bench/desk-render.ts exists; tests/bench/README.md).

  --only <section>       run one section: ${SECTION_NAMES.join(', ')}
  --scale <fraction>     data size, every section; 1 = full (default). e.g. --scale 0.01 for a quick run
                         backend: 1,000,000 tickets; desktop-store: a 50,000-ticket / 500,000-message
                         cache; outbox-flush: 1,000 queued messages
  --help                 this text

Backend sections (passed to server/bench):
  --duration <seconds>   measured time per scenario and concurrency (default 10)
  --database-url <url>   PostgreSQL admin connection (default: $BENCH_DATABASE_URL or the local
                         server); outbox-flush runs its backend on it too (default there: PGlite,
                         or PostgreSQL when $BENCH_DATABASE_URL or $TEST_DATABASE_URL is set)
  --keep                 reuse the generated bench database and leave it in place
  --profile <dir>        write a CPU profile of the backend process into <dir>

Desktop sections:
  --runs <n>             cold processes per desktop-store scenario (default 10)
  --fresh                generate the desktop-store cache again even if one of this size exists`;

export interface Step {
  /** The section name, or `server` for the backend sections run together. */
  name: string;
  file: string;
  args: string[];
}

export type Plan = { help: true } | { help: false; steps: Step[]; skipped: string[] };

const flagSpec = {
  scale: { type: 'string' },
  duration: { type: 'string' },
  'database-url': { type: 'string' },
  keep: { type: 'boolean' },
  only: { type: 'string' },
  profile: { type: 'string' },
  runs: { type: 'string' },
  fresh: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

/** parseArgs' own errors (unknown flag, missing value) as usage errors. */
function usageErrors<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

/**
 * Which processes `npm run bench` starts, with which flags. `exists` says whether a section's
 * file is there (desk-render is written separately and may not be yet).
 */
export function planBench(argv: readonly string[], env: NodeJS.ProcessEnv, exists: (file: string) => boolean): Plan {
  const v = usageErrors(() => parseArgs({ args: [...argv], options: flagSpec, strict: true }).values);
  if (v.help) return { help: true };
  if (v.only !== undefined && !SECTION_NAMES.includes(v.only)) throw new UsageError(`There is no section "${v.only}". Sections: ${SECTION_NAMES.join(', ')}.`);
  const flag = (name: string, value: string | boolean | undefined): string[] => (value === undefined || value === false ? [] : value === true ? [`--${name}`] : [`--${name}`, value]);
  const scale = flag('scale', v.scale);
  const serverArgs = [...scale, ...flag('duration', v.duration), ...flag('database-url', v['database-url']), ...flag('keep', v.keep), ...flag('profile', v.profile)];
  // Checked now, so a bad value stops the bench before anything long has run.
  parseServerOptions(serverArgs, env);
  const storeArgs = [...scale, ...flag('runs', v.runs), ...flag('fresh', v.fresh)];
  parseDesktopStoreFlags(storeArgs);
  const flushArgs = [...scale, ...flag('database-url', v['database-url'])];
  parseOutboxFlushFlags(flushArgs, env);

  const wanted = (name: string) => v.only === undefined || v.only === name;
  const steps: Step[] = [];
  const skipped: string[] = [];
  if (v.only === undefined) steps.push({ name: 'server', file: 'server/bench/index.ts', args: serverArgs });
  else if ((SERVER_SECTIONS as readonly string[]).includes(v.only)) steps.push({ name: v.only, file: 'server/bench/index.ts', args: [...serverArgs, '--only', v.only] });
  for (const s of DESKTOP_SECTIONS) {
    if (!wanted(s.name)) continue;
    if (!exists(s.file)) {
      if (v.only === s.name) throw new UsageError(`The section "${s.name}" has no script yet (${s.file} is missing).`);
      skipped.push(`${s.name} (${s.file} is not there yet)`);
      continue;
    }
    const args = s.name === 'desktop-store' ? storeArgs : s.name === 'outbox-flush' ? flushArgs : [];
    steps.push({ name: s.name, file: s.file, args });
  }
  return { help: false, steps, skipped };
}

const scaleOf = (raw: string | undefined): number => {
  const scale = raw === undefined ? 1 : Number(raw);
  if (!Number.isFinite(scale) || scale < 0.0001 || scale > 4) throw new UsageError(`--scale must be a number between 0.0001 and 4 (got "${raw}")`);
  return scale;
};

export interface DesktopStoreFlags { scale: number; runs: number; fresh: boolean; help: boolean }

export function parseDesktopStoreFlags(argv: readonly string[]): DesktopStoreFlags {
  const options = { scale: { type: 'string' }, runs: { type: 'string' }, fresh: { type: 'boolean' }, help: { type: 'boolean' } } as const;
  const v = usageErrors(() => parseArgs({ args: [...argv], options, strict: true }).values);
  const runs = v.runs === undefined ? 10 : Number(v.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 200) throw new UsageError(`--runs must be a whole number between 1 and 200 (got "${v.runs}")`);
  return { scale: scaleOf(v.scale), runs, fresh: v.fresh ?? false, help: v.help ?? false };
}

export interface OutboxFlushFlags {
  scale: number;
  /** PostgreSQL admin connection for the backend's database; undefined = embedded PGlite. */
  databaseUrl: string | undefined;
  help: boolean;
}

export function parseOutboxFlushFlags(argv: readonly string[], env: NodeJS.ProcessEnv): OutboxFlushFlags {
  const options = { scale: { type: 'string' }, 'database-url': { type: 'string' }, help: { type: 'boolean' } } as const;
  const v = usageErrors(() => parseArgs({ args: [...argv], options, strict: true }).values);
  const databaseUrl = v['database-url'] ?? (env.BENCH_DATABASE_URL || undefined) ?? (env.TEST_DATABASE_URL || undefined);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new UsageError(`--database-url must start with postgres:// (got "${databaseUrl}")`);
  return { scale: scaleOf(v.scale), databaseUrl, help: v.help ?? false };
}
