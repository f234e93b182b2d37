import type { ServiceContext } from './context';
import { closeInactiveTickets } from './inactivity';
import { heartbeat, reapDeadNodes } from './presence';
import { distributeAll } from './routing';

/**
 * Periodic duties of every node: heartbeat, forget dead nodes, close inactive tickets, and hand
 * out waiting tickets that no event triggered (e.g. an agent's grace period changed nothing).
 */
export function startSweeper(ctx: ServiceContext): { stop(): void } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await heartbeat(ctx);
      await reapDeadNodes(ctx);
      while ((await closeInactiveTickets(ctx)) > 0);
      await distributeAll(ctx);
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
