import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { benchOutDir, ensureBenchBuilt } from './desk-render-build';
import { CHROMIUM, chromiumArgs, measureOnce, type RunResult } from './desk-render-measure';
import { runLine, summarize } from './desk-render-report';
import { serveFolder } from './desk-render-serve';

/**
 * The desk's render bench (issue #6): the real desk in Debian's Chromium over 20,000 tickets and
 * a 5,000-message conversation held in the page. Time to the first ticket row and to the long
 * conversation's last message, and the time between frames while scrolling both, over several
 * runs, against the targets. `npx tsx tests/bench/desk-render.ts --help`.
 */

const usage = `Usage: npx tsx tests/bench/desk-render.ts [options]

  --runs <n>        measurements, each in a fresh browser context (default 3)
  --seconds <s>     scrolling time per pane and run (default 4)
  --speed <px/s>    scrolling speed (default 3000)
  --tickets <n>     tickets in the page (default 20000)
  --messages <n>    messages in the long conversation (default 5000)
  --viewport <WxH>  window size (default 1366x800)
  --trace <file>    keep a DevTools trace of the first run, with JS samples (open it in DevTools'
                    Performance panel or ui.perfetto.dev; the recording slows that run down)
  --rebuild         build the bench page even if its sources did not change
  --serve           build and serve the page for a look (or a profile) by hand, measure nothing
  --port <n>        the port for --serve (default: a free one)
  --help            this text

Exit code 0 when the measurement ran (PASS or FAIL is in the output), 1 when it could not run, 2 on bad options.`;

const legend = `First render: navigation → first ticket row visible (less the time the page spends making its data), and click
on the long conversation → its last message visible. Frames: time between animation frames while scrolling the conversation
upwards, going back through its history (jumping to the top as older messages arrive, 200 at a time, until all show or the
time is up), and scrolling the list. "cpu": the page main thread's CPU time over the same spans (from a trace), which other
work on the machine does not inflate; a frame on an idle core takes about max(16.7 ms, its cpu).`;

class UsageError extends Error {}

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} needs a positive number, not "${value}".`);
  return n;
}

function options(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string' }, seconds: { type: 'string' }, speed: { type: 'string' }, tickets: { type: 'string' }, messages: { type: 'string' },
      viewport: { type: 'string' }, trace: { type: 'string' }, rebuild: { type: 'boolean' }, serve: { type: 'boolean' }, port: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  const viewport = /^(\d+)x(\d+)$/.exec(values.viewport ?? '1366x800');
  if (!viewport) throw new UsageError(`--viewport is WIDTHxHEIGHT (like 1366x800), not "${values.viewport}".`);
  return {
    help: values.help ?? false,
    runs: Math.round(positive(values.runs, 3, 'runs')),
    scrollMs: positive(values.seconds, 4, 'seconds') * 1000,
    pxPerSecond: positive(values.speed, 3000, 'speed'),
    tickets: Math.round(positive(values.tickets, 20_000, 'tickets')),
    messages: Math.round(positive(values.messages, 5_000, 'messages')),
    viewport: { width: Number(viewport[1]), height: Number(viewport[2]) },
    trace: values.trace ? path.resolve(values.trace) : undefined,
    rebuild: values.rebuild ?? false,
    serve: values.serve ?? false,
    port: Math.round(positive(values.port, 0, 'port')),
  };
}

const log = (line: string) => console.log(line);

async function main(): Promise<number> {
  let o: ReturnType<typeof options>;
  try {
    o = options(process.argv.slice(2));
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n\n${usage}`);
    return 2;
  }
  if (o.help) {
    log(usage);
    return 0;
  }
  await ensureBenchBuilt({ force: o.rebuild, log });
  if (o.serve) {
    const server = await serveFolder(benchOutDir, o.port);
    log(`The desk bench page: ${server.url}?tickets=${o.tickets}&messages=${o.messages}#/service/desk (Ctrl+C stops).`);
    await new Promise(() => undefined);
    return 0;
  }

  const server = await serveFolder(benchOutDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: chromiumArgs });
  try {
    const load = os.loadavg();
    log(`Desk render bench: Chromium ${browser.version()} headless, ${o.viewport.width}×${o.viewport.height}, pt-BR; ${o.tickets.toLocaleString('en-US')} tickets and a ${o.messages.toLocaleString('en-US')}-message conversation in the page; `
      + `${o.runs} runs, ${o.scrollMs / 1000} s of scrolling per pane at ${o.pxPerSecond} px/s`);
    log(`Machine: ${os.cpus().length} cores, load average ${load.map((l) => l.toFixed(1)).join(' ')}${load[0]! > os.cpus().length * 0.5 ? ' (busy: other work shares the CPU, so times are higher than on a quiet machine)' : ''}`);
    const url = `${server.url}?tickets=${o.tickets}&messages=${o.messages}#/service/desk`;
    const runs: RunResult[] = [];
    for (let i = 0; i < o.runs; i++) {
      const r = await measureOnce(browser, { url, viewport: o.viewport, scrollMs: o.scrollMs, pxPerSecond: o.pxPerSecond, ...(i === 0 && o.trace ? { tracePath: o.trace } : {}) });
      runs.push(r);
      log(runLine(i, r));
    }
    if (o.trace) log(`Trace of run 1: ${o.trace}`);
    const verdict = summarize(runs);
    log('');
    log(verdict.lines);
    log('');
    log(`Desk render: ${verdict.pass ? 'PASS' : 'FAIL'} on the wall clock; ${verdict.cpuPass ? 'PASS' : 'FAIL'} on main-thread CPU time.`);
    log(legend);
    return 0;
  } finally {
    await browser.close();
    await server.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`The desk render bench could not run: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
