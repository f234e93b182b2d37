import Database from 'better-sqlite3';
import { migrate } from './migrate';

export interface OpenOptions {
  /** The compiled better-sqlite3 addon to load instead of the default one (the Electron build). */
  nativeBinding?: string;
}

/**
 * Opens (or creates) the cache file with the settings the store relies on, and brings its schema
 * up to date. WAL lets readers run beside the one writer; `synchronous = FULL` makes each commit
 * durable, since the outbox holds what the agent did and nothing else has a copy.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Database.Database {
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.pragma('temp_store = MEMORY');
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
