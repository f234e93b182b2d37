import type { Browser, Page } from 'playwright-core';
import { z } from 'zod';
import { cpuCategories, cpuFromTrace, type CpuFigures } from './desk-render-trace';

/** Debian's Chromium; never a downloaded one. */
export const CHROMIUM = '/usr/bin/chromium';
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface RunSettings {
  url: string;
  viewport: { width: number; height: number };
  /** Scrolling time per pane. */
  scrollMs: number;
  pxPerSecond: number;
  /** Keeps this run's Chromium trace in the file, with the DevTools categories (for a look in Perfetto). */
  tracePath?: string;
}

export interface RunResult {
  /** Navigation start → the bench module running (the app's code fetched, parsed and evaluated). */
  scriptMs: number;
  /** Making the bench data in the page; left out of the list's figure (the real app has it stored). */
  seedMs: number;
  /** Navigation start → first ticket row visible, less `seedMs`. */
  listMs: number;
  /** Click on the long conversation's row → its last message visible. */
  conversationMs: number;
  /** Time between frames while scrolling each pane. */
  listFrames: number[];
  conversationFrames: number[];
  /** Going back through the conversation's history (older messages loading): how many it showed at the end, in how long. */
  historyFrames: number[];
  historyShown: number;
  historyMs: number;
  /** The same measurements in main-thread CPU time (from a trace of the run). */
  cpu: CpuFigures;
}

/** What the Performance panel of DevTools records, for a trace kept to look at. */
const devtoolsCategories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'blink.user_timing', 'toplevel', 'loading', 'latencyInfo'];

const probeInfo = z.object({ scriptAt: z.number(), seedMs: z.number(), tickets: z.number(), messages: z.number() });
const gaps = z.array(z.number());
const history = z.object({ frames: gaps, shown: z.number(), ms: z.number() });

/** Evaluates `expression` in the page with `b` = `window.deskBench` (a string, so nothing of ours is serialised). */
async function probe<T>(page: Page, expression: string, schema: z.ZodType<T>): Promise<T> {
  const answer: unknown = await page.evaluate(`(() => {
    const b = window.deskBench;
    if (!b) throw new Error('window.deskBench is missing: is this the bench page (out/renderer-bench)?');
    return ${expression};
  })()`);
  const parsed = schema.safeParse(answer);
  if (!parsed.success) throw new Error(`The bench page answered ${expression} with ${JSON.stringify(answer)?.slice(0, 200)}: ${parsed.error.message}`);
  return parsed.data;
}

/**
 * One measurement in a fresh browser context: open the desk, wait for the first ticket row,
 * open the long conversation and wait for its last message, then scroll the conversation, go back
 * through its history (older messages loading), and scroll the list. A trace runs meanwhile
 * (tasks and marks only, unless `tracePath` asks for more) for the CPU figures. Fails on any
 * error the page reports, so a broken page never yields figures.
 */
export async function measureOnce(browser: Browser, s: RunSettings): Promise<RunResult> {
  const context = await browser.newContext({ viewport: s.viewport, locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  const check = () => {
    if (problems.length > 0) throw new Error(`The bench page failed:\n  ${problems.slice(0, 5).join('\n  ')}`);
  };
  let tracing = false;
  try {
    await browser.startTracing(page, s.tracePath ? { path: s.tracePath, screenshots: true, categories: devtoolsCategories } : { categories: cpuCategories });
    tracing = true;
    await page.goto(s.url, { waitUntil: 'load' });
    check();
    const info = await probe(page, '({ scriptAt: b.scriptAt, seedMs: b.seedMs, tickets: b.tickets, messages: b.messages })', probeInfo);
    const firstRowAt = await probe(page, 'b.firstRow()', z.number());
    // Let the start settle (panes mounting, fonts) so the conversation is timed on its own.
    await page.waitForTimeout(500);
    const conversationMs = await probe(page, 'b.openLongConversation()', z.number());
    await page.waitForTimeout(1000);
    const conversationFrames = await probe(page, `b.scroll('conversation', ${s.scrollMs}, ${s.pxPerSecond})`, gaps);
    const older = await probe(page, `b.history(${s.scrollMs})`, history);
    const listFrames = await probe(page, `b.scroll('list', ${s.scrollMs}, ${s.pxPerSecond})`, gaps);
    check();
    const trace = await browser.stopTracing();
    tracing = false;
    const cpu = cpuFromTrace(trace.toString('utf8'));
    return {
      scriptMs: info.scriptAt, seedMs: info.seedMs, listMs: firstRowAt - info.seedMs, conversationMs, listFrames, conversationFrames,
      historyFrames: older.frames, historyShown: older.shown, historyMs: older.ms, cpu,
    };
  } finally {
    if (tracing) await browser.stopTracing().catch(() => undefined);
    await context.close();
  }
}
