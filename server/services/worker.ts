import type { ServiceContext } from './context';

export interface Worker {
  /** Run now (new work was committed); runs again after the current pass if already running. */
  wake(): void;
  /** Resolves when no pass is running. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A background loop over durable work in the database: `pass` handles a batch and answers how many
 * items it took; the loop repeats while there is work, and polls every `pollMs` for work that other
 * nodes or timers made due.
 */
export function startWorker(ctx: ServiceContext, name: string, pass: () => Promise<number>, pollMs: number): Worker {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          while (!stopped && (await pass()) > 0);
        } catch (err) {
          ctx.log.error({ err, worker: name }, 'background pass failed; retrying at the next poll');
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
  };
  const timer = setInterval(run, pollMs);
  timer.unref();
  return {
    wake: run,
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (running) await running;
    },
  };
}
