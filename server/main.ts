import { createApp } from './app';
import { ConfigError, launchDir, loadConfig } from './config';
import { EmbeddedDatabaseBusy } from './db/embedded-lock';
import { openConfiguredDatabase } from './db/open';

/** `npm run server`: one backend node configured from the environment. */
async function main(): Promise<void> {
  const config = loadConfig(process.env, launchDir());
  const database = await openConfiguredDatabase(config, 'the backend server');
  const app = await createApp({ config, database });
  const url = await app.listen();
  app.ctx.log.info({ url, database: database.kind, redis: Boolean(config.redisUrl) }, `Go Personal Desk backend listening on ${url}`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.ctx.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof EmbeddedDatabaseBusy) {
    console.error(err.message);
  } else {
    console.error('The backend could not start:', err instanceof Error ? err.message : err);
  }
  process.exit(1);
});
