import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from './sqlite-store';
import { SEQ_SLOTS } from './kinds';
import { day, id, message, outboxItem, tempDir, ticket } from './test-rows';

describe('SqliteStore on a database file', () => {
  let tmp: ReturnType<typeof tempDir>;
  const open: SqliteStore[] = [];
  const openStore = (name = 'cache.db') => {
    const s = SqliteStore.open(tmp.file(name));
    open.push(s);
    return s;
  };

  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
    tmp.remove();
  });

  it('keeps the outbox, optimistic rows, cursor and cache when the app is closed and opened again', () => {
    const first = openStore();
    first.transaction(() => {
      first.setSession({ userId: id(1), userName: 'Ana', orgId: id(2), baseUrl: 'http://desk', cursor: 41 });
      first.put('ticket', id(3), ticket(3), 40);
      const item = outboxItem(1, id(3));
      first.putOutboxItem(item);
      first.putOptimistic({ outboxId: item.id, order: 1, kind: 'message', targetId: item.id, ticketId: id(3), data: message(4, id(3), day(2)) });
    });
    first.close();

    const again = openStore();
    expect(again.getSession()).toEqual({ userId: id(1), userName: 'Ana', orgId: id(2), baseUrl: 'http://desk', cursor: 41 });
    expect(again.outbox()).toEqual([outboxItem(1, id(3))]);
    expect(again.optimistic({ ticketId: id(3) }).map((r) => r.outboxId)).toEqual([outboxItem(1, id(3)).id]);
    expect(again.get('ticket', id(3))?.version).toBe(40);
    expect(again.db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('leaves nothing of a transaction that throws, also after reopening the file', () => {
    const s = openStore();
    expect(() =>
      s.transaction(() => {
        s.putOutboxItem(outboxItem(1, id(3)));
        s.put('message', id(4), message(4, id(3), day(2), { text: 'rascunho perdido' }), 1);
        s.setSession({ userId: id(1), userName: 'Ana', orgId: id(2), baseUrl: 'http://desk', cursor: 1 });
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    s.close();
    const again = openStore();
    expect([again.outbox(), again.messages(id(3)), again.getSession(), again.search({ text: 'rascunho' }).messages]).toEqual([[], [], null, []]);

    again.put('message', id(4), message(4, id(3), day(2), { text: 'antes do erro' }), 1);
    expect(() => again.transaction(() => {
      again.clearCache();
      throw new Error('crash after the wipe');
    })).toThrow('crash after the wipe');
    expect(again.search({ text: 'antes' }).messages.map((m) => m.id)).toEqual([id(4)]);
    again.put('message', id(5), message(5, id(3), day(3), { text: 'depois do erro' }), 1);
    expect(again.search({ text: 'erro' }).messages.map((m) => m.id)).toEqual([id(5), id(4)]);
  });

  it('leaves nothing of a transaction when the process is killed in the middle of it', () => {
    const file = tmp.file('killed.db');
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'main/store/test-crash-writer.ts', file], { encoding: 'utf8', timeout: 60_000 });
    expect(child.signal, child.stderr).toBe('SIGKILL');
    const s = openStore('killed.db');
    expect(s.outbox().map((i) => i.order)).toEqual([1]);
    expect([s.tickets({}), s.getSession()]).toEqual([[], null]);
  });

  it('joins a nested transaction to the outer one, as MemoryStore does', () => {
    const s = openStore();
    s.transaction(() => {
      s.putOutboxItem(outboxItem(1, id(3)));
      expect(() => s.transaction(() => {
        s.putOutboxItem(outboxItem(2, id(3)));
        throw new Error('inner');
      })).toThrow('inner');
    });
    expect(s.outbox().map((i) => i.order)).toEqual([1, 2]);
  });

  it('keeps server order and newest-first search when many messages share one millisecond or arrive out of order', () => {
    const s = openStore();
    const t = id(3);
    const burst = SEQ_SLOTS + 10;
    s.transaction(() => {
      for (let n = burst; n >= 1; n--) s.put('message', id(100_000 + n), message(100_000 + n, t, day(2), { text: 'promoção' }), 1);
      s.put('message', id(1), message(1, t, day(3), { text: 'promoção nova' }), 1);
      s.put('message', id(2), message(2, t, day(1), { text: 'promoção antiga' }), 1);
    });
    const ids = s.messages(t).map((m) => m.id);
    expect(ids).toHaveLength(burst + 2);
    expect(ids[0]).toBe(id(2));
    expect(ids.at(-1)).toBe(id(1));
    expect(ids.slice(1, -1)).toEqual(Array.from({ length: burst }, (_, i) => id(100_001 + i)));
    expect(s.search({ text: 'promo', limit: 1 }).messages.map((m) => m.id)).toEqual([id(1)]);
    s.put('message', id(1), message(1, t, day(3), { text: 'promoção nova', status: 'read' }), 2);
    expect(s.messages(t, 1)).toEqual([message(1, t, day(3), { text: 'promoção nova', status: 'read' })]);
  });

  it('refuses a cache written by a newer app, saying what to do', () => {
    const s = openStore('newer.db');
    s.db.pragma('user_version = 99');
    s.close();
    expect(() => openStore('newer.db')).toThrow(/schema version 99, newer than this app knows.*Update the app, or delete that file/);
  });
});
