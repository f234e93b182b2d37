import type { Readable } from 'node:stream';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mediaInfoSchema, mediaUrlSchema } from '../../../shared/api/templates';
import { authenticate } from '../../services/auth';
import { AccessScope } from '../../services/access';
import { AppError } from '../../services/errors';
import { checkSignedUrl, mediaForReader, signedMediaUrl, uploadMedia } from '../../services/media';
import { MAX_MEDIA_BYTES } from '../../whatsapp/graph/limits';
import { bearer, bearerToken, errorResponses, idParams, requireAuth, scopeOf, type RouteModule } from '../types';

const uploadQuery = z.object({
  numberId: z.uuid({ message: 'must be the id of the number that will send the file' }),
  filename: z.string().trim().min(1).max(240).regex(/^[^/\\]+$/, 'must be a file name without folders'),
});
const readQuery = z.object({ exp: z.coerce.number().int().optional(), sig: z.string().max(100).optional() });

/** Media: clients read files from our API only (bearer token or a short-lived signed URL), never from Meta. */
export const mediaRoutes: RouteModule = (app, ctx) => {
  app.get('/api/v1/media/:id', {
    schema: { tags: ['media'], security: bearer, params: idParams, querystring: readQuery, summary: 'Download a media file (bearer token, or exp+sig from /url)' },
  }, async (req, reply) => {
    const { exp, sig } = req.query;
    let row;
    if (exp !== undefined && sig) {
      if (!checkSignedUrl(ctx, req.params.id, exp, sig)) throw new AppError('unauthenticated', 'This media link has expired or is not valid. Ask for a new one.');
      row = await mediaForReader(ctx, null, req.params.id);
    } else {
      const actor = await authenticate(ctx, bearerToken(req));
      row = await mediaForReader(ctx, new AccessScope(ctx.db, actor), req.params.id);
    }
    void reply
      .header('content-type', row.mimeType ?? 'application/octet-stream')
      .header('cache-control', 'private, max-age=600')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(row.filename ?? row.id)}`);
    if (row.size !== null) void reply.header('content-length', String(row.size));
    return reply.send(ctx.media.read(row.storageKey!));
  });

  app.get('/api/v1/media/:id/url', {
    onRequest: requireAuth(ctx, 'service.desk'),
    schema: { tags: ['media'], security: bearer, params: idParams, response: { 200: mediaUrlSchema, ...errorResponses }, summary: 'A short-lived signed URL for <img>/<audio> elements' },
  }, async (req) => {
    await mediaForReader(ctx, scopeOf(ctx, req), req.params.id);
    return signedMediaUrl(ctx, req.params.id);
  });

  // Uploads stream to the media store: the body is read raw, not parsed.
  void app.register(async (raw) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', { bodyLimit: MAX_MEDIA_BYTES + 1024 }, (_req, payload, done) => done(null, payload));
    raw.withTypeProvider<ZodTypeProvider>().post('/api/v1/media', {
      onRequest: requireAuth(ctx, 'service.desk'),
      bodyLimit: MAX_MEDIA_BYTES + 1024,
      schema: {
        tags: ['media'], security: bearer, querystring: uploadQuery, response: { 201: mediaInfoSchema, ...errorResponses },
        summary: 'Upload an attachment (raw body, Content-Type = the file type); WhatsApp type and size limits are checked first',
      },
    }, async (req, reply) => {
      const declared = Number(req.headers['content-length']);
      const info = await uploadMedia(ctx, scopeOf(ctx, req), {
        numberId: req.query.numberId, filename: req.query.filename, mimeType: req.headers['content-type'] ?? 'application/octet-stream',
        declaredSize: Number.isFinite(declared) ? declared : null, body: req.body as Readable,
      });
      return reply.status(201).send(info);
    });
  });
};
