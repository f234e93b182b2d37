import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { numbers } from '../db/schema';
import type { ServiceContext } from './context';

/** Phone-number details (quality, throughput, tier, status) are refreshed from Graph this often. */
export const DETAILS_REFRESH_MS = 60 * 60_000;
const QUALITIES = ['GREEN', 'YELLOW', 'RED', 'UNKNOWN'] as const;

/** Fetches one number's details from Graph and keeps them (the send rate follows its throughput level). */
export async function refreshNumberDetails(ctx: ServiceContext, numberId: string): Promise<void> {
  const [n] = await ctx.db.select().from(numbers).where(eq(numbers.id, numberId));
  if (!n) return;
  const d = await ctx.graph.getPhoneNumber(n.phoneNumberId);
  const quality = QUALITIES.find((q) => q === d.qualityRating?.toUpperCase()) ?? (d.qualityRating === 'NA' ? 'UNKNOWN' : n.quality);
  await ctx.db
    .update(numbers)
    .set({
      quality,
      throughputLevel: d.throughputLevel ?? n.throughputLevel,
      messagingTier: d.messagingLimitTier ?? n.messagingTier,
      waStatus: d.status ?? n.waStatus,
      verifiedName: d.verifiedName ?? n.verifiedName,
      detailsRefreshedAt: ctx.clock.now(),
    })
    .where(eq(numbers.id, numberId));
  ctx.throughput.setLevel(n.phoneNumberId, d.throughputLevel ?? n.throughputLevel);
}

/** Refreshes numbers never refreshed, flagged by a quality webhook, or older than the interval. */
export async function refreshStaleNumbers(ctx: ServiceContext, limit = 20): Promise<number> {
  const cutoff = new Date(ctx.clock.now().getTime() - DETAILS_REFRESH_MS);
  const stale = await ctx.db.select({ id: numbers.id }).from(numbers).where(or(isNull(numbers.detailsRefreshedAt), and(lt(numbers.detailsRefreshedAt, cutoff)))).limit(limit);
  for (const s of stale) {
    try {
      await refreshNumberDetails(ctx, s.id);
    } catch (err) {
      ctx.log.warn({ err, numberId: s.id }, 'could not refresh phone-number details; will retry');
      // Try again at the next interval rather than at every sweep.
      await ctx.db.update(numbers).set({ detailsRefreshedAt: ctx.clock.now() }).where(eq(numbers.id, s.id));
    }
  }
  return stale.length;
}
