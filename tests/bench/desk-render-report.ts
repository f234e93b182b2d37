import { ms, percentile, table } from '../../server/bench/stats';
import type { RunResult } from './desk-render-measure';

/** The targets (#6): first render under 500 ms, 95th-percentile frame under 20 ms. */
export const targets = { firstRenderMs: 500, frameP95Ms: 20 };

const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);
/** Later than this, at least one frame (60 Hz) was skipped. */
const DROPPED_MS = 25;

const pcts = (values: readonly number[]) => {
  const s = sorted(values);
  return { p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1] ?? Number.NaN };
};

export function runLine(i: number, r: RunResult): string {
  const frames = (wall: number[], cpu: number[]) => {
    const w = pcts(wall);
    const c = pcts(cpu);
    return `p50 ${ms(w.p50)} / p95 ${ms(w.p95)} ms (cpu ${ms(c.p50)} / ${ms(c.p95)}) over ${wall.length} frames`;
  };
  return `run ${i + 1}: list first render ${ms(r.listMs)} ms (cpu ${ms(r.cpu.listMs)}; code ready at ${ms(r.scriptMs)} ms, ${ms(r.seedMs)} ms of bench data left out), `
    + `conversation ${ms(r.conversationMs)} ms (cpu ${ms(r.cpu.conversationMs)}); scrolling: conversation ${frames(r.conversationFrames, r.cpu.conversationFrames)}, `
    + `history ${frames(r.historyFrames, r.cpu.historyFrames)}, ${r.historyShown} messages shown after ${(r.historyMs / 1000).toFixed(1)} s, list ${frames(r.listFrames, r.cpu.listFrames)}`;
}

export interface Verdict {
  lines: string;
  /** The targets on the wall clock. */
  pass: boolean;
  /** The same targets on the page's main-thread CPU time (what an idle core would give). */
  cpuPass: boolean;
}

/**
 * The summary over every run: first renders by their median (with a few runs, p95 is the worst
 * run), frames pooled over all runs. First renders are judged on p50, frames on p95; on the wall
 * clock (the targets) and, beside it, on main-thread CPU time.
 */
export function summarize(runs: readonly RunResult[]): Verdict {
  const rows: string[][] = [];
  let pass = true;
  let cpuPass = true;
  const add = (what: string, wall: readonly number[], cpu: readonly number[], judged: 'p50' | 'p95', limit: number, frames: boolean) => {
    const w = pcts(wall);
    const c = pcts(cpu);
    const ok = w[judged] < limit;
    pass &&= ok;
    cpuPass &&= c[judged] < limit;
    const dropped = frames ? `${((wall.filter((f) => f > DROPPED_MS).length / Math.max(1, wall.length)) * 100).toFixed(1)}%` : '';
    rows.push([what, String(wall.length), ms(w.p50), ms(w.p95), ms(w.max), dropped, ms(c.p50), ms(c.p95), `${judged} < ${limit} ms`, ok ? 'PASS' : 'FAIL', c[judged] < limit ? 'PASS' : 'FAIL']);
  };
  add('first render: ticket list', runs.map((r) => r.listMs), runs.map((r) => r.cpu.listMs), 'p50', targets.firstRenderMs, false);
  add('first render: conversation', runs.map((r) => r.conversationMs), runs.map((r) => r.cpu.conversationMs), 'p50', targets.firstRenderMs, false);
  add('frames: scrolling conversation', runs.flatMap((r) => r.conversationFrames), runs.flatMap((r) => r.cpu.conversationFrames), 'p95', targets.frameP95Ms, true);
  add('frames: conversation history', runs.flatMap((r) => r.historyFrames), runs.flatMap((r) => r.cpu.historyFrames), 'p95', targets.frameP95Ms, true);
  add('frames: scrolling list', runs.flatMap((r) => r.listFrames), runs.flatMap((r) => r.cpu.listFrames), 'p95', targets.frameP95Ms, true);
  const lines = table(
    [
      { title: 'measurement', align: 'left' }, { title: 'samples' }, { title: 'p50 ms' }, { title: 'p95 ms' }, { title: 'max ms' },
      { title: `> ${DROPPED_MS} ms` }, { title: 'cpu p50' }, { title: 'cpu p95' }, { title: 'target', align: 'left' }, { title: 'result', align: 'left' },
      { title: 'on cpu', align: 'left' },
    ],
    rows,
  );
  return { lines, pass, cpuPass };
}
