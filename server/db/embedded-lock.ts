import fs from 'node:fs';
import path from 'node:path';

export class EmbeddedDatabaseBusy extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The embedded database is a folder only one process may open: a second writer would corrupt it.
 * Takes `<dataDir>/embedded-db.lock` (holding our pid), replacing a stale one left by a crash.
 */
export function lockEmbeddedDatabase(dataDir: string, holder: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'embedded-db.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify({ pid: process.pid, holder, since: new Date().toISOString() }), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let owner: { pid?: number; holder?: string } = {};
      try {
        owner = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof owner;
      } catch {
        /* unreadable: treat as stale */
      }
      if (owner.pid && owner.pid !== process.pid && alive(owner.pid)) {
        throw new EmbeddedDatabaseBusy(
          `The embedded database in ${dataDir} is in use by ${owner.holder ?? 'another process'} (pid ${owner.pid}). ` +
            'Stop that process first, or point DATABASE_URL at PostgreSQL to run several processes at once.',
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new EmbeddedDatabaseBusy(`Could not take the lock on the embedded database in ${dataDir}.`);
}
