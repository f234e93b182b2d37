// Run by sqlite-store.test.ts as its own process: commits one action, then dies (SIGKILL) in the
// middle of a second transaction, the way a power cut or a killed app would.
import { SqliteStore } from './sqlite-store';
import { id, outboxItem, ticket } from './test-rows';

const file = process.argv[2];
if (!file) throw new Error('usage: test-crash-writer.ts <database file>');
const store = SqliteStore.open(file);
store.putOutboxItem(outboxItem(1, id(1)));
store.transaction(() => {
  store.putOutboxItem(outboxItem(2, id(1)));
  for (let n = 10; n < 2010; n++) store.put('ticket', id(n), ticket(n), 5);
  store.setSession({ userId: id(1), userName: 'Ana', orgId: id(2), baseUrl: 'http://desk', cursor: 5 });
  process.kill(process.pid, 'SIGKILL');
});
