import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from './databases';
import { ApiClient, customerWrites, openSocket, seedOrg, startTestServer, type Seed, type TestServer } from './harness';

describe.each(dbKinds)('a customer message reaches an online agent (%s)', (kind) => {
  let server: TestServer;
  let seed: Seed;
  beforeAll(async () => {
    server = await startTestServer(kind);
    seed = await seedOrg(server.app);
  });
  afterAll(() => server?.close());

  it('routes the new ticket to the online agent and pushes it over the socket', async () => {
    const ana = await ApiClient.login(server.url, 'ana@acme.test');
    const live = await openSocket(server.url, ana.token);
    expect((await ana.call('PUT', '/api/v1/me/status', { status: 'online' })).status).toBe(200);
    const r = await customerWrites(server.app, server.clock, 'pn-a', '5511999990001', 'Olá, quero um orçamento');
    expect(r.outcome).toBe('stored');
    const assigned = await live.waitFor((c) => c.entity === 'ticket' && c.data?.state === 'open');
    expect(assigned.entity === 'ticket' && assigned.data?.assigneeId).toBe(seed.users.ana);
    const list = await ana.get<{ items: Array<{ id: string; unread: number }> }>(`/api/v1/tickets?numberId=${seed.numberA.numberId}&state=open`);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]!.unread).toBe(1);
    live.socket.close();
  });
});
