import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { openConfiguredDatabase } from '../../server/db/open';
import { createNumber, createOrganization, createUser } from '../../server/services/organization';
import { repoRoot } from './child';
import { offlineGraphEnv, spawnServer, type ServerProcess } from '../spawn-server';
import { TcpProxy } from '../tcp-proxy';

const SECRET = 'bench-app-secret-0123';
const VERIFY = 'bench-verify-token-0123';
const TOKEN = 'bench-access-token-0123';
export const PHONE_NUMBER_ID = '100000000000901';
const WABA_ID = '200000000000901';
export const AGENT = { email: 'ana@flush.bench', password: 'bench-password-1' };

export interface Emulator {
  url: string;
  control<T = unknown>(method: string, p: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/**
 * What outbox-flush measures against: the Cloud API emulator in its own process, the real backend
 * (`server/main.ts`) in another, on PGlite or a fresh PostgreSQL database, seeded with one
 * organisation, one number and one agent; and a TcpProxy in front of the backend that the bench
 * cuts to take the client offline.
 */
export interface FlushRig {
  emulator: Emulator;
  backend: ServerProcess;
  proxy: TcpProxy;
  numberId: string;
  databaseKind: string;
  close(): Promise<void>;
}

export async function startFlushRig(opts: { databaseUrl: string | undefined; maxTicketsPerAgent: number }): Promise<FlushRig> {
  const cleanups: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const c of cleanups.reverse()) await c().catch((err: unknown) => console.error(`cleanup: ${err instanceof Error ? err.message : String(err)}`));
  };
  try {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gpd-bench-flush-'));
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const env: Record<string, string> = { DATA_DIR: dataDir };
    if (opts.databaseUrl) {
      const db = await freshPostgres(opts.databaseUrl);
      cleanups.push(db.drop);
      env.DATABASE_URL = db.url;
    }
    const numberId = await seed(env, opts.maxTicketsPerAgent);
    const emulator = await spawnEmulator();
    cleanups.push(() => emulator.stop());
    await emulator.control('POST', '/seed', { numbers: [{ id: PHONE_NUMBER_ID, wabaId: WABA_ID, displayPhoneNumber: '+55 11 4000-0901', verifiedName: 'Bench Vendas' }] });
    const backend = await spawnServer({
      ...env, LOG_LEVEL: 'info', WHATSAPP_GRAPH_URL: `${emulator.url}/v21.0`, WHATSAPP_ACCESS_TOKEN: TOKEN, META_APP_SECRET: SECRET, WEBHOOK_VERIFY_TOKEN: VERIFY,
    });
    cleanups.push(() => backend.stop());
    await emulator.control('PATCH', '/config', { webhookUrl: `${backend.url}/webhooks/whatsapp` });
    const proxy = await TcpProxy.start(backend.url);
    cleanups.push(() => proxy.close());
    return { emulator, backend, proxy, numberId, databaseKind: opts.databaseUrl ? 'PostgreSQL' : 'PGlite', close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** The organisation, seeded through the services before the server process starts (PGlite allows one process). */
async function seed(env: Record<string, string>, maxTicketsPerAgent: number): Promise<string> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...offlineGraphEnv, ...env });
  const database = await openConfiguredDatabase(config, 'the outbox-flush bench seed');
  try {
    const app = await createApp({ config, database, logger: pino({ level: 'silent' }), sweeper: false });
    try {
      const ctx = app.ctx;
      const { orgId, profileIds } = await createOrganization(ctx, { name: 'Bench Ltda' });
      const ana = await createUser(ctx, { orgId, email: AGENT.email, name: 'Ana Lima', password: AGENT.password, profileId: profileIds.agent });
      const number = await createNumber(ctx, {
        orgId, phoneNumberId: PHONE_NUMBER_ID, wabaId: WABA_ID, displayPhone: '+55 11 4000-0901', identification: 'Vendas', agentIds: [ana], maxTicketsPerAgent,
      });
      return number.numberId;
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

/** A database of its own next to the admin connection, per process, dropped at the end. */
async function freshPostgres(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `gpd_bench_flush_${process.pid}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  try {
    await admin(`drop database if exists ${name} with (force)`);
    await admin(`create database ${name}`);
  } catch (err) {
    throw new Error(`Could not create the database ${name} with ${adminUrl}: ${err instanceof Error ? err.message : String(err)}. Is PostgreSQL running, and may that user create databases?`);
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/** `npm run emulator` as its own process on a free port, quiet (no simulated customers). */
function spawnEmulator(): Promise<Emulator> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/whatsapp/emulator/main.ts'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', EMULATOR_PORT: '0', EMULATOR_QUIET: '1',
      META_APP_SECRET: SECRET, WEBHOOK_VERIFY_TOKEN: VERIFY, WHATSAPP_ACCESS_TOKEN: TOKEN, WEBHOOK_URL: 'http://127.0.0.1:9/webhooks/whatsapp',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => void stop().then(() => reject(new Error(`the emulator did not start within 60 s:\n${out}`))), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /emulator on (http:\/\/[\d.:]+)/.exec(out);
      if (!found) return;
      clearTimeout(timer);
      const url = found[1]!;
      resolve({ url, stop, control: (method, p, body) => control(url, method, p, body) });
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited (code ${code}) before listening:\n${out}`));
    });
  });
}

async function control<T>(base: string, method: string, p: string, body?: unknown): Promise<T> {
  const init = { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) };
  let res: Response;
  try {
    res = await fetch(`${base}/_emulator${p}`, init);
  } catch {
    // A kept-alive connection the emulator closed while idle (the bench waits seconds between calls): once more, on a new one.
    res = await fetch(`${base}/_emulator${p}`, init);
  }
  const text = await res.text();
  if (!res.ok) throw new Error(`emulator ${method} /_emulator${p}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
