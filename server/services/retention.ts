import { and, isNotNull, lt, sql } from 'drizzle-orm';
import { idempotencyKeys, webhookInbox } from '../db/schema';
import type { ServiceContext } from './context';

/** How long change-feed rows are kept: a client offline longer than this reloads a snapshot. */
export const FEED_RETENTION_MS = 30 * 24 * 3600_000;
/** A client retries an action within minutes or hours; a week of answers is plenty. */
export const IDEMPOTENCY_RETENTION_MS = 7 * 24 * 3600_000;

/**
 * Deletes old change-feed rows and remembers the highest deleted sequence, so a cursor below it
 * answers `resync_required` instead of silently missing changes.
 */
export async function pruneChangeFeed(ctx: ServiceContext, now = ctx.clock.now()): Promise<number> {
  const cutoff = new Date(now.getTime() - FEED_RETENTION_MS).toISOString();
  const result = await ctx.db.transaction(async (tx) => {
    const deleted = await tx.execute(sql`
      with gone as (delete from changes where at < ${cutoff}::timestamptz returning seq)
      update feed_state set pruned_through = greatest(pruned_through, coalesce((select max(seq) from gone), 0))
      where id = 1
      returning (select count(*) from gone) as n`);
    return Number((deleted as unknown as { rows: Array<{ n: string | number }> }).rows[0]?.n ?? 0);
  });
  await ctx.db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS)));
  // Processed webhook deliveries are only kept for a while, for troubleshooting.
  await ctx.db.delete(webhookInbox).where(and(isNotNull(webhookInbox.processedAt), lt(webhookInbox.receivedAt, new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS))));
  return result;
}
