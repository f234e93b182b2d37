import fs from 'node:fs';

/**
 * Where the CPU went during a measurement (Linux /proc; zeros elsewhere): the backend process, every
 * PostgreSQL process, this load generator, and everything else on the machine (other work running
 * at the same time makes the figures lower).
 */
export interface CpuShare {
  /** Percent of one core, per consumer. */
  backend: number;
  postgres: number;
  client: number;
  other: number;
}

interface Sample {
  at: number;
  backend: number;
  postgres: Map<string, number>;
  clientUs: number;
  busy: number;
}

const TICKS_PER_S = 100; // USER_HZ on Linux

function ticksOf(statLine: string): number {
  // Fields after the command name (which may contain spaces): state is field 3, utime 14, stime 15.
  const rest = statLine.slice(statLine.lastIndexOf(')') + 2).split(' ');
  return Number(rest[11]) + Number(rest[12]);
}

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** CPU ticks of every PostgreSQL process by pid (backends come and go with connections). */
function postgresTicks(): Map<string, number> {
  const ticks = new Map<string, number>();
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return ticks;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    if (read(`/proc/${entry}/comm`)?.trim() !== 'postgres') continue;
    const stat = read(`/proc/${entry}/stat`);
    if (stat) ticks.set(entry, ticksOf(stat));
  }
  return ticks;
}

/** CPU seconds a process has used so far (0 when it cannot be read, e.g. PostgreSQL on another host). */
export function cpuSecondsOf(pid: number): number {
  const stat = read(`/proc/${pid}/stat`);
  return stat ? ticksOf(stat) / TICKS_PER_S : 0;
}

function busyTicks(): number {
  const line = read('/proc/stat')?.split('\n')[0];
  if (!line) return 0;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const all = v.reduce((a, b) => a + b, 0);
  return all - (v[3] ?? 0) - (v[4] ?? 0); // minus idle and iowait
}

export function sampleCpu(backendPid: number): Sample {
  const stat = read(`/proc/${backendPid}/stat`);
  const self = process.cpuUsage();
  return {
    at: performance.now(),
    backend: stat ? ticksOf(stat) : 0,
    postgres: postgresTicks(),
    clientUs: self.user + self.system,
    busy: busyTicks(),
  };
}

export function cpuBetween(a: Sample, b: Sample): CpuShare {
  const seconds = (b.at - a.at) / 1000;
  const pct = (ticks: number) => (seconds > 0 ? (ticks / TICKS_PER_S / seconds) * 100 : 0);
  const backend = pct(b.backend - a.backend);
  // Only what each process used between the samples: one that exited takes its past with it.
  let pgTicks = 0;
  for (const [pid, t] of b.postgres) pgTicks += t - (a.postgres.get(pid) ?? 0);
  const postgres = pct(pgTicks);
  const client = seconds > 0 ? ((b.clientUs - a.clientUs) / 1e6 / seconds) * 100 : 0;
  const busy = pct(b.busy - a.busy);
  return { backend, postgres, client, other: Math.max(0, busy - backend - postgres - client) };
}
