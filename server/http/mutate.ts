import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessScope } from '../services/access';
import type { ServiceContext } from '../services/context';
import { idempotent } from '../services/idempotency';
import type { UnitOfWork } from '../services/unit-of-work';
import { actorOf } from './types';

/**
 * Runs a mutating route's use case once per clientId (a repeat answers the original status and
 * body) inside one transaction, with the caller's access checked against that transaction.
 */
export async function mutate<T>(
  ctx: ServiceContext,
  req: FastifyRequest & { body: { clientId: string } },
  reply: FastifyReply,
  route: string,
  run: (uow: UnitOfWork, scope: AccessScope) => Promise<T>,
  status = 200,
): Promise<T> {
  const actor = actorOf(req);
  const outcome = await idempotent(ctx, actor, { route, clientId: req.body.clientId, request: { params: req.params, body: req.body } }, async (uow) => ({
    status,
    body: await run(uow, new AccessScope(uow.tx, actor)),
  }));
  reply.status(outcome.status);
  return outcome.body;
}
