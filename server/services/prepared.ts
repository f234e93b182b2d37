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
