import { and, eq, inArray, sql } from 'drizzle-orm';
import { systemProfiles, type Permission, type SystemProfileKey } from '../../shared/permissions';
import { uuidv7 } from '../../shared/uuid';
import type { DbOrTx } from '../db/client';
import { groupChildren, groupManagers, groupNumbers, groups, numberAgents, numbers, organizations, profiles, queueAgents, queues, tags, ticketEvents, tickets, users } from '../db/schema';
import { groupLevel } from '../domain/access';
import { numberAccessOf } from './access';
import { hashPassword } from './auth';
import type { ServiceContext } from './context';
import { AppError } from './errors';
import { recordTicket } from './presenters';
import { distributeWaiting } from './routing';
import { inTransaction, type UnitOfWork } from './unit-of-work';

/** Creates an organisation with its three system profiles; answers ids by profile key. */
export async function createOrganization(ctx: ServiceContext, input: { name: string; timeZone?: string }) {
  if (input.timeZone) assertTimeZone(input.timeZone);
  return inTransaction(ctx, async ({ tx }) => {
    const orgId = uuidv7();
    await tx.insert(organizations).values({ id: orgId, name: input.name, timeZone: input.timeZone ?? 'America/Sao_Paulo' });
    const profileIds = {} as Record<SystemProfileKey, string>;
    for (const [key, p] of Object.entries(systemProfiles) as Array<[SystemProfileKey, (typeof systemProfiles)[SystemProfileKey]]>) {
      profileIds[key] = uuidv7();
      await tx.insert(profiles).values({ id: profileIds[key], orgId, key, name: p.name, permissions: [...p.permissions] });
    }
    return { orgId, profileIds };
  });
}

export function assertTimeZone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    throw new AppError('validation', `"${tz}" is not a time zone name; use one like America/Sao_Paulo.`, 'timezone');
  }
}

/** Finds a profile of the organisation by key (admin, supervisor, agent) or name, case-insensitively. */
export async function findProfile(db: DbOrTx, orgId: string, keyOrName: string) {
  const [p] = await db
    .select()
    .from(profiles)
    .where(and(eq(profiles.orgId, orgId), sql`(lower(${profiles.name}) = ${keyOrName.toLowerCase()} or ${profiles.key} = ${keyOrName.toLowerCase()})`));
  if (!p) throw new AppError('not_found', `There is no profile "${keyOrName}" in this organisation.`, 'profile');
  return p;
}

export async function createProfile(db: DbOrTx, orgId: string, input: { name: string; description?: string; permissions: Permission[] }) {
  const id = uuidv7();
  await db.insert(profiles).values({ id, orgId, name: input.name, description: input.description ?? '', permissions: input.permissions });
  return id;
}

export async function createUser(ctx: ServiceContext, input: { orgId: string; email: string; name: string; password: string; profileId: string }) {
  const [existing] = await ctx.db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${input.email.toLowerCase()}`);
  if (existing) throw new AppError('invalid_state', `A user with e-mail ${input.email} already exists.`, 'email');
  if (input.password.length < 8) throw new AppError('validation', 'The password must have at least 8 characters.', 'password');
  const id = uuidv7();
  await ctx.db.insert(users).values({ id, orgId: input.orgId, email: input.email.toLowerCase(), name: input.name, passwordHash: await hashPassword(input.password), profileId: input.profileId });
  return id;
}

/** Tells a user their access to a number changed (change feed) and moves their sockets' rooms after commit. */
export async function recordAccessChange(uow: UnitOfWork, orgId: string, userId: string, numberId: string): Promise<void> {
  const [u] = await uow.tx.select({ permissions: profiles.permissions }).from(users).innerJoin(profiles, eq(profiles.id, users.profileId)).where(eq(users.id, userId));
  const level = (await numberAccessOf(uow.tx, userId, (u?.permissions ?? []).includes('service.supervise'))).get(numberId) ?? 'none';
  uow.record({
    orgId, ticketId: null, queueId: null, assigneeId: null, prevAssigneeId: null, userId,
    change: { entity: 'access', op: 'upsert', id: numberId, numberId, at: uow.ctx.clock.now().toISOString(), data: { numberId, level } },
  });
  // Rooms first: a user who lost the number must not receive this transaction's changes of it.
  uow.beforePublish.push(() => uow.ctx.publisher.refreshRooms(userId));
}

export interface NumberInput {
  orgId: string;
  phoneNumberId: string;
  wabaId: string;
  displayPhone: string;
  identification: string;
  ownerId?: string | null;
  agentIds: string[];
  tags?: string[];
  maxTicketsPerAgent?: number;
  inactivityMinutes?: number;
}

/** A number with its default queue (every agent in it) and its agents; the owner is an agent too. */
export async function createNumber(ctx: ServiceContext, input: NumberInput): Promise<{ numberId: string; queueId: string }> {
  return inTransaction(ctx, async (uow) => {
    const [dup] = await uow.tx.select({ id: numbers.id }).from(numbers).where(eq(numbers.phoneNumberId, input.phoneNumberId));
    if (dup) throw new AppError('invalid_state', `The phone-number id ${input.phoneNumberId} is already registered.`, 'phoneNumberId');
    const numberId = uuidv7();
    const ownerId = input.ownerId ?? input.agentIds[0] ?? null;
    await uow.tx.insert(numbers).values({
      id: numberId, orgId: input.orgId, phoneNumberId: input.phoneNumberId, wabaId: input.wabaId, displayPhone: input.displayPhone,
      identification: input.identification, ownerId, maxTicketsPerAgent: input.maxTicketsPerAgent ?? 5, inactivityMinutes: input.inactivityMinutes ?? 60,
    });
    const queueId = uuidv7();
    await uow.tx.insert(queues).values({ id: queueId, numberId, name: 'Outros assuntos', isDefault: true, position: 0 });
    for (const name of input.tags ?? []) await uow.tx.insert(tags).values({ id: uuidv7(), numberId, name });
    const agents = [...new Set([...(ownerId ? [ownerId] : []), ...input.agentIds])];
    for (const userId of agents) await addAgentInTx(uow, input.orgId, numberId, userId);
    return { numberId, queueId };
  });
}

async function addAgentInTx(uow: UnitOfWork, orgId: string, numberId: string, userId: string): Promise<void> {
  await uow.tx.insert(numberAgents).values({ numberId, userId }).onConflictDoNothing();
  const defaults = await uow.tx.select({ id: queues.id }).from(queues).where(and(eq(queues.numberId, numberId), eq(queues.isDefault, true)));
  for (const q of defaults) await uow.tx.insert(queueAgents).values({ queueId: q.id, userId }).onConflictDoNothing();
  await recordAccessChange(uow, orgId, userId, numberId);
}

export async function addNumberAgent(ctx: ServiceContext, orgId: string, numberId: string, userId: string): Promise<void> {
  await inTransaction(ctx, (uow) => addAgentInTx(uow, orgId, numberId, userId));
}

/**
 * Removes an agent from a number (the owner cannot be removed); their sockets leave its rooms at
 * once and their open tickets there return to the queue.
 */
export async function removeNumberAgent(ctx: ServiceContext, orgId: string, numberId: string, userId: string): Promise<void> {
  await inTransaction(ctx, async (uow) => {
    const [n] = await uow.tx.select({ ownerId: numbers.ownerId }).from(numbers).where(eq(numbers.id, numberId));
    if (n?.ownerId === userId) throw new AppError('invalid_state', 'The owner of a number cannot be removed from it. Change the owner first.');
    await uow.tx.delete(numberAgents).where(and(eq(numberAgents.numberId, numberId), eq(numberAgents.userId, userId)));
    const qs = await uow.tx.select({ id: queues.id }).from(queues).where(eq(queues.numberId, numberId));
    if (qs.length > 0) await uow.tx.delete(queueAgents).where(and(eq(queueAgents.userId, userId), inArray(queueAgents.queueId, qs.map((q) => q.id))));
    // Their open tickets of this number go back to the queue rather than wait on someone who left.
    const orphaned = await uow.tx
      .update(tickets)
      .set({ state: 'waiting', assigneeId: null })
      .where(and(eq(tickets.numberId, numberId), eq(tickets.assigneeId, userId), eq(tickets.state, 'open')))
      .returning({ id: tickets.id });
    const now = uow.ctx.clock.now();
    for (const t of orphaned) {
      await uow.tx.insert(ticketEvents).values({ ticketId: t.id, kind: 'transferred', fromUserId: userId, at: now });
      await recordTicket(uow, t.id, userId);
    }
    if (orphaned.length > 0) uow.afterCommit.push(() => distributeWaiting(uow.ctx, numberId).then(() => undefined));
    await recordAccessChange(uow, orgId, userId, numberId);
  });
}

/**
 * A group of numbers (level 1) or of groups (highest child level + 1), never empty (SPEC ORG-3).
 * Its managers gain full access to every number inside it, nested groups included.
 */
export async function createGroup(ctx: ServiceContext, input: { orgId: string; name: string; type: 'team' | 'branch' | 'sector'; numberIds?: string[]; childGroupIds?: string[]; managerIds: string[] }) {
  const numberIds = input.numberIds ?? [];
  const childIds = input.childGroupIds ?? [];
  if (numberIds.length > 0 && childIds.length > 0) throw new AppError('validation', 'A group holds either numbers or groups, not both.', 'numberIds');
  if (numberIds.length === 0 && childIds.length === 0) throw new AppError('validation', 'A group cannot be empty: add numbers or groups to it.', 'numberIds');
  return inTransaction(ctx, async (uow) => {
    const children = childIds.length ? await uow.tx.select().from(groups).where(inArray(groups.id, childIds)) : [];
    if (children.length !== childIds.length) throw new AppError('not_found', 'One of the child groups does not exist.', 'childGroupIds');
    const id = uuidv7();
    await uow.tx.insert(groups).values({ id, orgId: input.orgId, name: input.name, type: input.type, level: groupLevel(children.map((c) => c.level)) });
    for (const numberId of numberIds) await uow.tx.insert(groupNumbers).values({ groupId: id, numberId });
    for (const childId of childIds) await uow.tx.insert(groupChildren).values({ groupId: id, childId });
    for (const userId of input.managerIds) await uow.tx.insert(groupManagers).values({ groupId: id, userId });
    const affected = await numbersInGroup(uow.tx, id);
    for (const userId of input.managerIds) for (const numberId of affected) await recordAccessChange(uow, input.orgId, userId, numberId);
    return id;
  });
}

/** Every number inside a group, through nested groups. */
export async function numbersInGroup(db: DbOrTx, groupId: string): Promise<string[]> {
  const result = await db.execute(sql`
    with recursive tree(id) as (select ${groupId}::uuid union select gc.child_id from group_children gc join tree t on gc.group_id = t.id)
    select distinct gn.number_id from group_numbers gn join tree t on t.id = gn.group_id`);
  return (result as unknown as { rows: Array<{ number_id: string }> }).rows.map((r) => r.number_id);
}
