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
import { isoFromUtcText, preparedPer } from './prepared';

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
  // Read on every request (never cached), so a revoked session fails at once.
  const [found] = await sessionQuery(ctx.db).execute({ tokenHash: hashToken(requireToken(token)) });
  return actorOfSession(ctx, found);
}

export function requireToken(token: string | undefined): string {
  if (!token) throw new AppError('unauthenticated', 'Sign in first: this request carries no session token.');
  return token;
}

/** A live session as read from the database (by `authenticate`, or inside a hot read's own statement). */
export interface SessionRow {
  sessionId: string;
  expiresAt: Date;
  lastUsedAt: Date;
  userId: string;
  orgId: string;
  active: boolean;
  permissions: readonly string[];
}

/**
 * The caller of a session found by its token hash (undefined when none is, or it was revoked):
 * refuses an expired session or an inactive user, and renews the session while it is in use.
 */
export async function actorOfSession(ctx: ServiceContext, found: SessionRow | undefined): Promise<Actor> {
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

/**
 * The session lookup of `authenticate` as a CTE named `me` for statements that authenticate and
 * read in one round trip. `tokenHash` is the SQL of the hash parameter (e.g. `$1`); timestamps
 * come as UTC text (see `sessionOfRow`).
 */
export const sessionCte = (tokenHash: string) => `me as (
  select s.id as session_id, (s.expires_at at time zone 'UTC')::text as expires_at, (s.last_used_at at time zone 'UTC')::text as last_used_at,
    u.id as user_id, u.org_id, u.active, p.permissions
  from sessions s join users u on u.id = s.user_id join profiles p on p.id = u.profile_id
  where s.token_hash = ${tokenHash} and s.revoked_at is null
)`;
/**
 * SQL true when the session of `sessionCte` (as `a`) may read the desk (an active user whose profile
 * has 'service.desk'): a hot read reads nothing for a caller it is about to refuse.
 */
export const READ_ALLOWED = `a.active and 'service.desk' = any(a.permissions)`;
/** The columns of `sessionCte`, in order, for a select list (prefix with the CTE's alias). */
export const SESSION_COLUMNS = ['session_id', 'expires_at', 'last_used_at', 'user_id', 'org_id', 'active', 'permissions'] as const;

/** A row's first `SESSION_COLUMNS.length` values as a session; undefined when the lookup found none. */
export function sessionOfRow(row: readonly unknown[] | undefined): SessionRow | undefined {
  if (!row || row[0] === null) return undefined;
  return {
    sessionId: row[0] as string,
    expiresAt: new Date(isoFromUtcText(row[1] as string)),
    lastUsedAt: new Date(isoFromUtcText(row[2] as string)),
    userId: row[3] as string,
    orgId: row[4] as string,
    active: row[5] as boolean,
    permissions: row[6] as string[],
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
