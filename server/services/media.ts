import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import { and, eq, sql } from 'drizzle-orm';
import { uuidv7 } from '../../shared/uuid';
import { rows } from '../db/client';
import { media, numbers } from '../db/schema';
import { MediaTooLarge, mediaKey } from '../media/store';
import { GraphError } from '../whatsapp/graph/errors';
import { MAX_MEDIA_BYTES, MEDIA_LIMITS, mediaLimitProblem, type MediaKind } from '../whatsapp/graph/limits';
import { retryDelayMs } from '../whatsapp/graph/retry';
import type { AccessScope } from './access';
import type { ServiceContext } from './context';
import { AppError, notFound } from './errors';
import { mediaKindOf } from './outbound';

type MediaRow = typeof media.$inferSelect;
const MAX_DOWNLOAD_ATTEMPTS = 8;
/** A claimed download is retried by any node after this lease, should the claiming node die. */
const DOWNLOAD_LEASE_MS = 5 * 60_000;
export const SIGNED_URL_TTL_MS = 10 * 60_000;

export function presentMedia(m: MediaRow) {
  return { id: m.id, mimeType: m.mimeType, filename: m.filename, size: m.size, sha256: m.sha256, status: m.status };
}

/** An agent's attachment, checked against WhatsApp's type and size limits before it is stored. */
export async function uploadMedia(
  ctx: ServiceContext,
  scope: AccessScope,
  input: { numberId: string; mimeType: string; filename: string; declaredSize: number | null; body: Readable },
) {
  await scope.requireNumber(input.numberId);
  const mimeType = input.mimeType.split(';')[0]!.trim().toLowerCase();
  const kind = mediaKindOf(mimeType) as MediaKind;
  // Without a Content-Length (a streamed upload) only the type is checked here: the store enforces the size while writing.
  const early = mediaLimitProblem(kind, mimeType, input.declaredSize ?? 1);
  if (early) throw new AppError('media_rejected', `${early}.`, 'file');
  const now = ctx.clock.now();
  const id = uuidv7(now.getTime());
  const key = mediaKey(scope.actor.orgId, id, now);
  let stored: { size: number; sha256: string };
  try {
    stored = await ctx.media.put(key, input.body, MEDIA_LIMITS[kind].maxBytes);
  } catch (err) {
    if (err instanceof MediaTooLarge) throw new AppError('media_rejected', `The file is larger than WhatsApp allows for ${kind} (${MEDIA_LIMITS[kind].maxBytes} bytes).`, 'file');
    throw err;
  }
  if (stored.size === 0) {
    await ctx.media.remove(key);
    throw new AppError('media_rejected', 'The file is empty.', 'file');
  }
  const [row] = await ctx.db
    .insert(media)
    .values({ id, orgId: scope.actor.orgId, numberId: input.numberId, direction: 'out', status: 'ready', mimeType, filename: input.filename, size: stored.size, sha256: stored.sha256, storageKey: key, createdAt: now })
    .returning();
  return presentMedia(row!);
}

/**
 * A media file the caller may read: it belongs to one of their numbers. With `scope` null the
 * caller presented a valid signed URL, which is the authorisation itself.
 */
export async function mediaForReader(ctx: ServiceContext, scope: AccessScope | null, id: string): Promise<MediaRow> {
  const [row] = await ctx.db.select().from(media).where(eq(media.id, id));
  if (!row || (scope && !(await scope.numbers()).has(row.numberId))) throw notFound('The media file');
  if (row.status === 'pending') throw new AppError('media_not_ready', 'This file is still being downloaded from WhatsApp. Try again in a moment.');
  if (row.status === 'failed') throw new AppError('not_found', `This file could not be downloaded from WhatsApp${row.error ? `: ${row.error}` : ''}.`);
  return row;
}

function urlSecret(ctx: ServiceContext): Buffer {
  return crypto.createHmac('sha256', ctx.config.metaAppSecret).update('media-url-v1').digest();
}

/** A short-lived URL for <img>/<audio> elements, which cannot send the bearer token. */
export function signedMediaUrl(ctx: ServiceContext, id: string): { url: string; expiresAt: string } {
  const exp = ctx.clock.now().getTime() + SIGNED_URL_TTL_MS;
  const sig = crypto.createHmac('sha256', urlSecret(ctx)).update(`${id}.${exp}`).digest('base64url');
  return { url: `/api/v1/media/${id}?exp=${exp}&sig=${sig}`, expiresAt: new Date(exp).toISOString() };
}

export function checkSignedUrl(ctx: ServiceContext, id: string, exp: number, sig: string): boolean {
  if (exp < ctx.clock.now().getTime()) return false;
  const expected = crypto.createHmac('sha256', urlSecret(ctx)).update(`${id}.${exp}`).digest('base64url');
  return expected.length === sig.length && crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(sig));
}

/**
 * Downloads pending inbound media through the Graph API (resolve the id to a short-lived URL, then
 * fetch it with the token) into the media store, keeping size, type and sha256. Claimed with SKIP
 * LOCKED and a lease so nodes share the work. Answers how many were attempted.
 */
export async function downloadPendingMedia(ctx: ServiceContext, limit = 5): Promise<number> {
  const now = ctx.clock.now();
  const claimed = await rows<{ id: string }>(ctx.db, sql`
    update media set attempts = attempts + 1, next_attempt_at = ${new Date(now.getTime() + DOWNLOAD_LEASE_MS).toISOString()}::timestamptz
    where id in (select id from media where status = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz order by next_attempt_at limit ${limit} for update skip locked)
    returning id`);
  await Promise.all(claimed.map(({ id }) => downloadOne(ctx, id)));
  return claimed.length;
}

async function downloadOne(ctx: ServiceContext, id: string): Promise<void> {
  const [row] = await ctx.db.select({ m: media, pnid: numbers.phoneNumberId }).from(media).innerJoin(numbers, eq(numbers.id, media.numberId)).where(eq(media.id, id));
  if (!row || !row.m.waMediaId) return;
  const m = row.m;
  try {
    const info = await ctx.graph.getMedia(row.pnid, m.waMediaId!);
    const file = await ctx.graph.downloadMedia(row.pnid, info.url, MAX_MEDIA_BYTES);
    const key = mediaKey(m.orgId, m.id, m.createdAt);
    const stored = await ctx.media.put(key, file.bytes, MAX_MEDIA_BYTES);
    if (info.sha256 && info.sha256 !== stored.sha256 && Buffer.from(info.sha256, 'base64').toString('hex') !== stored.sha256) {
      ctx.log.warn({ mediaId: id }, 'downloaded media does not match the sha256 WhatsApp announced');
    }
    await ctx.db
      .update(media)
      .set({ status: 'ready', storageKey: key, size: stored.size, sha256: stored.sha256, mimeType: info.mimeType || file.mimeType || m.mimeType, error: null, nextAttemptAt: null })
      .where(and(eq(media.id, id), eq(media.status, 'pending')));
  } catch (err) {
    const permanent = err instanceof GraphError && (err.kind === 'permanent' || err.kind === 'auth');
    const giveUp = permanent || m.attempts >= MAX_DOWNLOAD_ATTEMPTS;
    const reason = err instanceof GraphError ? err.reason : err instanceof Error ? err.message : String(err);
    if (!(err instanceof GraphError)) ctx.log.error({ err, mediaId: id }, 'media download failed');
    await ctx.db
      .update(media)
      .set(giveUp
        ? { status: 'failed', error: reason.slice(0, 300), nextAttemptAt: null }
        : { nextAttemptAt: new Date(ctx.clock.now().getTime() + retryDelayMs(err, m.attempts)), error: reason.slice(0, 300) })
      .where(eq(media.id, id));
  }
}
