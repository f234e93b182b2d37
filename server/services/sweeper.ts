import { and, gt, isNull, lt } from 'drizzle-orm';
import { sessions } from '../db/schema';
import type { ServiceContext } from './context';
import { closeInactiveTickets } from './inactivity';
import { refreshStaleNumbers } from './number-details';
import { heartbeat, reapDeadNodes } from './presence';
import { pruneChangeFeed } from './retention';
import { distributeAll } from './routing';
import { failUnconfirmed } from './sender';

/** How often a node beats; others consider it dead after NODE_DEAD_AFTER_MS (30 s) of silence. */
export const HEARTBEAT_MS = 10_000;

/**
 * Periodic duties of every node: heartbeat (on its own short timer), forget dead nodes, close
 * inactive tickets, hand out waiting tickets no event triggered, end sockets of expired sessions,
 * fail sends WhatsApp never confirmed, refresh phone-number details, and (hourly) prune old data.
 */
export function startSweeper(ctx: ServiceContext): { stop(): void } {
  let running = false;
  let lastPrune = 0;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await reapDeadNodes(ctx);
      while ((await closeInactiveTickets(ctx)) > 0);
      await distributeAll(ctx);
      await endExpiredSessions(ctx);
      await failUnconfirmed(ctx);
      await refreshStaleNumbers(ctx);
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
  const beat = setInterval(() => void heartbeat(ctx).catch((err: unknown) => ctx.log.error({ err }, 'heartbeat failed')), HEARTBEAT_MS);
  beat.unref();
  const timer = setInterval(() => void tick(), ctx.config.sweepIntervalMs);
  timer.unref();
  void tick();
  return {
    stop: () => {
      clearInterval(timer);
      clearInterval(beat);
    },
  };
}

/** Sessions that expired since the last sweep: their sockets are told and closed on every node. */
export async function endExpiredSessions(ctx: ServiceContext): Promise<number> {
  const now = ctx.clock.now();
  const ended = await ctx.db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(isNull(sessions.revokedAt), lt(sessions.expiresAt, now), gt(sessions.expiresAt, new Date(now.getTime() - 7 * 24 * 3600_000))))
    .returning({ id: sessions.id });
  for (const s of ended) ctx.publisher.endSession(s.id, 'expired');
  return ended.length;
}
