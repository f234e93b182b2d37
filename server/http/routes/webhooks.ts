import { z } from 'zod';
import type { InboxWriter } from '../../services/webhook-inbox';
import { verifySignature } from '../../whatsapp/webhook/signature';
import type { RouteModule } from '../types';

const verifyQuery = z.object({
  'hub.mode': z.string().optional(),
  'hub.verify_token': z.string().optional(),
  'hub.challenge': z.string().optional(),
});

/**
 * Meta's webhook: GET answers the subscription challenge; POST checks X-Hub-Signature-256 over the
 * raw bytes before anything else, stores the delivery durably, and only then answers 200.
 */
export function webhookRoutes(inbox: InboxWriter): RouteModule {
  return (app, ctx) => {
    app.get('/webhooks/whatsapp', { schema: { hide: true, querystring: verifyQuery } }, async (req, reply) => {
      const q = req.query;
      if (q['hub.mode'] === 'subscribe' && q['hub.verify_token'] === ctx.config.webhookVerifyToken && q['hub.challenge']) {
        return reply.type('text/plain').send(q['hub.challenge']);
      }
      return reply.status(403).type('text/plain').send('Verification failed: hub.verify_token does not match WEBHOOK_VERIFY_TOKEN.');
    });

    // The signature covers the exact bytes Meta sent, so this route reads the body raw.
    void app.register(async (raw) => {
      raw.removeAllContentTypeParsers();
      raw.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 4 * 1024 * 1024 }, (_req, body, done) => done(null, body));
      raw.post('/webhooks/whatsapp', { schema: { hide: true } }, async (req, reply) => {
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const signature = req.headers['x-hub-signature-256'];
        if (!verifySignature(body, typeof signature === 'string' ? signature : undefined, ctx.config.metaAppSecret)) {
          req.log.warn('webhook refused: missing or wrong X-Hub-Signature-256');
          return reply.status(401).send({ error: { code: 'unauthenticated', message: 'Missing or wrong X-Hub-Signature-256.' } });
        }
        await inbox.store(body.toString('utf8'));
        return reply.status(200).send({ ok: true });
      });
    });
  };
}
