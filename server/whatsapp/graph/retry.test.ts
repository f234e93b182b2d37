import { describe, expect, it } from 'vitest';
import { GraphError, LOCAL_CODES } from './errors';
import { isRetryable, retryDelayMs, withRetry } from './retry';

const err = (code: number, httpStatus = 400, extra: { mayHaveSucceeded?: boolean } = {}) =>
  new GraphError({ httpStatus, code, title: `e${code}`, ...extra });

/** Fails with the given errors in turn, then succeeds. */
function script(errors: unknown[]) {
  const calls: number[] = [];
  const fn = async (attempt: number) => {
    calls.push(attempt);
    const e = errors[attempt - 1];
    if (e !== undefined) throw e;
    return 'ok';
  };
  return { fn, calls };
}

function fakeSleep() {
  const slept: number[] = [];
  return { slept, sleep: async (ms: number) => { slept.push(ms); } };
}

describe('withRetry', () => {
  it('retries 5xx with exponential backoff and jitter, then succeeds', async () => {
    const { fn, calls } = script([err(131000, 500), err(2, 503), err(LOCAL_CODES.network, 0)]);
    const { slept, sleep } = fakeSleep();
    await expect(withRetry(fn, { maxAttempts: 4, baseMs: 1000, maxMs: 60_000, sleep, random: () => 0.5 })).resolves.toBe('ok');
    expect(calls).toEqual([1, 2, 3, 4]);
    // Equal jitter: nominal/2 + random × nominal/2, nominal doubling from baseMs.
    expect(slept).toEqual([750, 1500, 3000]);
  });

  it('never retries permanent or auth errors', async () => {
    for (const e of [err(131047), err(132001, 404), err(100), err(190, 401), err(10, 403)]) {
      const { fn, calls } = script([e]);
      const { slept, sleep } = fakeSleep();
      await expect(withRetry(fn, { sleep })).rejects.toBe(e);
      expect(calls).toEqual([1]);
      expect(slept).toEqual([]);
    }
  });

  it('gives up after maxAttempts with the last error', async () => {
    const last = err(131000, 500);
    const { fn, calls } = script([err(1), err(1), last]);
    const { slept, sleep } = fakeSleep();
    await expect(withRetry(fn, { maxAttempts: 3, sleep, random: () => 0 })).rejects.toBe(last);
    expect(calls).toEqual([1, 2, 3]);
    expect(slept).toHaveLength(2);
  });

  it('backs off 4^attempt seconds on the pair rate limit (131056)', async () => {
    const { fn } = script([err(131056), err(131056), err(131056)]);
    const { slept, sleep } = fakeSleep();
    await withRetry(fn, { maxAttempts: 4, maxMs: 120_000, sleep, random: () => 0 });
    expect(slept).toEqual([4_000, 16_000, 64_000]);
  });

  it('throttling (130429) starts slower than a 5xx blip and never exceeds maxMs', () => {
    const opts = { baseMs: 500, maxMs: 5_000, random: () => 0.999999 };
    expect(retryDelayMs(err(130429), 1, opts)).toBe(1000);
    expect(retryDelayMs(err(131000, 500), 1, opts)).toBe(500);
    expect(retryDelayMs(err(130429), 10, opts)).toBe(5000);
    expect(retryDelayMs(err(131056), 3, opts)).toBe(5000);
  });

  it('does not repeat a send whose outcome is unknown (it may have gone out)', async () => {
    const timedOut = err(LOCAL_CODES.timeout, 0, { mayHaveSucceeded: true });
    expect(timedOut.kind).toBe('retryable');
    expect(isRetryable(timedOut)).toBe(false);
    const { fn, calls } = script([timedOut]);
    await expect(withRetry(fn, { sleep: async () => {} })).rejects.toBe(timedOut);
    expect(calls).toEqual([1]);
  });

  it('does not retry errors that are not Graph errors (bugs, payload refusals)', async () => {
    const { fn, calls } = script([new TypeError('x is undefined')]);
    await expect(withRetry(fn, { sleep: async () => {} })).rejects.toThrow(TypeError);
    expect(calls).toEqual([1]);
  });

  it('reports each retry', async () => {
    const seen: [number, number, number][] = [];
    const { fn } = script([err(4)]);
    await withRetry(fn, { sleep: async () => {}, random: () => 0, baseMs: 100, onRetry: (e, attempt, delay) => seen.push([(e as GraphError).code, attempt, delay]) });
    expect(seen).toEqual([[4, 1, 100]]);
  });
});
