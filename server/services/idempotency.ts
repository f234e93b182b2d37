import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { idempotencyKeys } from '../db/schema';
import type { Actor, ServiceContext } from './context';
import { AppError } from './errors';
import { inTransaction, type UnitOfWork } from './unit-of-work';

export interface Outcome<T> {
  status: number;
  body: T;
}

/**
 * Runs a mutating use case at most once per (user, clientId). The key row is inserted first in
 * the same transaction: a concurrent repeat waits for it, then answers the stored outcome; a
 * repeat after a failure (rolled back) runs again. Reusing a clientId for another request is refused.
 */
export async function idempotent<T>(
  ctx: ServiceContext,
  actor: Actor,
  key: { route: string; clientId: string; request: unknown },
  run: (uow: UnitOfWork) => Promise<Outcome<T>>,
): Promise<Outcome<T>> {
  const requestHash = crypto.createHash('sha256').update(JSON.stringify([key.route, key.request])).digest('base64url');
  return inTransaction(ctx, async (uow) => {
    const claimed = await uow.tx
      .insert(idempotencyKeys)
      .values({ userId: actor.userId, clientId: key.clientId, route: key.route, requestHash, createdAt: ctx.clock.now() })
      .onConflictDoNothing()
      .returning({ clientId: idempotencyKeys.clientId });
    if (claimed.length === 0) {
      const [previous] = await uow.tx
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.userId, actor.userId), eq(idempotencyKeys.clientId, key.clientId)));
      if (!previous || previous.requestHash !== requestHash || previous.statusCode === null) {
        throw new AppError(
          'idempotency_key_reused',
          'This clientId was already used for a different request. Generate a new clientId for each new action.',
          'clientId',
        );
      }
      return { status: previous.statusCode, body: previous.response as T };
    }
    const outcome = await run(uow);
    await uow.tx
      .update(idempotencyKeys)
      .set({ statusCode: outcome.status, response: sql`${JSON.stringify(outcome.body)}::jsonb` })
      .where(and(eq(idempotencyKeys.userId, actor.userId), eq(idempotencyKeys.clientId, key.clientId)));
    return outcome;
  });
}
