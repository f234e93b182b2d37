import type { FastifyRequest } from 'fastify';
import type { Permission } from '../../shared/permissions';
import { requirePermission } from '../services/access';
import { authenticate } from '../services/auth';
import type { ServiceContext } from '../services/context';
import { bearerToken } from './types';

/**
 * Route options of a hot read (the ticket list, a page of messages): the service authenticates the
 * token in the same statement that reads, so the route has no `requireAuth` hook and keeps a
 * validation error for `refuseInvalid`. The service builds its answer with exactly the keys of the
 * response schema, so it is sent with `JSON.stringify` instead of being encoded again through zod
 * (most of the answer's CPU time). The schemas still validate the request and document the route.
 */
export const hotRead = {
  attachValidation: true,
  serializerCompiler: () => (data: unknown) => JSON.stringify(data),
} as const;

/**
 * What `requireAuth` on `onRequest` gives the other routes: a request that is not valid is refused
 * with 401 or 403 first when the caller may not make it at all, and with the validation error
 * otherwise. Nothing to do when it is valid.
 */
export async function refuseInvalid(ctx: ServiceContext, req: FastifyRequest, permission: Permission): Promise<void> {
  if (!req.validationError) return;
  requirePermission(await authenticate(ctx, bearerToken(req)), permission);
  throw req.validationError;
}
