export interface BackoffOptions {
  /** Delay before the first retry. */
  baseMs: number;
  /** Upper bound of any delay. */
  maxMs: number;
  factor: number;
  /** Share of the delay that is randomised (0 = none, 1 = anywhere between 0 and the delay). */
  jitter: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 500, maxMs: 30_000, factor: 2, jitter: 0.5 };

/**
 * Exponential backoff with jitter: after `attempt` failures (0 = the first), wait
 * min(max, base × factor^attempt), of which a random `jitter` share is taken off so that many
 * clients coming back at once do not retry in step.
 */
export function backoffDelay(attempt: number, opts: BackoffOptions = defaultBackoff, random: () => number = Math.random): number {
  const exp = opts.baseMs * Math.pow(opts.factor, Math.max(0, attempt));
  const capped = Math.min(opts.maxMs, Number.isFinite(exp) ? exp : opts.maxMs);
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(capped * (1 - opts.jitter * r));
}
