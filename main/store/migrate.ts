import type { Database } from 'better-sqlite3';
import { migrations as allMigrations, type Migration } from './migrations';

/** The schema version this build of the app writes. */
export const SCHEMA_VERSION = allMigrations.length;

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to `target` (default: the latest), one migration per transaction, each
 * moving `PRAGMA user_version` with its changes. Refuses a database newer than this build.
 */
export function migrate(db: Database, target = SCHEMA_VERSION, list: readonly Migration[] = allMigrations): number {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration "${m.name}" has version ${m.version}; it must be ${i + 1} (versions run 1, 2, 3… in list order).`);
  });
  const current = schemaVersion(db);
  if (current > list.length) {
    throw new Error(
      `The local cache ${db.name} has schema version ${current}, newer than this app knows (${list.length}). ` +
        'Update the app, or delete that file to start with an empty cache (unsent actions in it would be lost).',
    );
  }
  for (const m of list.slice(current, target)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}
