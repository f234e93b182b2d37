import type { Config } from '../config';
import { openPglite, openPostgres, pgliteDir, type Database } from './client';
import { lockEmbeddedDatabase } from './embedded-lock';

/** PostgreSQL when DATABASE_URL is set; otherwise the embedded database in DATA_DIR, locked to this process. */
export async function openConfiguredDatabase(config: Config, holder: string): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  const release = lockEmbeddedDatabase(config.dataDir, holder);
  try {
    const database = await openPglite(pgliteDir(config.dataDir));
    return {
      ...database,
      async close() {
        await database.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
