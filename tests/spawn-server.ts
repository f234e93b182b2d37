import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { createApp, type App } from '../server/app';
import { loadConfig } from '../server/config';
import { openPostgres } from '../server/db/client';
import { ManualClock } from '../server/domain/clock';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Points the WhatsApp Graph client at a closed loopback port: no test traffic leaves the machine. */
export const offlineGraphEnv = { WHATSAPP_GRAPH_URL: 'http://127.0.0.1:9/v21.0' };

/** Migrating a fresh database and seeding an organisation (password hashing) is slow on a busy 2-core machine. */
export const SETUP_TIMEOUT_MS = 120_000;

export interface InProcessNode {
  app: App;
  url: string;
  close(): Promise<void>;
}

/**
 * One more backend node, in this process, on an existing PostgreSQL database (several nodes share
 * it, as behind a load balancer). No background sweeps; pass a clock to share it between nodes.
 */
export async function startNodeOn(databaseUrl: string, opts: { clock?: ManualClock; env?: Record<string, string> } = {}): Promise<InProcessNode> {
  const database = await openPostgres(databaseUrl, 10);
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/gpd-test-unused', DATABASE_URL: databaseUrl, ...offlineGraphEnv, ...opts.env });
  try {
    const app = await createApp({ config, database, clock: opts.clock ?? new ManualClock(new Date()), logger: pino({ level: 'silent' }), sweeper: false });
    const url = await app.listen();
    return {
      app,
      url,
      async close() {
        await app.close();
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * `server/main.ts` as its own Node process, the way an operator runs it. Resolves with the URL
 * from its "listening" log line; rejects (and kills it) if it exits or stays silent too long.
 */
export function spawnServer(env: Record<string, string>, timeoutMs = 45_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...offlineGraphEnv, ...env },
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
  return new Promise<ServerProcess>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`${why}\n--- server output ---\n${out}`)));
    };
    const timer = setTimeout(() => fail(`the server did not report listening within ${timeoutMs} ms`), timeoutMs);
    let pending = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const url = listeningUrl(line);
        if (url) {
          clearTimeout(timer);
          resolve({ url, child, output: () => out, stop });
        }
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.once('exit', (code, signal) => fail(`the server exited (code ${code}, signal ${signal}) before listening`));
  });
}

function listeningUrl(line: string): string | null {
  if (!line.startsWith('{')) return null;
  try {
    const parsed = JSON.parse(line) as { url?: unknown };
    return typeof parsed.url === 'string' ? parsed.url : null;
  } catch {
    return null;
  }
}
