import { sql } from 'drizzle-orm';
import type { AccessLevel } from '../../shared/api/auth';
import type { DbOrTx } from '../db/client';
import { accessLevel, canSeeTicket, type NumberAccess } from '../domain/access';
import type { Actor } from './context';
import { forbidden, notFound } from './errors';
import { preparedPer } from './prepared';
import type { Permission } from '../../shared/permissions';

const accessQuery = preparedPer((db) => {
  const userId = sql.placeholder('userId');
  return db
    .select({ numberId: sql<string>`a.number_id`, manages: sql<boolean>`a.manages`, serves: sql<boolean>`a.serves` })
    .from(sql`(
      with recursive managed(group_id) as (
        select group_id from group_managers where user_id = ${userId}
        union
        select gc.child_id from group_children gc join managed m on gc.group_id = m.group_id
      ),
      managed_numbers as (
        select distinct gn.number_id from group_numbers gn join managed m on m.group_id = gn.group_id
      ),
      served as (
        select number_id from number_agents where user_id = ${userId}
        union
        select id from numbers where owner_id = ${userId}
      )
      select coalesce(m.number_id, s.number_id) as number_id,
             m.number_id is not null as manages,
             s.number_id is not null as serves
      from managed_numbers m full join served s on s.number_id = m.number_id
    ) a`)
    .prepare('number_access');
});

/**
 * The numbers a user may access and at which level: agent or owner of the number, or manager of a
 * group that contains it directly or through nested groups (SPEC G3).
 */
export async function numberAccessOf(db: DbOrTx, userId: string, canSupervise: boolean): Promise<Map<string, AccessLevel>> {
  const found = await accessQuery(db).execute({ userId });
  const map = new Map<string, AccessLevel>();
  for (const r of found) {
    const level = accessLevel({ managesNumber: r.manages, servesNumber: r.serves, canSupervise });
    if (level) map.set(r.numberId, level);
  }
  return map;
}

/**
 * SQL for the caller's level on one number ('full', 'agent' or null), the rule of `numberAccessOf`
 * and `accessLevel` for that number alone: for statements that check access and read in one round
 * trip. `userId`, `numberId` and `permissions` are SQL expressions (columns or parameters).
 */
export const numberLevelSql = (userId: string, numberId: string, permissions: string) => `case
    when exists (
      with recursive containing(group_id) as (
        select gn.group_id from group_numbers gn where gn.number_id = ${numberId}
        union
        select gc.group_id from group_children gc join containing c on gc.child_id = c.group_id
      )
      select 1 from containing c join group_managers gm on gm.group_id = c.group_id where gm.user_id = ${userId}
    ) then 'full'
    when exists (select 1 from number_agents na where na.number_id = ${numberId} and na.user_id = ${userId})
      or exists (select 1 from numbers n where n.id = ${numberId} and n.owner_id = ${userId})
    then case when 'service.supervise' = any(${permissions}) then 'full' else 'agent' end
  end`;

/** SQL for `canSeeTicket` given the level from `numberLevelSql` and the ticket's columns. */
export const ticketVisibleSql = (level: string, userId: string, t: { state: string; assigneeId: string }) =>
  `(${level} = 'full' or (${level} = 'agent' and (${t.assigneeId} = ${userId} or (${t.state} = 'waiting' and ${t.assigneeId} is null))))`;

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!actor.permissions.has(permission)) throw forbidden();
}

/** Loads (once per request) and checks the caller's number access. */
export class AccessScope {
  private cached: Promise<Map<string, AccessLevel>> | undefined;
  constructor(private readonly db: DbOrTx, readonly actor: Actor) {}

  numbers(): Promise<NumberAccess> {
    this.cached ??= numberAccessOf(this.db, this.actor.userId, this.actor.permissions.has('service.supervise'));
    return this.cached;
  }

  async requireNumber(numberId: string): Promise<AccessLevel> {
    const level = (await this.numbers()).get(numberId);
    if (!level) throw notFound('The number');
    return level;
  }

  async requireTicket(ticket: { numberId: string; state: 'waiting' | 'open' | 'closed'; assigneeId: string | null }): Promise<AccessLevel> {
    const access = await this.numbers();
    if (!canSeeTicket(access, this.actor.userId, ticket)) throw notFound('The ticket');
    return access.get(ticket.numberId)!;
  }
}
