import type { Database } from 'better-sqlite3';

/**
 * One step of the cache's schema. `version` is what `PRAGMA user_version` holds once it ran;
 * `up` runs inside the transaction that moves the version, so a failure leaves the previous schema.
 * A migration must keep the rows it finds (the outbox and the session above all).
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
