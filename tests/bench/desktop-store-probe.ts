import { performance } from 'node:perf_hooks';
import { SqliteStore } from '../../main/store/sqlite-store';
import { DeskService } from '../../shared/desk';
import { probeInput, type ProbeOutput } from './probe-io';

/**
 * One cold measurement, in a fresh process started by desktop-store.ts: opens the cache, creates
 * the desk service over it (what the app's main process does at start), makes one desktop call,
 * and prints the times as one JSON line. Everything is imported before the clock starts, so
 * module loading is not counted; the SQLite connection, its page cache, the prepared statements
 * and the JIT all start cold.
 */

const host = {
  platform: 'desktop' as const,
  appVersion: 'bench',
  state: { load: () => null, save: () => undefined },
  openExternal: () => undefined,
};

async function main(): Promise<void> {
  const input = probeInput.parse(JSON.parse(process.argv[2] ?? '{}'));
  const t0 = performance.now();
  const store = SqliteStore.open(input.db);
  const t1 = performance.now();
  const desk = await DeskService.create({ store, host });
  const t2 = performance.now();
  let rows: number;
  let detail: string;
  if (input.scenario === 'first-page') {
    const list = await desk.listTickets({ numberId: input.numberId, view: 'mine' });
    rows = list.length;
    detail = `${list.length} tickets`;
  } else if (input.scenario === 'conversation') {
    const messages = await desk.listMessages({ ticketId: input.ticketId, limit: 1000 });
    rows = messages.length;
    detail = `${messages.length} messages`;
  } else {
    const found = await desk.search({ numberId: input.numberId, text: input.word });
    rows = found.messages.length;
    detail = `${found.messages.length} messages, ${found.tickets.length} tickets`;
  }
  const t3 = performance.now();
  const out: ProbeOutput = { openMs: t1 - t0, deskMs: t2 - t1, callMs: t3 - t2, rows, detail };
  process.stdout.write(`${JSON.stringify(out)}\n`);
  await desk.close();
  store.close();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
