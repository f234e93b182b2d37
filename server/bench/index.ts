import os from 'node:os';
import pg from 'pg';
import { apiReadSection } from './api-read';
import { ingestSection } from './ingest';
import { startBackend, type Backend } from './backend';
import { parseOptions, usage, UsageError, type BenchOptions } from './options';
import { prepareDataset, type Dataset } from './seed';
import { describeTarget, meetsTarget, type BenchContext, type Measurement, type Section } from './section';
import { count, duration, ms, table } from './stats';

/** Every section in run order; `--only <name>` runs one. Add new ones here. */
const sections: Section[] = [apiReadSection, ingestSection];

const log = (line: string) => console.log(line);

function once<T>(make: () => Promise<T>): { get(): Promise<T>; made(): T | undefined } {
  let promise: Promise<T> | undefined;
  let value: T | undefined;
  return {
    get: () => (promise ??= make().then((v) => (value = v))),
    made: () => value,
  };
}

async function describeMachine(options: BenchOptions): Promise<void> {
  const cores = os.cpus().length;
  const load = os.loadavg();
  let server = 'PostgreSQL (version unknown)';
  const c = new pg.Client({ connectionString: options.databaseUrl });
  try {
    await c.connect();
    server = (await c.query<{ v: string }>('select version() as v')).rows[0]!.v.split(' on ')[0]!;
  } catch {
    // prepareDataset reports connection problems with a clear message.
  } finally {
    await c.end().catch(() => undefined);
  }
  log(`Machine: ${cores} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ${server}; load average ${load.map((l) => l.toFixed(1)).join(' ')}`);
  if (load[0]! > cores * 0.5) {
    log(`Note: the machine is busy (load average ${load[0]!.toFixed(1)} on ${cores} cores). Other work shares the CPU: figures will be lower than on a quiet machine; see the "other" CPU column.`);
  }
}

function report(rows: Array<Measurement & { section: string }>): string {
  const pct = (v: number) => Math.round(v).toString();
  return table(
    [
      { title: 'section', align: 'left' }, { title: 'scenario', align: 'left' }, { title: 'clients' }, { title: 'requests' }, { title: 'req/s' },
      { title: 'p50 ms' }, { title: 'p95 ms' }, { title: 'p99 ms' }, { title: 'items' }, { title: 'kB' }, { title: 'errors' },
      { title: 'cpu% srv/pg/cli/other' }, { title: 'cpu ms/req srv/pg' }, { title: 'target', align: 'left' }, { title: 'result', align: 'left' },
    ],
    rows.map((r) => {
      const ok = meetsTarget(r);
      // CPU time per answer: steadier than latency when other work shares the machine.
      const perRequest = (share: number) => (r.summary.perSecond > 0 ? (share / 100 / r.summary.perSecond * 1000).toFixed(2) : '-');
      return [
        r.section, r.scenario, String(r.clients), count(r.summary.requests), count(r.summary.perSecond),
        ms(r.summary.p50), ms(r.summary.p95), ms(r.summary.p99), r.itemsPerAnswer.toFixed(0), (r.bytesPerAnswer / 1024).toFixed(1), String(r.errors),
        `${pct(r.cpu.backend)}/${pct(r.cpu.postgres)}/${pct(r.cpu.client)}/${pct(r.cpu.other)}`,
        `${perRequest(r.cpu.backend)}/${perRequest(r.cpu.postgres)}`,
        describeTarget(r.target), ok === undefined ? '' : ok ? 'PASS' : 'FAIL',
      ];
    }),
  );
}

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${err.message}\n\n${usage}`);
    return 2;
  }
  if (options.help) {
    log(usage);
    return 0;
  }
  const chosen = options.only ? sections.filter((s) => s.name === options.only) : sections;
  if (chosen.length === 0) {
    console.error(`There is no section "${options.only}". Sections: ${sections.map((s) => s.name).join(', ')}.`);
    return 2;
  }
  const started = Date.now();
  log(`Go Personal Desk bench: scale ${options.scale}, ${options.durationS} s per measurement, sections: ${chosen.map((s) => s.name).join(', ')}`);
  await describeMachine(options);

  const dataset = once<Dataset>(() => prepareDataset(options, log));
  const backend = once<Backend>(async () => startBackend((await dataset.get()).url, options.profileDir));
  const ctx: BenchContext = { options, log, dataset: dataset.get, backend: backend.get };
  const rows: Array<Measurement & { section: string }> = [];
  let failure: unknown;
  try {
    for (const section of chosen) {
      log(`\n[${section.name}] ${section.title}`);
      for (const m of await section.run(ctx)) rows.push({ ...m, section: section.name });
    }
  } catch (err) {
    failure = err;
  } finally {
    await backend.made()?.stop();
    const ds = dataset.made();
    if (ds && !options.keep) {
      await ds.drop();
      log(`\nDropped ${ds.plan.databaseName} (pass --keep to keep it and reuse it next time).`);
    } else if (ds) {
      log(`\nKept ${ds.plan.databaseName} for the next --keep run.`);
    }
    if (options.profileDir && backend.made()) log(`CPU profile of the backend written to ${options.profileDir} (open it in Chrome DevTools or speedscope).`);
  }
  if (rows.length > 0) {
    const plan = dataset.made()?.plan;
    log(`\nResults${plan ? ` (${count(plan.tickets)} tickets, ~${count(plan.tickets * 10)} messages)` : ''}, ${options.durationS} s each after a ${Math.min(2, options.durationS)} s warm-up; latency = request sent → last byte read; cpu = % of one core (backend process / all PostgreSQL processes / this load generator / everything else) and CPU milliseconds per answer\n`);
    log(report(rows));
  }
  const errors = rows.reduce((n, r) => n + r.errors, 0);
  for (const r of rows) if (r.firstError) log(`  ${r.scenario} × ${r.clients}: ${r.errors} errors, first: ${r.firstError}`);
  log(`\nTotal time ${duration(Date.now() - started)}.`);
  if (failure) {
    console.error(`\nThe bench stopped: ${failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)}`);
    return 1;
  }
  if (errors > 0) {
    console.error(`${errors} requests did not answer 200: see above.`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
