/** Messages per second per business number, by Graph's `throughput.level` (reference §7). */
export const THROUGHPUT_MPS: Readonly<Record<string, number>> = { STANDARD: 80, HIGH: 1000 };
export const DEFAULT_MPS = 80;

export function messagesPerSecond(level?: string | null): number {
  return (level && THROUGHPUT_MPS[level.toUpperCase()]) || DEFAULT_MPS;
}

type Bucket = { rate: number; capacity: number; tokens: number; updatedAt: number };

export type ThroughputLimiterOptions = {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Burst allowance in seconds of the rate (a full bucket holds rate × burstSeconds). */
  burstSeconds?: number;
};

/**
 * A token bucket per phone-number id, kept in this process. Callers reserve a slot at once
 * (the balance may go negative), so concurrent senders queue in arrival order without a lock.
 */
export class ThroughputLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly burstSeconds: number;

  constructor(opts: ThroughputLimiterOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.burstSeconds = opts.burstSeconds ?? 1;
  }

  /** Sets the number's rate from its Graph throughput level (STANDARD, HIGH; anything else → default). */
  setLevel(phoneNumberId: string, level: string | null | undefined): void {
    this.setRate(phoneNumberId, messagesPerSecond(level));
  }

  /** A number not seen yet starts with a full bucket; a known one keeps its balance (never more than the new burst). */
  setRate(phoneNumberId: string, perSecond: number): void {
    const existing = this.buckets.get(phoneNumberId);
    const capacity = Math.max(1, perSecond * this.burstSeconds);
    if (!existing) {
      this.buckets.set(phoneNumberId, { rate: perSecond, capacity, tokens: capacity, updatedAt: this.now() });
      return;
    }
    this.refill(existing);
    existing.rate = perSecond;
    existing.capacity = capacity;
    existing.tokens = Math.min(existing.tokens, capacity);
  }

  rateOf(phoneNumberId: string): number {
    return this.buckets.get(phoneNumberId)?.rate ?? DEFAULT_MPS;
  }

  /** Takes a slot for one message and returns how many ms the caller must wait before sending it. */
  reserve(phoneNumberId: string): number {
    const b = this.bucket(phoneNumberId);
    this.refill(b);
    b.tokens -= 1;
    return b.tokens >= 0 ? 0 : Math.ceil((-b.tokens * 1000) / b.rate);
  }

  async acquire(phoneNumberId: string): Promise<void> {
    const wait = this.reserve(phoneNumberId);
    if (wait > 0) await this.sleep(wait);
  }

  private bucket(phoneNumberId: string): Bucket {
    if (!this.buckets.has(phoneNumberId)) this.setRate(phoneNumberId, DEFAULT_MPS);
    return this.buckets.get(phoneNumberId)!;
  }

  private refill(b: Bucket): void {
    const now = this.now();
    b.tokens = Math.min(b.capacity, b.tokens + ((now - b.updatedAt) * b.rate) / 1000);
    b.updatedAt = now;
  }
}
