import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Fraction of the full data set (1 = 1,000,000 tickets and about 10,000,000 messages). */
  scale: number;
  /** Seconds measured per scenario and concurrency (after a short warm-up). */
  durationS: number;
  /** Admin connection: the bench creates (and drops) its own database next to it. */
  databaseUrl: string;
  /** Reuse an already generated bench database of the same size, and leave it in place. */
  keep: boolean;
  /** Run one section only. */
  only: string | undefined;
  /** Folder for a CPU profile of the backend process (written when it stops). */
  profileDir: string | undefined;
  help: boolean;
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export const usage = `Usage: npm run bench -- [flags]

  --scale <fraction>     data set size; 1 = 1,000,000 tickets / ~10,000,000 messages (default 1)
                         e.g. --scale 0.01 for a quick run
  --duration <seconds>   measured time per scenario and concurrency (default 10)
  --database-url <url>   PostgreSQL admin connection (default: $BENCH_DATABASE_URL or
                         ${DEFAULT_DATABASE_URL})
  --keep                 reuse the bench database of this size if it was generated before,
                         and leave it in place afterwards (default: regenerate, drop at the end)
  --only <section>       run one section
  --profile <dir>        write a CPU profile (.cpuprofile) of the backend process into <dir>
  --help                 this text`;

export class UsageError extends Error {}

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        scale: { type: 'string' },
        duration: { type: 'string' },
        'database-url': { type: 'string' },
        keep: { type: 'boolean', default: false },
        only: { type: 'string' },
        profile: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const v = parsed.values;
  const scale = v.scale === undefined ? 1 : Number(v.scale);
  // Below 1e-4 a number holds too few tickets for a full page of open ones; above 4 the disk fills.
  if (!Number.isFinite(scale) || scale < 0.0001 || scale > 4) throw new UsageError(`--scale must be a number between 0.0001 and 4 (got "${v.scale}")`);
  const durationS = v.duration === undefined ? 10 : Number(v.duration);
  if (!Number.isFinite(durationS) || durationS <= 0 || durationS > 3600) throw new UsageError(`--duration must be a number of seconds between 0 and 3600 (got "${v.duration}")`);
  const databaseUrl = v['database-url'] ?? env.BENCH_DATABASE_URL ?? DEFAULT_DATABASE_URL;
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new UsageError(`--database-url must start with postgres:// (got "${databaseUrl}")`);
  return { scale, durationS, databaseUrl, keep: v.keep ?? false, only: v.only, profileDir: v.profile, help: v.help ?? false };
}
