import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../server/domain/clock';
import { openTestDatabase } from '../server/test/databases';
import { ApiClient, customerWrites, openSocket, seedOrg, type Seed } from '../server/test/harness';
import { SETUP_TIMEOUT_MS, spawnServer, startNodeOn, type ServerProcess } from './spawn-server';

// Needs a shared PostgreSQL and Redis; .ci/run provides both, so there it always runs.
const enabled = Boolean(process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL);

describe.runIf(enabled)('two backend processes behind one database and Redis', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
  const servers: ServerProcess[] = [];
  let nodeA: ServerProcess;
  let nodeB: ServerProcess;
  let seed: Seed;
  let ticketId: string;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    // Seed through an in-process node on the same database (it also applies the migrations).
    const seeder = await startNodeOn(database.url!);
    try {
      seed = await seedOrg(seeder.app);
      const r = await customerWrites(seeder.app, new ManualClock(new Date()), 'pn-a', '5511955550001', 'Olá, alguém aí?');
      if (r.outcome !== 'stored') throw new Error(`customer message not stored: ${r.outcome}`);
      ticketId = r.ticketId;
    } finally {
      await seeder.close();
    }
    const env = { DATABASE_URL: database.url!, REDIS_URL: process.env.TEST_REDIS_URL!, DATA_DIR: '/tmp/gpd-scale-out-unused' };
    const started = await Promise.allSettled([spawnServer(env), spawnServer(env)]);
    for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    [nodeA, nodeB] = servers as [ServerProcess, ServerProcess];
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database?.close();
  });

  it('runs two separate processes', async () => {
    expect(nodeA.url).not.toBe(nodeB.url);
    const ids = await Promise.all([nodeA, nodeB].map(async (n) => ((await (await fetch(`${n.url}/healthz`)).json()) as { node: string }).node));
    expect(ids[0]).not.toBe(ids[1]);
    expect(new Set([nodeA.child.pid, nodeB.child.pid]).size).toBe(2);
  });

  it('pushes a change made through node A to a socket connected to node B', async () => {
    const ana = await ApiClient.login(nodeA.url, 'ana@acme.test');
    const sup = await ApiClient.login(nodeA.url, 'sup@acme.test');
    const live = await openSocket(nodeB.url, ana.token);
    try {
      const note = await sup.post<{ id: string }>(`/api/v1/tickets/${ticketId}/notes`, { text: 'Cliente aguardando orçamento' });
      expect(note.status).toBe(201);
      const pushed = await live.waitFor((c) => c.entity === 'note' && c.id === note.body.id, 10_000);
      expect(pushed.data).toMatchObject({ ticketId, text: 'Cliente aguardando orçamento', authorId: seed.users.sup });

      expect((await ana.call('PUT', '/api/v1/me/status', { status: 'paused' })).status).toBe(200);
      const status = await live.waitFor((c) => c.entity === 'agent_status', 10_000);
      expect(status.data).toEqual({ userId: seed.users.ana, status: 'paused' });

      // The socket got each change once, in sequence order, exactly as the feed on node B lists them.
      const seqs = live.changes.map((c) => c.seq);
      expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    } finally {
      live.socket.close();
    }
  });

  it('ends the socket on node B when its session signs out through node A', async () => {
    const bruno = await ApiClient.login(nodeA.url, 'bruno@acme.test');
    const live = await openSocket(nodeB.url, bruno.token);
    const ended = new Promise<{ reason: string }>((resolve) => live.socket.once('session:ended', resolve));
    const disconnected = new Promise<string>((resolve) => live.socket.once('disconnect', resolve));
    try {
      expect((await bruno.post('/api/v1/auth/logout')).status).toBe(200);
      const within = <T>(p: Promise<T>, what: string) =>
        Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no ${what} within 10 s`)), 10_000))]);
      expect(await within(ended, 'session:ended')).toEqual({ reason: 'signed_out' });
      expect(await within(disconnected, 'disconnect')).toBe('io server disconnect');
      // And the token is dead on either node.
      expect((await new ApiClient(nodeB.url, bruno.token).get('/api/v1/me')).status).toBe(401);
    } finally {
      live.socket.close();
    }
  });
});
