/** A small seeded generator (mulberry32): the same seed gives the same bench data on every run. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One of the table's keys, each as likely as its weight. */
  weighted<K extends string>(table: Weights<K>): K {
    const r = this.next() * table.total;
    for (let i = 0; i < table.keys.length; i++) if (r < table.upTo[i]!) return table.keys[i]!;
    return table.keys[table.keys.length - 1]!;
  }
}

export interface Weights<K extends string> {
  keys: K[];
  /** Running totals of the weights. */
  upTo: number[];
  total: number;
}

/** A table for `Random.weighted`, built once (drawing from it allocates nothing). */
export function weights<K extends string>(w: Readonly<Partial<Record<K, number>>>): Weights<K> {
  const keys: K[] = [];
  const upTo: number[] = [];
  let total = 0;
  for (const [key, weight] of Object.entries(w) as Array<[K, number]>) {
    total += weight;
    keys.push(key);
    upTo.push(total);
  }
  return { keys, upTo, total };
}

/** A valid UUID for row `n` of a kind (hex-padded, so ids sort in creation order). */
export function benchId(kind: number, n: number): string {
  return `0190e000-0000-7000-8${kind.toString(16).padStart(3, '0')}-${n.toString(16).padStart(12, '0')}`;
}

const DAY_MS = 86_400_000;
const dayPrefixes = new Map<number, string>();
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** `new Date(ms).toISOString()` for whole milliseconds, without a Date per call (the bench makes ~100,000). */
export function iso(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) dayPrefixes.set(day, (prefix = new Date(day * DAY_MS).toISOString().slice(0, 11)));
  const rest = Math.round(ms) - day * DAY_MS;
  return `${prefix}${pad(Math.floor(rest / 3_600_000), 2)}:${pad(Math.floor(rest / 60_000) % 60, 2)}:${pad(Math.floor(rest / 1000) % 60, 2)}.${pad(rest % 1000, 3)}Z`;
}
