import { eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { rows, type Db } from '../db/client';
import { contacts, messages, organizations, ticketEvents, tickets } from '../db/schema';
import type { ServiceContext } from '../services/context';
import { createGroup, createNumber, createOrganization, createUser } from '../services/organization';
import { saveQuickReplyCategory } from '../services/quick-replies';
import { DEMO_GROUPS, DEMO_NUMBERS, DEMO_ORG_NAME, DEMO_PASSWORD, DEMO_QUICK_REPLIES, DEMO_TIME_ZONE, DEMO_USERS, DEMO_WABA_ID, type DemoUserKey } from './demo-org';
import { generateHistory, type History } from './history';

/** The organisation is renamed to DEMO_ORG_NAME only once everything is in: a name that tells an interrupted seeding apart. */
const SEEDING_NAME = `${DEMO_ORG_NAME} (seeding)`;

export class DemoSeedIncomplete extends Error {}

export interface SeedReport {
  /** False when the data folder already held the demo organisation. */
  seeded: boolean;
  orgId: string;
  counts: { contacts: number; tickets: number; messages: number; events: number };
  ms: number;
}

/** Seeds the demo organisation unless it is already there (it is never seeded twice). */
export async function ensureDemoOrganization(ctx: ServiceContext): Promise<SeedReport> {
  const started = Date.now();
  const found = await ctx.db.select().from(organizations).where(inArray(organizations.name, [DEMO_ORG_NAME, SEEDING_NAME]));
  const complete = found.find((o) => o.name === DEMO_ORG_NAME);
  if (complete) return { seeded: false, orgId: complete.id, counts: await countHistory(ctx.db, complete.id), ms: Date.now() - started };
  if (found.length > 0) {
    throw new DemoSeedIncomplete(
      `The demo data in ${ctx.config.dataDir} is incomplete: an earlier start was stopped while it was being seeded. ` +
        'Delete that folder and run `npm run demo` again.',
    );
  }
  const { orgId, profileIds } = await createOrganization(ctx, { name: SEEDING_NAME, timeZone: DEMO_TIME_ZONE });
  const userIds = {} as Record<DemoUserKey, string>;
  // Password hashing is deliberately slow; the six run side by side on the thread pool.
  await Promise.all(DEMO_USERS.map(async (u) => {
    userIds[u.key] = await createUser(ctx, { orgId, email: u.email, name: u.name, password: DEMO_PASSWORD, profileId: profileIds[u.profile] });
  }));
  const numbers = [];
  for (const n of DEMO_NUMBERS) {
    const created = await createNumber(ctx, {
      orgId, phoneNumberId: n.phoneNumberId, wabaId: DEMO_WABA_ID, displayPhone: n.displayPhone, identification: n.identification,
      agentIds: n.agents.map((a) => userIds[a]), tags: n.tags,
    });
    numbers.push({ ...n, ...created });
  }
  const teamIds = [];
  for (const team of DEMO_GROUPS.teams) {
    teamIds.push(await createGroup(ctx, { orgId, name: team.name, type: 'team', numberIds: numbers.filter((n) => n.team === team.team).map((n) => n.numberId), managerIds: [] }));
  }
  await createGroup(ctx, { orgId, name: DEMO_GROUPS.regional.name, type: 'branch', childGroupIds: teamIds, managerIds: DEMO_GROUPS.regional.managers.map((k) => userIds[k]) });
  for (const category of DEMO_QUICK_REPLIES) await saveQuickReplyCategory(ctx, { orgId, authorId: userIds.admin, name: category.name, replies: category.replies });

  const firstName = (key: DemoUserKey) => DEMO_USERS.find((u) => u.key === key)!.name.split(' ')[0]!;
  const history = generateHistory({
    orgId,
    now: ctx.clock.now().getTime(),
    numbers: numbers.map((n) => ({
      id: n.numberId, queueId: n.queueId, team: n.team, volume: n.volume, inactivityMinutes: 60,
      agents: n.agents.map((key) => ({ id: userIds[key], firstName: firstName(key) })),
    })),
  });
  await ctx.db.transaction(async (tx) => {
    await insertHistory(tx as unknown as Db, history);
    // History rows have no change-feed rows: a client starting from sequence 0 must load a
    // snapshot rather than replay a feed that would miss them (sync answers resync_required).
    await tx.execute(sql`update feed_state set pruned_through = greatest(pruned_through, (select coalesce(max(seq), 0) from changes)) where id = 1`);
    await tx.update(organizations).set({ name: DEMO_ORG_NAME }).where(eq(organizations.id, orgId));
  });
  const counts = { contacts: history.contacts.length, tickets: history.tickets.length, messages: history.messages.length, events: history.events.length };
  return { seeded: true, orgId, counts, ms: Date.now() - started };
}

const CHUNK = 5000;

/**
 * Inserts rows as one JSON document per chunk (`json_populate_recordset`): far fewer statements
 * and parameters than a multi-row VALUES, which matters on the embedded database. Columns no row
 * mentions keep their defaults; a column some rows leave out is null there.
 */
async function insertJson(db: Db, table: PgTable, rowsToInsert: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  const columns = getTableColumns(table);
  const keys = [...new Set(rowsToInsert.flatMap((r) => Object.keys(r)))].filter((k) => columns[k]);
  const names = sql.raw(keys.map((k) => `"${columns[k]!.name}"`).join(', '));
  for (let i = 0; i < rowsToInsert.length; i += CHUNK) {
    const json = JSON.stringify(rowsToInsert.slice(i, i + CHUNK).map((r) => Object.fromEntries(keys.map((k) => [columns[k]!.name, r[k] ?? null]))));
    await db.execute(sql`insert into ${table} (${names}) select ${names} from json_populate_recordset(null::${table}, ${json}::json)`);
  }
}

/** Writes the generated history (parents first). */
export async function insertHistory(db: Db, h: History): Promise<void> {
  await insertJson(db, contacts, h.contacts);
  await insertJson(db, tickets, h.tickets);
  await insertJson(db, messages, h.messages);
  await insertJson(db, ticketEvents, h.events);
}

async function countHistory(db: Db, orgId: string): Promise<SeedReport['counts']> {
  const [r] = await rows<SeedReport['counts']>(db, sql`
    select (select count(*) from contacts where org_id = ${orgId})::int as contacts,
           (select count(*) from tickets where org_id = ${orgId})::int as tickets,
           (select count(*) from messages m join tickets t on t.id = m.ticket_id where t.org_id = ${orgId})::int as messages,
           (select count(*) from ticket_events e join tickets t on t.id = e.ticket_id where t.org_id = ${orgId})::int as events`);
  return r!;
}
