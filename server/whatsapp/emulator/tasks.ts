import { setTimeout as delay } from 'node:timers/promises';

/** Background work (status pipelines) that wait-for-idle waits for and reset cancels. */
export class TaskTracker {
  private active = 0;
  private controller = new AbortController();

  constructor(private readonly log: (line: string) => void) {}

  run(name: string, fn: (signal: AbortSignal) => Promise<void>): void {
    const signal = this.controller.signal;
    this.active++;
    fn(signal)
      .catch((err: unknown) => {
        if (!signal.aborted) this.log(`${name} failed: ${err instanceof Error ? err.message : String(err)}`);
      })
      .finally(() => {
        this.active--;
      });
  }

  pending(): number {
    return this.active;
  }

  reset(): void {
    this.controller.abort();
    this.controller = new AbortController();
  }
}

/** Resolves after ms, rejects (AbortError) when the signal fires first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal });
}
