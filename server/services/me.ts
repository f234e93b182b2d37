import { and, asc, eq, inArray } from 'drizzle-orm';
import type { MeResponse } from '../../shared/api/auth';
import type { Permission } from '../../shared/permissions';
import { numbers, organizations, profiles, queues, users } from '../db/schema';
import type { DbOrTx } from '../db/client';
import type { AccessScope } from './access';
import { presentUser } from './auth';
import { notFound } from './errors';

export async function numbersOf(db: DbOrTx, scope: AccessScope): Promise<MeResponse['numbers']> {
  const access = await scope.numbers();
  const ids = [...access.keys()];
  if (ids.length === 0) return [];
  const found = await db.select().from(numbers).where(inArray(numbers.id, ids)).orderBy(asc(numbers.identification));
  const qs = await db.select().from(queues).where(inArray(queues.numberId, ids)).orderBy(asc(queues.position), asc(queues.name));
  return found.map((n) => ({
    id: n.id,
    wabaId: n.wabaId,
    phoneNumberId: n.phoneNumberId,
    displayPhone: n.displayPhone,
    identification: n.identification,
    ownerId: n.ownerId,
    quality: n.quality,
    access: access.get(n.id)!,
    queues: qs.filter((q) => q.numberId === n.id).map((q) => ({ id: q.id, name: q.name, isDefault: q.isDefault })),
  }));
}

export async function me(db: DbOrTx, scope: AccessScope): Promise<MeResponse> {
  const [row] = await db
    .select({ user: users, org: organizations, profile: profiles })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .innerJoin(profiles, eq(profiles.id, users.profileId))
    .where(and(eq(users.id, scope.actor.userId)));
  if (!row) throw notFound('Your user');
  return {
    user: presentUser(row.user),
    organization: { id: row.org.id, name: row.org.name, timeZone: row.org.timeZone },
    profile: { id: row.profile.id, name: row.profile.name, key: row.profile.key, permissions: row.profile.permissions as Permission[] },
    numbers: await numbersOf(db, scope),
  };
}
