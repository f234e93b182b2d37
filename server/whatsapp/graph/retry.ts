import { GraphError } from './errors';

export type BackoffOptions = {
  /** First delay, doubled per attempt (throttling starts at twice this). */
  baseMs?: number;
  /** No single delay is longer than this. */
  maxMs?: number;
  /** In [0, 1); injectable so tests are exact. */
  random?: () => number;
};

export type RetryOptions = BackoffOptions & {
  /** Calls in total, the first included. */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Default: `isRetryable`. */
  shouldRetry?: (error: unknown) => boolean;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
};

export const RETRY_DEFAULTS = { maxAttempts: 4, baseMs: 500, maxMs: 64_000 } as const;

/**
 * Retry only Graph errors that a repeat can fix (5xx, network, throttling), and never one whose
 * request may already have taken effect (a send that timed out): that would risk a second send.
 */
export function isRetryable(error: unknown): boolean {
  return error instanceof GraphError && (error.kind === 'retryable' || error.kind === 'throttled') && !error.mayHaveSucceeded;
}

/** How long to wait after failed attempt number `attempt` (1-based) before the next one. */
export function retryDelayMs(error: unknown, attempt: number, opts: BackoffOptions = {}): number {
  const baseMs = opts.baseMs ?? RETRY_DEFAULTS.baseMs;
  const maxMs = opts.maxMs ?? RETRY_DEFAULTS.maxMs;
  const random = opts.random ?? Math.random;
  if (error instanceof GraphError && error.code === 131056) {
    // Meta's advice for the per-customer pair rate: wait 4^attempt seconds. Jitter only adds.
    return Math.min(maxMs, Math.round(4 ** attempt * 1000 * (1 + 0.25 * random())));
  }
  const start = error instanceof GraphError && error.kind === 'throttled' ? baseMs * 2 : baseMs;
  const nominal = Math.min(maxMs, start * 2 ** (attempt - 1));
  // "Equal jitter": at least half the nominal delay, so retries from many jobs spread without collapsing to zero.
  return Math.round(nominal / 2 + (random() * nominal) / 2);
}

export async function withRetry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const maxAttempts = opts.maxAttempts ?? RETRY_DEFAULTS.maxAttempts;
  const shouldRetry = opts.shouldRetry ?? isRetryable;
  const sleep = opts.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= maxAttempts || !shouldRetry(error)) throw error;
      const delay = retryDelayMs(error, attempt, opts);
      opts.onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
