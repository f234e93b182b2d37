import { eq } from 'drizzle-orm';
import pino, { type Logger } from 'pino';
import { createApp, type App } from '../app';
import { loadConfig } from '../config';
import type { Database } from '../db/client';
import { openConfiguredDatabase } from '../db/open';
import { numbers } from '../db/schema';
import { refreshNumberDetails } from '../services/number-details';
import { refreshTemplates } from '../services/templates';
import type { PersonaOptions } from '../whatsapp/emulator/options';
import { createEmulator, type Emulator } from '../whatsapp/emulator/server';
import { restoreCustomerWindows } from './customers';
import { DEMO_WABA_ID, emulatorSeed } from './demo-org';
import { isAddressInUse, PortInUse, probePort } from './ports';
import { ensureDemoOrganization, type SeedReport } from './seed';

export const DEFAULT_PORT = 3100;
export const DEFAULT_EMULATOR_PORT = 3200;
const GRAPH_VERSION = 'v21.0';
const STOP_STEP_MS = 15_000;

export interface DemoOptions {
  /** The local data folder: the embedded database (pgdata/) and media files (media/). */
  dataDir: string;
  /** Backend port (default 3100; 0 picks a free one). */
  port?: number;
  /** Emulator port (default 3200; 0 picks a free one). */
  emulatorPort?: number;
  host?: string;
  /** No simulated customers (default false). */
  quiet?: boolean;
  /** Pace of the simulated customers (tests make them quick). */
  personas?: PersonaOptions;
  /** PostgreSQL instead of the embedded database (tests run the demo on both); `npm run demo` always uses the embedded one. */
  databaseUrl?: string;
  /** The backend's variables (META_APP_SECRET, WEBHOOK_VERIFY_TOKEN, WHATSAPP_ACCESS_TOKEN, LOG_LEVEL…). */
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** Notable emulator events (webhooks given up, persona errors). */
  log?: (line: string) => void;
}

export interface Demo {
  backendUrl: string;
  emulatorUrl: string;
  dataDir: string;
  database: Database['kind'];
  quiet: boolean;
  seed: SeedReport;
  /** From the call to the demo being ready, in ms. */
  startupMs: number;
  /** Where the startup time went, in ms. */
  timings: { database: number; emulator: number; backend: number; seed: number; refresh: number };
  app: App;
  emulator: Emulator;
  /** Stops the simulated customers, the backend, the emulator and the database, in that order. */
  close(): Promise<void>;
}

/**
 * The whole demo in one process: the backend on its database, the Cloud API emulator playing Meta
 * for the demo's numbers, the demo organisation (seeded on first start only) and, unless quiet,
 * simulated customers writing in.
 */
export async function startDemo(options: DemoOptions): Promise<Demo> {
  const started = Date.now();
  const host = options.host ?? '127.0.0.1';
  const quiet = options.quiet ?? false;
  const env = options.env ?? {};
  // The emulator needs the backend's webhook URL before the backend exists: settle the port first.
  // Both ports are checked before the data folder is touched, so a clash is reported at once.
  const port = await probePort(options.port ?? DEFAULT_PORT, host).catch((err: unknown) => {
    throw isAddressInUse(err) ? new PortInUse(options.port ?? DEFAULT_PORT, 'PORT', 'backend') : err;
  });
  const emulatorPort = options.emulatorPort ?? DEFAULT_EMULATOR_PORT;
  if (emulatorPort !== 0) {
    await probePort(emulatorPort, host).catch((err: unknown) => {
      throw isAddressInUse(err) ? new PortInUse(emulatorPort, 'EMULATOR_PORT', 'WhatsApp emulator') : err;
    });
  }
  const backendUrl = `http://${host}:${port}`;
  const baseConfig = loadConfig({
    ...env, PORT: String(port), HOST: host, DATA_DIR: options.dataDir, DATABASE_URL: options.databaseUrl ?? '', REDIS_URL: '',
    LOG_LEVEL: env.LOG_LEVEL || 'warn',
  });
  const accessToken = baseConfig.whatsappAccessToken ?? 'emulator-token';
  const logger = options.logger ?? pino({ level: baseConfig.logLevel });

  const cleanup: Array<{ what: string; stop: () => Promise<void> }> = [];
  const closeAll = async () => {
    for (const { what, stop } of cleanup.splice(0).reverse()) {
      // A part that does not stop must not keep Ctrl+C from ending the demo.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), STOP_STEP_MS)));
      const outcome = await Promise.race([stop().then(() => 'stopped' as const), late]).catch((err: unknown) => {
        logger.error({ err }, `demo: error while stopping the ${what}`);
        return 'failed' as const;
      });
      clearTimeout(timer);
      if (outcome === 'late') logger.error(`demo: the ${what} did not stop within ${STOP_STEP_MS / 1000} s; going on`);
    }
  };
  let mark = Date.now();
  const lap = () => {
    const now = Date.now();
    const ms = now - mark;
    mark = now;
    return ms;
  };
  try {
    const database = await openConfiguredDatabase(baseConfig, 'the demo (npm run demo)');
    cleanup.push({ what: 'database', stop: () => database.close() });
    const dbMs = lap();

    const emulator = await createEmulator({
      appSecret: baseConfig.metaAppSecret, verifyToken: baseConfig.webhookVerifyToken, webhookUrl: `${backendUrl}/webhooks/whatsapp`,
      accessToken, port: emulatorPort, host, seed: emulatorSeed(),
      // Simulated customers start once the organisation is in place (below), not while it is seeded.
      quiet: true,
      ...(options.personas ? { personas: options.personas } : {}),
      ...(options.log ? { log: options.log } : {}),
    }).catch((err: unknown) => {
      throw isAddressInUse(err) ? new PortInUse(emulatorPort, 'EMULATOR_PORT', 'WhatsApp emulator') : err;
    });
    cleanup.push({ what: 'emulator', stop: () => emulator.close() });
    const emulatorMs = lap();

    const config = { ...baseConfig, graphUrl: `${emulator.url}/${GRAPH_VERSION}`, whatsappAccessToken: accessToken };
    const app = await createApp({ config, database, logger });
    cleanup.push({ what: 'backend', stop: () => app.close() });
    // Runs first when stopping: no customer writes in while the backend shuts down.
    cleanup.push({ what: 'simulated customers', stop: async () => emulator.control.personas.stop() });
    await app.listen().catch((err: unknown) => {
      throw isAddressInUse(err) ? new PortInUse(port, 'PORT', 'backend') : err;
    });

    const backendMs = lap();
    const seed = await ensureDemoOrganization(app.ctx);
    const seedMs = lap();
    // The emulator forgets everything when it stops: refresh what the backend caches from it.
    await refreshTemplates(app.ctx, DEMO_WABA_ID);
    const demoNumbers = await app.ctx.db.select({ id: numbers.id }).from(numbers).where(eq(numbers.orgId, seed.orgId));
    for (const n of demoNumbers) await refreshNumberDetails(app.ctx, n.id);
    await restoreCustomerWindows(app.ctx.db, seed.orgId, emulator.control);
    if (!quiet) emulator.control.personas.start();
    const timings = { database: dbMs, emulator: emulatorMs, backend: backendMs, seed: seedMs, refresh: lap() };

    return {
      backendUrl, emulatorUrl: emulator.url, dataDir: baseConfig.dataDir, database: database.kind, quiet, seed,
      startupMs: Date.now() - started, timings, app, emulator, close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
