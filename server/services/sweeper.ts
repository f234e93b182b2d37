import type { ServiceContext } from './context';
import { closeInactiveTickets } from './inactivity';
import { heartbeat, reapDeadNodes } from './presence';
import { distributeAll } from './routing';
import { pruneChangeFeed } from './retention';

/**
 * Periodic duties of every node: heartbeat, forget dead nodes, close inactive tickets, and hand
 * out waiting tickets that no event triggered, and (hourly) prune the change feed.
 */
export function startSweeper(ctx: ServiceContext): { stop(): void } {
  let running = false;
  let lastPrune = 0;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await heartbeat(ctx);
      await reapDeadNodes(ctx);
      while ((await closeInactiveTickets(ctx)) > 0);
      await distributeAll(ctx);
      if (Date.now() - lastPrune > 3600_000) {
        lastPrune = Date.now();
        await pruneChangeFeed(ctx);
      }
    } catch (err) {
      ctx.log.error({ err }, 'sweep failed; retrying at the next interval');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), ctx.config.sweepIntervalMs);
  timer.unref();
  void tick();
  return { stop: () => clearInterval(timer) };
}
