import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import pino from 'pino';
import { uuidv7 } from '../../shared/uuid';
import { loadConfig } from '../config';
import { buildServiceContext } from '../context';
import { openPostgres } from '../db/client';
import { migrate } from '../db/migrate';
import { users } from '../db/schema';
import { createGroup, createNumber, createOrganization, createUser } from '../services/organization';
import { cpuSecondsOf } from './cpu';
import { agentIndex, seedPlan, type SeedPlan } from './plan';
import { benchTags, chunks, contactsSql, integritySql, messagesSql, readMarkersSql, ticketsSql, type SeedIds } from './seed-sql';
import { count, duration } from './stats';

export const BENCH_PASSWORD = 'bench-password-1';
/** Written as the database comment once seeding finished; `--keep` reuses only such a database. */
const SEED_MARK = 'gpd-bench seed v1 complete';
/** Disk a generated ticket takes with its ~10 messages and indexes (5.3 kB measured), plus room for the WAL. */
const BYTES_PER_TICKET = 7_000;
const WORKERS = 2;

export interface Dataset {
  plan: SeedPlan;
  /** Connection string of the bench database. */
  url: string;
  reused: boolean;
  /** Drops the bench database (not called with --keep). */
  drop(): Promise<void>;
}

export const agentEmail = (i: number) => `agent${String(i + 1).padStart(3, '0')}@bench.test`;

type Log = (line: string) => void;

export function databaseUrlFor(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect().catch((err: Error) => {
    throw new Error(`Cannot connect to PostgreSQL at ${url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@')}: ${err.message}. Pass --database-url or set BENCH_DATABASE_URL.`);
  });
  return client;
}

/** Finds or generates the bench database for `scale`. */
export async function prepareDataset(opts: { scale: number; databaseUrl: string; keep: boolean }, log: Log): Promise<Dataset> {
  const plan = seedPlan(opts.scale);
  const url = databaseUrlFor(opts.databaseUrl, plan.databaseName);
  const admin = await connect(opts.databaseUrl);
  const dataset: Dataset = {
    plan, url, reused: false,
    async drop() {
      const c = await connect(opts.databaseUrl);
      try {
        await c.query(`drop database if exists ${plan.databaseName} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
  try {
    const found = await admin.query<{ comment: string | null; size: string }>(
      `select shobj_description(oid, 'pg_database') as comment, pg_size_pretty(pg_database_size(oid)) as size from pg_database where datname = $1`, [plan.databaseName]);
    const existing = found.rows[0];
    if (opts.keep && existing?.comment?.startsWith(SEED_MARK)) {
      log(`Reusing ${plan.databaseName} (${existing.size}; generated ${existing.comment.slice(SEED_MARK.length + 2)}).`);
      return { ...dataset, reused: true };
    }
    if (existing) {
      log(`Dropping the previous ${plan.databaseName}${existing.comment ? '' : ' (its seeding never finished)'}.`);
      await admin.query(`drop database ${plan.databaseName} with (force)`);
    }
    await checkDisk(admin, opts.databaseUrl, plan, log);
    await admin.query(`create database ${plan.databaseName}`);
  } finally {
    await admin.end();
  }
  const started = Date.now();
  log(`Generating ${plan.databaseName}: ${count(plan.tickets)} tickets on ${plan.numbers} numbers, ~${count(plan.tickets * 10)} messages, ${plan.agents} agents.`);
  const ids = await seedOrganization(url, plan, log);
  await bulkLoad(url, plan, ids, log);
  const c = await connect(opts.databaseUrl);
  try {
    const size = await c.query<{ size: string }>(`select pg_size_pretty(pg_database_size($1)) as size`, [plan.databaseName]);
    const note = `${SEED_MARK}: ${new Date().toISOString()} in ${duration(Date.now() - started)}`;
    await c.query(`comment on database ${plan.databaseName} is ${pg.escapeLiteral(note)}`);
    log(`Seeded ${plan.databaseName} in ${duration(Date.now() - started)} (${size.rows[0]?.size}).`);
  } finally {
    await c.end();
  }
  return dataset;
}

async function checkDisk(admin: pg.Client, adminUrl: string, plan: SeedPlan, log: Log): Promise<void> {
  const needed = plan.tickets * BYTES_PER_TICKET;
  const host = new URL(adminUrl).hostname;
  const local = host === '' || host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
  const dir = local ? await admin.query<{ setting: string }>(`select setting from pg_settings where name = 'data_directory'`).then((r) => r.rows[0]?.setting, () => undefined) : undefined;
  if (!dir || !fs.existsSync(dir)) {
    log(`Cannot see PostgreSQL's disk from here: make sure it has ${(needed / 1e9).toFixed(1)} GB free.`);
    return;
  }
  const stat = fs.statfsSync(dir);
  const free = stat.bavail * stat.bsize;
  if (free < needed) {
    throw new Error(`Not enough disk for the bench data: ${(needed / 1e9).toFixed(1)} GB needed, ${(free / 1e9).toFixed(1)} GB free under ${dir}. Free some space or pass a smaller --scale.`);
  }
  log(`Disk: ${(free / 1e9).toFixed(1)} GB free under ${dir}, about ${(needed / 1e9).toFixed(1)} GB needed.`);
}

/** The organisation, users, numbers and groups, through the services the product itself uses. */
async function seedOrganization(url: string, plan: SeedPlan, log: Log): Promise<SeedIds> {
  const started = Date.now();
  const database = await openPostgres(url, 4);
  try {
    await migrate(database);
    const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', DATA_DIR: '/tmp/gpd-bench-unused' });
    const ctx = buildServiceContext({ db: database.db, config, log: pino({ level: 'silent' }), nodeId: 'bench-seed' });
    const { orgId, profileIds } = await createOrganization(ctx, { name: 'Bench Comércio Ltda' });
    // argon2 takes most of a second per hash here: two real sign-ups, the other accounts share the
    // agent's hash (same password), inserted directly.
    await createUser(ctx, { orgId, email: 'admin@bench.test', name: 'Admin', password: BENCH_PASSWORD, profileId: profileIds.admin });
    const first = await createUser(ctx, { orgId, email: agentEmail(0), name: 'Agente 1', password: BENCH_PASSWORD, profileId: profileIds.agent });
    const [{ passwordHash }] = (await database.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, first))) as [{ passwordHash: string }];
    const agentIds = [first];
    const more: Array<typeof users.$inferInsert> = [];
    for (let i = 1; i < plan.agents; i++) {
      const id = uuidv7();
      agentIds.push(id);
      more.push({ id, orgId, email: agentEmail(i), name: `Agente ${i + 1}`, passwordHash, profileId: profileIds.agent });
    }
    const teams = plan.agents / plan.agentsPerNumber;
    const supervisors = Array.from({ length: teams }, (_, t) => ({ id: uuidv7(), orgId, email: `supervisor${t + 1}@bench.test`, name: `Supervisor ${t + 1}`, passwordHash, profileId: profileIds.supervisor }));
    const manager = { id: uuidv7(), orgId, email: 'manager@bench.test', name: 'Gerente Regional', passwordHash, profileId: profileIds.supervisor };
    await database.db.insert(users).values([...more, ...supervisors, manager]);

    const numberIds: string[] = [];
    const queueIds: string[] = [];
    for (let n = 0; n < plan.numbers; n++) {
      const team = Array.from({ length: plan.agentsPerNumber }, (_, slot) => agentIds[agentIndex(plan, n, slot)]!);
      const created = await createNumber(ctx, {
        orgId, phoneNumberId: `bench-pn-${n}`, wabaId: `bench-waba-${Math.floor(n / 10)}`, displayPhone: `+55 11 4000-${String(n).padStart(4, '0')}`,
        identification: `Loja ${n + 1}`, agentIds: team, tags: benchTags,
      });
      numberIds.push(created.numberId);
      queueIds.push(created.queueId);
    }
    const teamGroups: string[] = [];
    for (let t = 0; t < teams; t++) {
      const numbersOfTeam = numberIds.filter((_, n) => agentIndex(plan, n, 0) === t * plan.agentsPerNumber);
      if (numbersOfTeam.length === 0) continue;
      teamGroups.push(await createGroup(ctx, { orgId, name: `Equipe ${t + 1}`, type: 'team', numberIds: numbersOfTeam, managerIds: [supervisors[t]!.id] }));
    }
    await createGroup(ctx, { orgId, name: 'Regional Sudeste', type: 'branch', childGroupIds: teamGroups, managerIds: [manager.id] });
    log(`  organisation, ${count(plan.agents + teams + 2)} users, ${plan.numbers} numbers, ${teamGroups.length + 1} groups: ${duration(Date.now() - started)}`);
    return { orgId, numberIds, queueIds, agentIds, nowMs: Date.now() };
  } finally {
    await database.close();
  }
}

/** Contacts, tickets, messages and read markers with set-based SQL on two connections. */
async function bulkLoad(url: string, plan: SeedPlan, ids: SeedIds, log: Log): Promise<void> {
  const workers = await Promise.all(Array.from({ length: WORKERS }, () => connect(url)));
  try {
    for (const w of workers) {
      // Session settings only: the schema (constraints, indexes, logging) stays exactly as migrated.
      await w.query(`set synchronous_commit = off; set work_mem = '256MB'; set maintenance_work_mem = '512MB'; set jit = off`);
    }
    // Foreign-key triggers cost a third of the load time; with a superuser connection they are
    // skipped for these sessions and the references checked once at the end instead. Unique and
    // not-null constraints (one active ticket per contact…) are enforced as always.
    const deferred = (await Promise.all(workers.map((w) => w.query('set session_replication_role = replica').then(() => true, () => false)))).every(Boolean);
    if (!deferred) await Promise.all(workers.map((w) => w.query('set session_replication_role = origin')));
    log(`  foreign keys: ${deferred ? 'checked in one pass after loading' : 'checked row by row (not a superuser connection: slower)'}`);
    const contacts = plan.numbers * plan.contactsPerNumber;
    await phase(workers, 'contacts', chunks(0, contacts, 50_000), (lo, hi) => contactsSql(plan, ids, lo, hi), contacts, log);
    await phase(workers, 'tickets', chunks(0, plan.tickets, 50_000), (lo, hi) => ticketsSql(plan, ids, lo, hi), plan.tickets, log);
    await phase(workers, 'messages', chunks(0, plan.tickets, 10_000), (lo, hi) => messagesSql(plan, ids, lo, hi), plan.tickets * 10, log);
    const activeFrom = plan.activeFrom * plan.numbers;
    await phase(workers, 'read markers', chunks(activeFrom, plan.tickets, 50_000), (lo, hi) => readMarkersSql(plan, ids, lo, hi), null, log);
    await Promise.all(workers.map((w) => w.query('set session_replication_role = origin')));
    const started = Date.now();
    const [, broken] = await Promise.all([
      workers[0]!.query('vacuum (analyze) messages'),
      (deferred ? workers[1]!.query<Record<string, number>>(integritySql).then((r) => r.rows[0]!) : Promise.resolve<Record<string, number>>({}))
        .then(async (found) => {
          await workers[1]!.query('vacuum (analyze) tickets');
          await workers[1]!.query('vacuum (analyze) contacts');
          await workers[1]!.query('vacuum (analyze)');
          return Object.entries(found).filter(([, n]) => Number(n) > 0);
        }),
    ]);
    if (broken.length > 0) throw new Error(`The generated data is inconsistent (${broken.map(([k, n]) => `${k}: ${n}`).join(', ')}): a bug in server/bench/seed-sql.ts.`);
    // Flush what the load dirtied now rather than during the measurements.
    await workers[0]!.query('checkpoint').catch(() => undefined);
    log(`  ${deferred ? 'reference check, ' : ''}vacuum analyze, checkpoint: ${duration(Date.now() - started)}`);
  } finally {
    await Promise.all(workers.map((w) => w.end()));
  }
}

/** Runs the chunks on every worker connection in turn, printing progress about every 10 %. */
async function phase(workers: pg.Client[], name: string, parts: Array<[number, number]>, sqlFor: (lo: number, hi: number) => string, expected: number | null, log: Log): Promise<void> {
  const started = Date.now();
  const pids = await Promise.all(workers.map((w) => w.query<{ pid: number }>('select pg_backend_pid() as pid').then((r) => r.rows[0]!.pid)));
  const cpuOfWorkers = () => pids.reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
  const cpuBefore = cpuOfWorkers();
  let next = 0;
  let done = 0;
  let rowsDone = 0;
  let reported = 0;
  await Promise.all(workers.map(async (w) => {
    while (next < parts.length) {
      const [lo, hi] = parts[next++]!;
      const result = await w.query(sqlFor(lo, hi));
      rowsDone += result.rowCount ?? 0;
      done++;
      const pct = Math.floor((done / parts.length) * 10) * 10;
      if (pct > reported && pct < 100 && parts.length >= 10) {
        reported = pct;
        log(`  ${name} ${pct}% (${count(rowsDone)} rows${expected ? ` of ~${count(expected)}` : ''}, ${duration(Date.now() - started)})`);
      }
    }
  }));
  const secs = (Date.now() - started) / 1000;
  // PostgreSQL's own CPU time tells what the phase costs on an otherwise idle machine.
  const cpu = cpuOfWorkers() - cpuBefore;
  log(`  ${name}: ${count(rowsDone)} rows in ${duration(Date.now() - started)} (${count(rowsDone / Math.max(secs, 0.001))} rows/s${cpu > 0 ? `; ${cpu.toFixed(1)} s of PostgreSQL CPU` : ''})`);
}
