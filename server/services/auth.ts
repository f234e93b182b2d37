import crypto from 'node:crypto';
import argon2 from 'argon2';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { LoginResponse, User } from '../../shared/api/auth';
import type { Permission } from '../../shared/permissions';
import { uuidv7 } from '../../shared/uuid';
import { profiles, sessions, users } from '../db/schema';
import type { Actor, ServiceContext } from './context';
import { AppError } from './errors';
import { LoginThrottle } from './login-throttle';
import { preparedPer } from './prepared';

const throttle = new LoginThrottle();

/** Renew a session's expiry at most this often, so reads do not each cost a write. */
const RENEW_EVERY_MS = 5 * 60_000;
// A real hash to verify against when the e-mail is unknown, so timing does not reveal accounts.
const dummyHash = argon2.hash('not-a-real-password');

export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');

export function presentUser(u: typeof users.$inferSelect): User {
  return { id: u.id, email: u.email, name: u.name, status: u.status, profileId: u.profileId };
}

export async function login(ctx: ServiceContext, email: string, password: string): Promise<LoginResponse> {
  throttle.check(email, ctx.clock.now().getTime());
  const [user] = await ctx.db.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  const ok = await argon2.verify(user?.passwordHash ?? (await dummyHash), password);
  if (!user || !ok || !user.active) {
    throttle.fail(email, ctx.clock.now().getTime());
    throw new AppError('invalid_credentials', 'E-mail or password is wrong. Check both and try again.');
  }
  throttle.succeed(email);
  const token = crypto.randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionTtlMs);
  await ctx.db.insert(sessions).values({ id: uuidv7(), userId: user.id, tokenHash: hashToken(token), expiresAt, lastUsedAt: now, createdAt: now });
  return { token, expiresAt: expiresAt.toISOString(), user: presentUser(user) };
}

const expired = () => new AppError('unauthenticated', 'Your session has expired or was ended. Sign in again.');

const sessionQuery = preparedPer((db) =>
  db
    .select({
      sessionId: sessions.id,
      expiresAt: sessions.expiresAt,
      lastUsedAt: sessions.lastUsedAt,
      userId: users.id,
      orgId: users.orgId,
      active: users.active,
      permissions: profiles.permissions,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(profiles, eq(profiles.id, users.profileId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), isNull(sessions.revokedAt)))
    .prepare('auth_session'),
);

/** Resolves a bearer token to its caller, renewing the session while it is in use. */
export async function authenticate(ctx: ServiceContext, token: string | undefined): Promise<Actor> {
  if (!token) throw new AppError('unauthenticated', 'Sign in first: this request carries no session token.');
  // Read on every request (never cached), so a revoked session fails at once.
  const [found] = await sessionQuery(ctx.db).execute({ tokenHash: hashToken(token) });
  const now = ctx.clock.now();
  if (!found || !found.active || found.expiresAt <= now) throw expired();
  if (now.getTime() - found.lastUsedAt.getTime() > RENEW_EVERY_MS) {
    await ctx.db
      .update(sessions)
      .set({ lastUsedAt: now, expiresAt: new Date(now.getTime() + ctx.config.sessionTtlMs) })
      .where(eq(sessions.id, found.sessionId));
  }
  return {
    userId: found.userId,
    orgId: found.orgId,
    sessionId: found.sessionId,
    permissions: new Set(found.permissions as Permission[]),
  };
}

/** Ends one session now; its sockets are closed on every node. */
export async function revokeSession(ctx: ServiceContext, sessionId: string, reason: 'revoked' | 'signed_out' = 'revoked'): Promise<void> {
  await ctx.db.update(sessions).set({ revokedAt: ctx.clock.now() }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
  ctx.publisher.endSession(sessionId, reason);
}

/** Ends every session of a user (e.g. deactivated, password changed). */
export async function revokeUserSessions(ctx: ServiceContext, userId: string): Promise<void> {
  const ended = await ctx.db
    .update(sessions)
    .set({ revokedAt: ctx.clock.now() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  for (const s of ended) ctx.publisher.endSession(s.id, 'revoked');
}
