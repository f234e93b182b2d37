import type { EmulatorClock } from './clock';
import type { PairRate } from './options';
import type { PhoneNumberRecord } from './state';

/**
 * Per-number throughput (sliding one-second window, 130429) and the business–customer pair
 * rate (token bucket: `burst` at once, one more every `intervalMs`, 131056). Both run on the
 * emulator clock, so advancing it refills them.
 */
export class RateLimiter {
  private readonly perNumber = new Map<string, number[]>();
  private readonly pairs = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(
    private readonly clock: EmulatorClock,
    private readonly pairRate: () => PairRate,
  ) {}

  takeThroughput(number: PhoneNumberRecord): boolean {
    const now = this.clock.now();
    let window = this.perNumber.get(number.id);
    if (!window) {
      window = [];
      this.perNumber.set(number.id, window);
    }
    while (window.length > 0 && (window[0] ?? 0) <= now - 1000) window.shift();
    if (window.length >= number.mps) return false;
    window.push(now);
    return true;
  }

  /** Whether one more message may go to this customer now (does not consume). */
  peekPair(phoneNumberId: string, waId: string): boolean {
    return this.pairTokens(phoneNumberId, waId).tokens >= 1;
  }

  takePair(phoneNumberId: string, waId: string): boolean {
    const bucket = this.pairTokens(phoneNumberId, waId);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  resetPairs(): void {
    this.pairs.clear();
  }

  reset(): void {
    this.perNumber.clear();
    this.pairs.clear();
  }

  private pairTokens(phoneNumberId: string, waId: string): { tokens: number; updatedAt: number } {
    const rate = this.pairRate();
    const now = this.clock.now();
    const key = `${phoneNumberId}:${waId}`;
    if (!rate.enabled) return { tokens: Number.POSITIVE_INFINITY, updatedAt: now };
    let bucket = this.pairs.get(key);
    if (!bucket) {
      bucket = { tokens: rate.burst, updatedAt: now };
      this.pairs.set(key, bucket);
    }
    bucket.tokens = Math.min(rate.burst, bucket.tokens + (now - bucket.updatedAt) / rate.intervalMs);
    bucket.updatedAt = now;
    return bucket;
  }
}
