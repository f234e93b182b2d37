import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { duration, table } from '../../server/bench/stats';
import { repoRoot, runTs } from './child';
import { planBench, usage, UsageError, type Plan } from './options';

/**
 * `npm run bench`: every section in turn, each in its own process printing its own figures:
 * the backend's (server/bench: api-read, ingest), then the desktop's (desktop-store,
 * outbox-flush, desk-render when its script exists). Ends with one line per section.
 */

const log = (line: string) => console.log(line);

async function main(): Promise<number> {
  let plan: Plan;
  try {
    plan = planBench(process.argv.slice(2), process.env, (file) => fs.existsSync(path.join(repoRoot, file)));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${err.message}\n\n${usage}`);
    return 2;
  }
  if (plan.help) {
    log(usage);
    return 0;
  }
  const load = os.loadavg()[0]!;
  const cores = os.cpus().length;
  log(`Go Personal Desk bench: ${plan.steps.map((s) => s.name).join(', ')} (load average ${load.toFixed(1)} on ${cores} cores${load > cores * 0.5 ? ': the machine is busy, figures will be noisy' : ''})`);
  for (const skipped of plan.skipped) log(`Skipped: ${skipped}`);

  const results: string[][] = [];
  for (const step of plan.steps) {
    log(`\n==== ${step.name}: ${step.file}${step.args.length ? ` ${step.args.join(' ')}` : ''}\n`);
    const r = await runTs(step.file, step.args, { inherit: true });
    results.push([step.name, r.code === 0 ? 'ok' : `exit ${r.code}`, duration(r.ms)]);
  }
  log(`\n==== summary (targets are reported in each section's table; exit codes say whether it ran correctly)\n`);
  log(table([{ title: 'section', align: 'left' }, { title: 'outcome', align: 'left' }, { title: 'time' }], results));
  return results.every((r) => r[1] === 'ok') ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
