import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { EmulatorContext } from './context';
import { graphErrors } from './errors';
import { bodySummaries, DOWNLOAD_PATH, findNumber, queryOf, type Params } from './graph-http';
import { newNumericId } from './ids';
import { checkUpload, extensionOf } from './media-types';
import { boundaryOf, parseMultipart } from './multipart';
import type { MediaRecord } from './state';

const DAY_MS = 24 * 60 * 60 * 1000;
export const UPLOADED_MEDIA_TTL_MS = 30 * DAY_MS;
export const INBOUND_MEDIA_TTL_MS = 7 * DAY_MS;

export function storeMedia(ctx: EmulatorContext, input: Omit<MediaRecord, 'id' | 'sha256' | 'expiresAt'>): MediaRecord {
  const ttl = input.origin === 'upload' ? UPLOADED_MEDIA_TTL_MS : INBOUND_MEDIA_TTL_MS;
  const record: MediaRecord = {
    ...input,
    id: newNumericId(),
    sha256: createHash('sha256').update(input.bytes).digest(),
    expiresAt: ctx.clock.now() + ttl,
  };
  ctx.state.media.set(record.id, record);
  return record;
}

/** A live media object, or undefined when unknown, deleted or past its lifetime. */
export function liveMedia(ctx: EmulatorContext, id: string): MediaRecord | undefined {
  const media = ctx.state.media.get(id);
  if (!media) return undefined;
  if (media.expiresAt <= ctx.clock.now()) {
    ctx.state.media.delete(id);
    return undefined;
  }
  return media;
}

function urlHash(ctx: EmulatorContext, mid: string, ext: string): string {
  return createHmac('sha256', ctx.mediaKey).update(`${mid}:${ext}`).digest('base64url');
}

/** GET /{media-id}: metadata with a signed download URL that lives a few minutes. */
export function mediaNode(ctx: EmulatorContext, media: MediaRecord): Record<string, unknown> {
  const ext = String(Math.floor((ctx.clock.now() + ctx.config.mediaUrlTtlMs) / 1000));
  const url = new URL(DOWNLOAD_PATH, ctx.baseUrl());
  url.searchParams.set('mid', media.id);
  url.searchParams.set('ext', ext);
  url.searchParams.set('hash', urlHash(ctx, media.id, ext));
  return {
    messaging_product: 'whatsapp',
    url: url.toString(),
    mime_type: media.mimeType,
    sha256: media.sha256.toString('hex'),
    file_size: String(media.bytes.length),
    id: media.id,
  };
}

function download(ctx: EmulatorContext, query: Record<string, string>, reply: FastifyReply): FastifyReply {
  const { mid = '', ext = '', hash = '' } = query;
  const expected = Buffer.from(urlHash(ctx, mid, ext));
  const given = Buffer.from(hash);
  const signed = given.length === expected.length && timingSafeEqual(given, expected);
  if (!signed) return reply.code(403).type('text/plain').send('URL signature mismatch');
  if (Number(ext) * 1000 <= ctx.clock.now()) return reply.code(403).type('text/plain').send('URL signature expired');
  const media = liveMedia(ctx, mid);
  if (!media) return reply.code(404).type('text/plain').send('Not Found');
  return reply
    .code(200)
    .header('content-type', media.mimeType)
    .header('content-disposition', `attachment; filename=${media.filename ?? `${media.id}.${extensionOf(media.mimeType)}`}`)
    .send(media.bytes);
}

export function registerMediaRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post<{ Params: Params }>('/:version/:id/media', async (req) => {
    const number = findNumber(ctx, req.params.id, 'post');
    const boundary = boundaryOf(req.headers['content-type']);
    const form = boundary && Buffer.isBuffer(req.body) ? parseMultipart(req.body, boundary) : null;
    if (!form) throw graphErrors.invalidParameter('The request must be multipart/form-data with a file.');
    const file = form.files.find((f) => f.field === 'file');
    bodySummaries.set(req, {
      fields: form.fields,
      file: file ? { filename: file.filename, contentType: file.contentType, size: file.data.length } : null,
    });
    if (form.fields.messaging_product === undefined) throw graphErrors.invalidParameter('The parameter messaging_product is required.');
    if (form.fields.messaging_product !== 'whatsapp') throw graphErrors.invalidParameter(`Param messaging_product must be one of {WHATSAPP} - got "${form.fields.messaging_product}".`);
    if (!file) throw graphErrors.invalidParameter('The parameter file is required.');
    const mimeType = form.fields.type || file.contentType;
    checkUpload(mimeType, file.data);
    const media = storeMedia(ctx, { phoneNumberId: number.id, mimeType, bytes: file.data, filename: file.filename, origin: 'upload' });
    return { id: media.id };
  });

  app.get(DOWNLOAD_PATH, async (req, reply) => download(ctx, queryOf(req), reply));
}

/** DELETE /{media-id}. */
export function deleteMedia(ctx: EmulatorContext, id: string): { success: true } | null {
  if (!liveMedia(ctx, id)) return null;
  ctx.state.media.delete(id);
  return { success: true };
}
