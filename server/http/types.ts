import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../shared/errors';
import type { Actor, ServiceContext } from '../services/context';
import { authenticate } from '../services/auth';
import { AccessScope, requirePermission } from '../services/access';
import type { Permission } from '../../shared/permissions';

export type ZApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;
export type RouteModule = (app: ZApp, ctx: ServiceContext) => void;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export function bearerToken(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

/**
 * preHandler for authenticated routes: resolves the bearer token to `req.actor` and, when given,
 * refuses callers whose profile lacks the permission (SPEC G2: the API refuses what the menu hides).
 */
export function requireAuth(ctx: ServiceContext, permission?: Permission) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    req.actor = await authenticate(ctx, bearerToken(req));
    if (permission) requirePermission(req.actor, permission);
  };
}

export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new Error('route is missing the requireAuth preHandler');
  return req.actor;
}

export function scopeOf(ctx: ServiceContext, req: FastifyRequest): AccessScope {
  return new AccessScope(ctx.db, actorOf(req));
}

/** Error answers documented on every authenticated route. */
export const errorResponses = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
  410: apiErrorSchema,
  422: apiErrorSchema,
} as const;

export const idParams = z.object({ id: z.uuid({ message: 'must be an id (UUID)' }) });
export const bearer = [{ bearerAuth: [] }];
