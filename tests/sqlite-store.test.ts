import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { SqliteStore } from '../main/store/sqlite-store';
import { runEngineSuite } from './engine-suite';

// The engine suite and the store contract on the desktop app's store: a new database file per store.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gpd-sqlite-store-'));
const opened: SqliteStore[] = [];
let n = 0;

afterAll(() => {
  for (const s of opened) s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

runEngineSuite('sqlite', async () => {
  const store = SqliteStore.open(path.join(dir, `cache-${++n}.db`));
  opened.push(store);
  return store;
});
