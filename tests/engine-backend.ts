import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createApp, type App } from '../server/app';
import { loadConfig } from '../server/config';
import type { Db } from '../server/db/client';
import { openConfiguredDatabase } from '../server/db/open';
import { ManualClock } from '../server/domain/clock';
import { openTestDatabase, type DbKind } from '../server/test/databases';
import { customerWrites, seedOrg, type Seed } from '../server/test/harness';
import { offlineGraphEnv, spawnServer, type ServerProcess } from './spawn-server';
import { TcpProxy } from './tcp-proxy';

export interface SeededTicket {
  id: string;
  waId: string;
  /** The customer's first message (a valid `upTo` for mark-read). */
  customerMessageId: string;
}

export interface BackendSeed extends Seed {
  /** Number A: customers who wrote just now (24-hour window open). */
  tickets: SeededTicket[];
  /** Number A: a customer whose last message is 25 hours old (window closed). */
  closedWindow: SeededTicket;
}

/**
 * `server/main.ts` as a child process on its own database (PGlite in a temporary DATA_DIR, or a
 * fresh PostgreSQL database), seeded before it starts, reached through a TcpProxy that tests can
 * cut. The server can be killed, stopped and started again on the same data; the database can be
 * opened directly while it is stopped (PGlite allows one process at a time).
 */
export class EngineBackend {
  private server: ServerProcess | null = null;

  private constructor(
    readonly kind: DbKind,
    readonly seed: BackendSeed,
    readonly proxy: TcpProxy,
    private readonly env: Record<string, string>,
    private readonly cleanup: () => Promise<void>,
  ) {}

  static async create(kind: DbKind, tickets = 20): Promise<EngineBackend> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gpd-engine-'));
    let env: Record<string, string>;
    let dropDatabase = async () => undefined as void;
    let seed: BackendSeed;
    if (kind === 'pglite') {
      env = { DATA_DIR: dataDir };
      seed = await seedInProcess(env, tickets);
    } else {
      // A fresh database, dropped on close; its idle pool stays open until then.
      const database = await openTestDatabase('postgres');
      env = { DATA_DIR: dataDir, DATABASE_URL: database.url! };
      dropDatabase = () => database.close();
      seed = await seedInProcess(env, tickets);
    }
    const server = await spawnServer({ ...env, LOG_LEVEL: 'info' });
    const proxy = await TcpProxy.start(server.url);
    const backend = new EngineBackend(kind, seed, proxy, env, async () => {
      await proxy.close();
      await dropDatabase();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    backend.server = server;
    return backend;
  }

  /** What clients use: stays the same across restarts. */
  get url(): string {
    return this.proxy.url;
  }

  /** The server itself, bypassing the proxy (for test-side calls while the client is cut off). */
  get directUrl(): string {
    if (!this.server) throw new Error('the backend is not running');
    return this.server.url;
  }

  /** SIGKILL: no shutdown, open requests die with the process. */
  async kill(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    const exited = new Promise<void>((resolve) => (s.child.exitCode !== null ? resolve() : s.child.once('exit', () => resolve())));
    s.child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    await s?.stop();
  }

  async start(): Promise<void> {
    if (this.server) return;
    this.server = await spawnServer({ ...this.env, LOG_LEVEL: 'info' });
    this.proxy.retarget(this.server.url);
  }

  /** Opens the database while the server is stopped. */
  async withStoppedDatabase<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    if (this.server) throw new Error('stop the backend before opening its database');
    const config = loadConfig({ ...offlineGraphEnv, ...this.env, LOG_LEVEL: 'silent' });
    const database = await openConfiguredDatabase(config, 'the engine test');
    try {
      return await fn(database.db);
    } finally {
      await database.close();
    }
  }

  async close(): Promise<void> {
    await this.stop().catch(() => undefined);
    await this.cleanup();
  }
}

/** Seeds through an in-process node on the same database, before the server process starts. */
async function seedInProcess(env: Record<string, string>, count: number): Promise<BackendSeed> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...offlineGraphEnv, ...env });
  const database = await openConfiguredDatabase(config, 'the engine test seed');
  const clock = new ManualClock(new Date());
  let app: App | undefined;
  try {
    app = await createApp({ config, database, clock, logger: pino({ level: 'silent' }), sweeper: false });
    const seed = await seedOrg(app);
    const write = async (waId: string, text: string, waTimestamp = clock.now()): Promise<SeededTicket> => {
      const r = await customerWrites(app!, clock, 'pn-a', waId, text, { waTimestamp });
      if (r.outcome !== 'stored') throw new Error(`customer message not stored: ${r.outcome}`);
      return { id: r.ticketId, waId, customerMessageId: r.messageId };
    };
    const tickets: SeededTicket[] = [];
    for (let i = 0; i < count; i++) tickets.push(await write(`55119000${String(10000 + i)}`, `Olá, sou o cliente ${i}`));
    const closedWindow = await write('5511900099999', 'Mensagem de ontem', new Date(clock.now().getTime() - 25 * 3600_000));
    for (let i = 0; i < 2; i++) {
      const r = await customerWrites(app, clock, 'pn-b', `55119000${String(20000 + i)}`, `Suporte ${i}`);
      if (r.outcome !== 'stored') throw new Error(`customer message not stored: ${r.outcome}`);
    }
    return { ...seed, tickets, closedWindow };
  } finally {
    await app?.close();
    await database.close();
  }
}
