import type { Backend } from './backend';
import type { CpuShare } from './cpu';
import type { BenchOptions } from './options';
import type { Dataset } from './seed';
import type { Summary } from './stats';

/** Shared, lazily prepared resources: a section asks for what it needs. */
export interface BenchContext {
  options: BenchOptions;
  log(line: string): void;
  /** The generated (or reused) bench database. */
  dataset(): Promise<Dataset>;
  /** The real backend, in its own process, on the bench database. */
  backend(): Promise<Backend>;
}

export type Target = { kind: 'p95-below-ms'; value: number } | { kind: 'rps-at-least'; value: number };

export interface Measurement {
  scenario: string;
  clients: number;
  summary: Summary;
  errors: number;
  firstError: string | undefined;
  /** Average items in one answer (checked before timing), to see pages are full. */
  itemsPerAnswer: number;
  bytesPerAnswer: number;
  cpu: CpuShare;
  target: Target | undefined;
}

/** One part of `npm run bench`; later issues add webhook ingestion, desk rendering… */
export interface Section {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<Measurement[]>;
}

export function meetsTarget(m: Measurement): boolean | undefined {
  if (!m.target) return undefined;
  return m.target.kind === 'p95-below-ms' ? m.summary.p95 < m.target.value : m.summary.perSecond >= m.target.value;
}

export function describeTarget(t: Target | undefined): string {
  if (!t) return '';
  return t.kind === 'p95-below-ms' ? `p95 < ${t.value} ms` : `≥ ${t.value.toLocaleString('en-US')} req/s`;
}
