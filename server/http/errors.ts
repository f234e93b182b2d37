import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ApiError } from '../../shared/errors';
import { AppError } from '../services/errors';

function fieldOf(instancePath: string | undefined, context: string | undefined): string | undefined {
  const path = (instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  return path || (context === 'body' ? undefined : context);
}

/** Every error leaves as `{ error: { code, message, field? } }` with the status of its code. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      const body: ApiError = { error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) } };
      return reply.status(err.status).send(body);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const field = fieldOf(first?.instancePath, err.validationContext);
      const message = `${field ? `${field}: ` : ''}${first?.message ?? 'invalid value'}`;
      return reply.status(400).send({ error: { code: 'validation', message, ...(field ? { field } : {}) } });
    }
    if (err.statusCode === 400 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply.status(400).send({ error: { code: 'validation', message: `The request could not be read: ${err.message}` } });
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) {
      return reply.status(413).send({ error: { code: 'payload_too_large', message: 'The request is too large. Send a smaller file or text.' } });
    }
    if (err.statusCode === 429) {
      return reply.status(429).send({ error: { code: 'rate_limited', message: 'Too many requests. Wait a moment and try again.' } });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: 'Something went wrong on the server. Try again; if it persists, tell your administrator.' } });
  });
  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send({ error: { code: 'not_found', message: `There is no ${req.method} ${req.url.split('?')[0]} in this API.` } });
  });
}
