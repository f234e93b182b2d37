import pino from 'pino';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { openPostgres } from '../db/client';

/**
 * The backend as the bench runs it in its own process: the real app on DATABASE_URL, a free port,
 * no log output, no background sweeps (they would close the generated open tickets) and a Graph
 * URL on a closed local port so nothing leaves the machine. Prints
 * `{"url": …}` once listening; stops cleanly on SIGTERM so a --cpu-prof profile gets written.
 */
async function main(): Promise<void> {
  // Only what the bench chose: a REDIS_URL or PORT from the caller's shell must not change the setup.
  const config = loadConfig({ DATABASE_URL: process.env.DATABASE_URL, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/gpd-bench-unused', WHATSAPP_GRAPH_URL: 'http://127.0.0.1:9/v21.0' });
  if (!config.databaseUrl) throw new Error('DATABASE_URL is not set');
  const database = await openPostgres(config.databaseUrl);
  const app = await createApp({ config, database, logger: pino({ level: 'silent' }), sweeper: false });
  const url = await app.listen();
  process.stdout.write(`${JSON.stringify({ url, pid: process.pid })}\n`);
  const stop = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((err: unknown) => {
  console.error('bench backend failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
