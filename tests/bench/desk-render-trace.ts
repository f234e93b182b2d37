import { z } from 'zod';

/**
 * Main-thread CPU time from a Chromium trace: what the page itself cost, whatever else the
 * machine was doing. Wall-clock figures on a shared machine include the time the page's thread
 * waited for a core; its CPU time does not, so it shows what the same frames would take on an
 * idle core (roughly: a frame takes max(16.7 ms, its CPU time)).
 *
 * The page marks its moments with `performance.mark('deskbench:…')` (renderer/bench/probe.ts),
 * which the trace records on the page's main thread next to every task that thread ran.
 */

/** Trace categories this needs: every task with its thread time, and the page's marks. */
export const cpuCategories = ['toplevel', 'blink.user_timing'];

const traceEvent = z.object({
  name: z.string(),
  cat: z.string().optional(),
  ph: z.string(),
  pid: z.number(),
  tid: z.number(),
  ts: z.number(),
  dur: z.number().optional(),
  tdur: z.number().optional(),
});
type TraceEvent = z.infer<typeof traceEvent>;
const traceFile = z.union([z.object({ traceEvents: z.array(z.unknown()) }), z.array(z.unknown())]);

export interface CpuFigures {
  /** Navigation start → first ticket row, less the bench data's making. */
  listMs: number;
  /** Click → last message of the conversation. */
  conversationMs: number;
  /** Per frame while scrolling: the main thread's CPU time from one frame's start to the next. */
  listFrames: number[];
  conversationFrames: number[];
  historyFrames: number[];
}

interface Task {
  start: number;
  end: number;
  cpu: number;
}

function parseEvents(json: string): TraceEvent[] {
  const file = traceFile.parse(JSON.parse(json));
  const raw = Array.isArray(file) ? file : file.traceEvents;
  const out: TraceEvent[] = [];
  for (const e of raw) {
    const parsed = traceEvent.safeParse(e);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

/** The outermost tasks of one thread (nested `toplevel` slices are parts of their parent). */
function tasksOf(events: readonly TraceEvent[], pid: number, tid: number): Task[] {
  const slices = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.cat?.split(',').includes('toplevel') && e.dur !== undefined && e.tdur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const tasks: Task[] = [];
  for (const s of slices) {
    const last = tasks[tasks.length - 1];
    if (last && s.ts < last.end) continue;
    tasks.push({ start: s.ts, end: s.ts + s.dur!, cpu: s.tdur! });
  }
  return tasks;
}

/** CPU of the tasks in [from, to), a task cut by an edge counted for the part inside (µs → ms). */
function cpuBetween(tasks: readonly Task[], from: number, to: number): number {
  let cpu = 0;
  for (const t of tasks) {
    if (t.end <= from || t.start >= to) continue;
    const wall = t.end - t.start;
    const inside = Math.min(t.end, to) - Math.max(t.start, from);
    cpu += wall > 0 ? (t.cpu * inside) / wall : t.cpu;
  }
  return cpu / 1000;
}

/** Per frame: from the start of the task that ran one frame's mark to the start of the next one's. */
function frameCpu(tasks: readonly Task[], marks: readonly number[]): number[] {
  const starts = marks.map((m) => tasks.find((t) => t.start <= m && m < t.end)?.start ?? m);
  const out: number[] = [];
  for (let i = 0; i + 1 < starts.length; i++) out.push(cpuBetween(tasks, starts[i]!, starts[i + 1]!));
  return out;
}

export function cpuFromTrace(json: string): CpuFigures {
  const events = parseEvents(json);
  const marks = events.filter((e) => e.name.startsWith('deskbench:'));
  const seedStart = marks.find((e) => e.name === 'deskbench:seed-start');
  if (!seedStart) throw new Error('The trace holds no deskbench marks: was it recorded with the blink.user_timing category on the bench page?');
  const { pid, tid } = seedStart;
  const at = (name: string) => {
    const m = marks.find((e) => e.name === name);
    if (!m) throw new Error(`The trace has no "${name}" mark`);
    return m.ts;
  };
  const tasks = tasksOf(events, pid, tid);
  const navigations = events.filter((e) => e.name === 'navigationStart' && e.pid === pid && e.tid === tid && e.ts <= seedStart.ts);
  const navigationStart = navigations.length > 0 ? navigations[navigations.length - 1]!.ts : tasks[0]?.start ?? seedStart.ts;
  const frames = (pane: string) => marks.filter((e) => e.name === `deskbench:frame:${pane}`).map((e) => e.ts).sort((a, b) => a - b);
  return {
    listMs: cpuBetween(tasks, navigationStart, at('deskbench:first-row')) - cpuBetween(tasks, seedStart.ts, at('deskbench:seed-end')),
    conversationMs: cpuBetween(tasks, at('deskbench:open'), at('deskbench:last-message')),
    listFrames: frameCpu(tasks, frames('list')),
    conversationFrames: frameCpu(tasks, frames('conversation')),
    historyFrames: frameCpu(tasks, frames('history')),
  };
}
