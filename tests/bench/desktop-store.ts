import fs from 'node:fs';
import { count, duration, ms, percentile, table } from '../../server/bench/stats';
import { SqliteStore } from '../../main/store/sqlite-store';
import { runTs } from './child';
import { cacheFiles, cachePlan, generateCache, readManifest, type CacheManifest } from './desktop-cache';
import { parseDesktopStoreFlags, UsageError } from './options';
import { probeOutput, type ProbeInput, type ProbeOutput, type Scenario } from './probe-io';

/**
 * Section `desktop-store`: the desktop app's SQLite cache at the size (50,000 tickets,
 * 500,000 messages at --scale 1), generated once and kept in the temporary folder, then opened by
 * a fresh Node process for every measurement: the first page of the agent's list, a
 * 1,000-message conversation, a full-text search. Targets are reported, not enforced.
 */

const log = (line: string) => console.log(line);

interface ScenarioSpec {
  scenario: Scenario;
  title: string;
  /** Which time the target is about: the whole start (open + desk + call) or the call alone. */
  judged: 'total' | 'call';
  targetMs: number;
}

const SCENARIOS = (m: CacheManifest): ScenarioSpec[] => [
  { scenario: 'first-page', title: 'first page: listTickets "mine", busiest number', judged: 'total', targetMs: 15 },
  { scenario: 'conversation', title: `conversation: listMessages, ${count(1000)} messages`, judged: 'call', targetMs: 15 },
  { scenario: 'search', title: `search "${m.searchWord}": 50 newest matches`, judged: 'call', targetMs: 10 },
];

async function probe(input: ProbeInput): Promise<ProbeOutput> {
  const r = await runTs('tests/bench/desktop-store-probe.ts', [JSON.stringify(input)]);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.code !== 0 || !line.startsWith('{')) throw new Error(`the ${input.scenario} probe failed (exit ${r.code}):\n${r.stderr || r.stdout}`);
  return probeOutput.parse(JSON.parse(line));
}

const stat = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
};
const pair = (values: number[]) => {
  const s = stat(values);
  return `${ms(s.p50)} / ${ms(s.p95)}`;
};

async function main(): Promise<number> {
  let flags;
  try {
    flags = parseDesktopStoreFlags(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${err.message}\n\nUsage: tsx tests/bench/desktop-store.ts [--scale <fraction>] [--runs <n>] [--fresh]`);
    return 2;
  }
  if (flags.help) {
    log('Usage: tsx tests/bench/desktop-store.ts [--scale <fraction>] [--runs <n>] [--fresh]\n  (or npm run bench -- --only desktop-store …; see tests/bench/README.md)');
    return 0;
  }
  const plan = cachePlan(flags.scale);
  const files = cacheFiles(plan);
  let manifest = flags.fresh ? null : readManifest(files);
  let origin = 'reused';
  if (!manifest) {
    log(`Generating a cache of ${count(plan.tickets)} tickets and ${count(plan.messages)} messages on ${plan.numbers} numbers through SqliteStore.put, into ${files.dir} (once per size)`);
    manifest = generateCache(plan, files, log);
    origin = `generated in ${duration(manifest.generatedInMs)}`;
  }
  const sizeMb = ['', '-wal'].reduce((n, suffix) => n + (fs.existsSync(files.db + suffix) ? fs.statSync(files.db + suffix).size : 0), 0) / 2 ** 20;
  const c = manifest.counts;
  log(`Cache: ${count(c.tickets)} tickets, ${count(c.messages)} messages, ${count(c.contacts)} contacts on ${plan.numbers} numbers, ${sizeMb.toFixed(0)} MB (${origin}: ${files.db})`);
  log(`${flags.runs} cold runs per scenario: each one a new Node process that opens the cache (SqliteStore.open), creates the desk service over it (DeskService.create) and makes one desktop call. The OS file cache stays warm.`);

  // What the first page reads before it filters: every open or waiting ticket of the number.
  const peek = SqliteStore.open(files.db);
  const active = peek.tickets({ numberId: manifest.busiestNumberId, states: ['open', 'waiting'] }).length;
  peek.close();
  log(`Busiest number: ${count(active)} open or waiting tickets, ${count(manifest.counts.mineOnBusiest)} of them the agent's (the "mine" list).`);

  const specs = SCENARIOS(manifest);
  const results = new Map<Scenario, ProbeOutput[]>(specs.map((s) => [s.scenario, []]));
  const base = { db: files.db, numberId: manifest.busiestNumberId, ticketId: manifest.conversationTicketId, word: manifest.searchWord };
  // Scenarios take turns, so a burst of load on the machine falls on all of them alike.
  for (let run = 0; run < flags.runs; run++) {
    for (const s of specs) results.get(s.scenario)!.push(await probe({ ...base, scenario: s.scenario }));
  }

  const rows = specs.map((s) => {
    const out = results.get(s.scenario)!;
    const total = out.map((o) => o.openMs + o.deskMs + o.callMs);
    const judged = s.judged === 'total' ? total : out.map((o) => o.callMs);
    const ok = stat(judged).p95 < s.targetMs;
    return [
      s.title, out[0]!.detail, pair(out.map((o) => o.openMs)), pair(out.map((o) => o.deskMs)), pair(out.map((o) => o.callMs)), pair(total),
      `${s.judged} p95 < ${s.targetMs} ms`, ok ? 'PASS' : 'FAIL',
    ];
  });
  log('');
  log(table(
    [
      { title: 'scenario', align: 'left' }, { title: 'answer', align: 'left' }, { title: 'open ms' }, { title: 'desk ms' }, { title: 'call ms' },
      { title: 'total ms' }, { title: 'target', align: 'left' }, { title: 'result', align: 'left' },
    ],
    rows,
  ));
  log('(median / p95 over the runs; open = SqliteStore.open with its migrations check, desk = DeskService.create, call = the desktop call, total = all three)');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
