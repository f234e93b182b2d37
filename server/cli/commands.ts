import { and, eq, inArray, sql } from 'drizzle-orm';
import { systemProfiles } from '../../shared/permissions';
import type { DbOrTx } from '../db/client';
import { organizations, users } from '../db/schema';
import type { ServiceContext } from '../services/context';
import { AppError } from '../services/errors';
import { createNumber, createOrganization, createUser, findProfile } from '../services/organization';
import type { ActionCommand } from './args';

/** Runs one admin command; answers the line to print on success. */
export async function runCommand(ctx: ServiceContext, cmd: ActionCommand): Promise<string> {
  switch (cmd.kind) {
    case 'init':
      return init(ctx, cmd);
    case 'add-user':
      return addUser(ctx, cmd);
    case 'add-number':
      return addNumber(ctx, cmd);
  }
}

async function init(ctx: ServiceContext, cmd: Extract<ActionCommand, { kind: 'init' }>): Promise<string> {
  // One transaction: a failure half-way must not leave an organisation that blocks the next attempt.
  const email = await ctx.db.transaction(async (tx) => {
    const [existing] = await tx.select({ name: organizations.name }).from(organizations).limit(1);
    if (existing) throw new AppError('invalid_state', `The organisation "${existing.name}" already exists; init runs only once. Use add-user and add-number to change it.`);
    const txCtx: ServiceContext = { ...ctx, db: tx };
    const { orgId, profileIds } = await createOrganization(txCtx, { name: cmd.org, timeZone: cmd.timeZone });
    await createUser(txCtx, { orgId, email: cmd.email, name: cmd.name, password: cmd.password, profileId: profileIds.admin });
    return cmd.email.toLowerCase();
  });
  return `Created organisation "${cmd.org}" and administrator ${email} (profile ${systemProfiles.admin.name}).`;
}

async function addUser(ctx: ServiceContext, cmd: Extract<ActionCommand, { kind: 'add-user' }>): Promise<string> {
  const orgId = await theOrganization(ctx.db);
  const profile = await findProfile(ctx.db, orgId, cmd.profile);
  await createUser(ctx, { orgId, email: cmd.email, name: cmd.name, password: cmd.password, profileId: profile.id });
  return `Created user ${cmd.email.toLowerCase()} "${cmd.name}" (profile ${profile.name}).`;
}

async function addNumber(ctx: ServiceContext, cmd: Extract<ActionCommand, { kind: 'add-number' }>): Promise<string> {
  const orgId = await theOrganization(ctx.db);
  const wanted = [...new Set(cmd.agentEmails.map((e) => e.toLowerCase()))];
  const found = await ctx.db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(eq(users.orgId, orgId), inArray(sql`lower(${users.email})`, wanted)));
  const idByEmail = new Map(found.map((u) => [u.email.toLowerCase(), u.id]));
  const unknown = wanted.filter((e) => !idByEmail.has(e));
  if (unknown.length > 0) {
    throw new AppError('not_found', `No user with e-mail ${unknown.join(', ')}. Add ${unknown.length > 1 ? 'them' : 'it'} first with add-user.`, 'agents');
  }
  await createNumber(ctx, {
    orgId, phoneNumberId: cmd.phoneNumberId, wabaId: cmd.wabaId, displayPhone: cmd.displayPhone, identification: cmd.identification,
    agentIds: wanted.map((e) => idByEmail.get(e)!),
  });
  const agents = wanted.map((e, i) => (i === 0 ? `${e} (owner)` : e)).join(', ');
  return `Registered number ${cmd.displayPhone} "${cmd.identification}" (phone-number id ${cmd.phoneNumberId}) with agents ${agents}.`;
}

/** The deployment's organisation: the CLI manages exactly one. */
async function theOrganization(db: DbOrTx): Promise<string> {
  const orgs = await db.select({ id: organizations.id }).from(organizations).limit(2);
  if (orgs.length === 0) throw new AppError('invalid_state', 'There is no organisation yet. Create it first with: npm run admin -- init --org "<name>" --email <e-mail> --password <password>');
  if (orgs.length > 1) throw new AppError('invalid_state', 'This database holds several organisations; the admin CLI manages a single one.');
  return orgs[0]!.id;
}
