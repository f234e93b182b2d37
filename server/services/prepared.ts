import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import type { DbOrTx } from '../db/client';

/**
 * Memoises a prepared statement per database handle. Named statements are parsed and planned once
 * per connection instead of on every request: for the small queries of the hot read paths, planning
 * cost more than running them. Only the statement is kept, never a result.
 */
export function preparedPer<P>(build: (db: DbOrTx) => P): (db: DbOrTx) => P {
  const byDb = new WeakMap<DbOrTx, P>();
  return (db) => {
    let prepared = byDb.get(db);
    if (!prepared) byDb.set(db, (prepared = build(db)));
    return prepared;
  };
}

/** A result row as the driver gives it, column by column in select order. */
export type RawRow = readonly unknown[];

/**
 * Runs a named statement straight on the driver and answers its rows as arrays, for the hottest
 * reads (one statement per request, no ORM mapping). On PostgreSQL the name makes each pooled
 * connection parse and plan it once; PGlite has one connection and takes the text as it is.
 * Select timestamps as text (see `utcText` in the read modules): both drivers answer text as text,
 * whereas each parses timestamps its own way.
 */
export async function rawRows(db: DbOrTx, name: string, text: string, values: readonly unknown[]): Promise<RawRow[]> {
  const client = (db as unknown as { $client: pg.Pool | PGlite }).$client;
  if ('waitReady' in client) {
    return (await client.query<unknown[]>(text, [...values], { rowMode: 'array' })).rows;
  }
  return (await client.query<unknown[]>({ name, text, values: [...values], rowMode: 'array' })).rows;
}

/**
 * `2026-11-25 15:03:35.4239` (a timestamp at time zone UTC, as PostgreSQL writes it with the
 * default ISO DateStyle) → `2026-11-25T15:03:35.423Z`, the same text `Date#toISOString` gives for
 * it (fractions beyond milliseconds are cut, as `new Date()` does), without building a Date.
 */
export function isoFromUtcText(value: string): string {
  if (value.length < 19 || value[10] !== ' ' || value[4] !== '-') {
    throw new Error(`unexpected timestamp text "${value}": the database must use DateStyle ISO`);
  }
  const ms = value.length > 20 ? `${value.slice(20, 23)}00`.slice(0, 3) : '000';
  return `${value.slice(0, 10)}T${value.slice(11, 19)}.${ms}Z`;
}

/** The same for a column that may be null. */
export const isoOrNull = (value: unknown): string | null => (value === null ? null : isoFromUtcText(value as string));

/** SQL for a timestamptz column as UTC text, whatever the connection's TimeZone. */
export const utcText = (column: string): string => `(${column} at time zone 'UTC')::text`;
