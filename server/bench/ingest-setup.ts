import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
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
import type { Backend } from './backend';
import { BENCH_PASSWORD, databaseUrlFor } from './seed';

/** Per run: two bench runs at once (several engineers share a machine) must not drop each other's database. */
export const INGEST_DATABASE = `gpd_bench_ingest_${process.pid}`;
export const NUMBERS = 200;
export const CUSTOMERS = 2000;
/** Agents online with a socket; each number is served by two of them. */
export const AGENTS = 10;
export const MANAGER_EMAIL = 'manager@ingest.bench';
export const agentEmail = (i: number) => `agent${i + 1}@ingest.bench`;
/** Meta's phone-number ids are digit strings. */
export const phoneNumberIdOf = (n: number) => String(109_000_000_000_000 + n);
/** Customer c writes to number c % NUMBERS. */
export const waIdOf = (c: number) => `55119${String(c).padStart(8, '0')}`;

const here = path.dirname(fileURLToPath(import.meta.url));

/** A fresh database: an organisation, 200 numbers, their agents, and a manager over all numbers. */
export async function createIngestDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${INGEST_DATABASE} with (force)`);
    await admin.query(`create database ${INGEST_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrlFor(adminUrl, INGEST_DATABASE);
  const database = await openPostgres(url, 4);
  try {
    await migrate(database);
    const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', DATA_DIR: '/tmp/gpd-bench-unused' });
    const ctx = buildServiceContext({ db: database.db, config, log: pino({ level: 'silent' }), nodeId: 'bench-ingest-seed' });
    const { orgId, profileIds } = await createOrganization(ctx, { name: 'Bench Ingestão Ltda' });
    const manager = await createUser(ctx, { orgId, email: MANAGER_EMAIL, name: 'Gerente', password: BENCH_PASSWORD, profileId: profileIds.supervisor });
    const first = await createUser(ctx, { orgId, email: agentEmail(0), name: 'Agente 1', password: BENCH_PASSWORD, profileId: profileIds.agent });
    // argon2 takes most of a second per hash: the other agents share the first one's hash.
    const [{ passwordHash }] = (await database.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, first))) as [{ passwordHash: string }];
    const agentIds = [first];
    for (let i = 1; i < AGENTS; i++) {
      const id = uuidv7();
      agentIds.push(id);
      await database.db.insert(users).values({ id, orgId, email: agentEmail(i), name: `Agente ${i + 1}`, passwordHash, profileId: profileIds.agent });
    }
    const numberIds: string[] = [];
    for (let n = 0; n < NUMBERS; n++) {
      const created = await createNumber(ctx, {
        orgId, phoneNumberId: phoneNumberIdOf(n), wabaId: String(209_000_000_000_000 + Math.floor(n / 10)), displayPhone: `+55 11 4100-${String(n).padStart(4, '0')}`,
        identification: `Loja ${n + 1}`, agentIds: [agentIds[n % AGENTS]!, agentIds[(n + 1) % AGENTS]!],
      });
      numberIds.push(created.numberId);
    }
    await createGroup(ctx, { orgId, name: 'Todas as lojas', type: 'branch', numberIds, managerIds: [manager] });
  } finally {
    await database.close();
  }
  return {
    url,
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${INGEST_DATABASE} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** The real backend in its own process (serve.ts) on the ingestion database. */
export async function startIngestBackend(databaseUrl: string, profileDir?: string): Promise<Backend> {
  const args = ['--import', import.meta.resolve('tsx')];
  if (profileDir) args.push('--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`);
  const child = spawn(process.execPath, [...args, path.join(here, 'serve.ts')], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => {
      try {
        resolve((JSON.parse(line) as { url: string }).url);
      } catch {
        reject(new Error(`serve.ts printed "${line}" instead of its address`));
      }
    });
    child.once('exit', (code) => reject(new Error(`serve.ts exited with code ${code} before listening`)));
  });
  return {
    url,
    pid: child.pid!,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    }),
  };
}
