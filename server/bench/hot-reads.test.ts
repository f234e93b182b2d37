import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/api/messages';
import type { Ticket } from '../../shared/api/tickets';
import type { ApiError } from '../../shared/errors';
import { uuidv7 } from '../../shared/uuid';
import { createProfile, createUser } from '../services/organization';
import { dbKinds } from '../test/databases';
import { ApiClient, customerWrites, PASSWORD, seedOrg, startTestServer, type Seed, type TestServer } from '../test/harness';

/** Booting a server (migrations) and seeding it is slow on a busy machine, PGlite most of all. */
const SETUP_MS = 120_000;

type TicketPage = { items: Ticket[]; nextCursor: string | null };
type MessagePage = { items: Message[]; hasMore: boolean };

/**
 * The read paths `npm run bench` measures (and that were tuned for it: prepared statements, the
 * unread count, the agent filter) answer what the desk expects: who sees which tickets in each
 * state, pages that join up, search, unread counts per reader, and message pages.
 */
describe.each(dbKinds)('ticket list and messages as the desk reads them (%s)', (kind) => {
  let server: TestServer;
  let seed: Seed;
  let ana: ApiClient, bruno: ApiClient, sup: ApiClient;
  /** Ana's open tickets, oldest activity first. */
  const anas: string[] = [];
  let anasClosed: string, brunosOpen: string, brunosClosed: string, waiting: string;
  /** Inbound messages of anas[0], in order. */
  const inbound: string[] = [];

  const list = async (client: ApiClient, query: string) => {
    const res = await client.get<TicketPage>(`/api/v1/tickets?numberId=${seed.numberA.numberId}${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const ids = (page: TicketPage) => page.items.map((t) => t.id);

  /** A customer writes; the agent answers, which takes the waiting ticket. */
  const conversation = async (agent: ApiClient, waId: string) => {
    server.clock.advance(1000);
    const r = await customerWrites(server.app, server.clock, `reads-a-${kind}`, waId, `Olá, sou ${waId}`);
    if (r.outcome !== 'stored') throw new Error(`inbound not stored: ${r.outcome}`);
    server.clock.advance(1000);
    expect((await agent.post(`/api/v1/tickets/${r.ticketId}/messages`, { type: 'text', text: 'Bom dia!' })).status).toBe(201);
    return r.ticketId;
  };

  beforeAll(async () => {
    server = await startTestServer(kind);
    // Phone-number ids of their own: inbound.ts caches numbers per process by that id alone, and the
    // previous database kind's suite in this process used the harness defaults.
    seed = await seedOrg(server.app, { numberA: `reads-a-${kind}`, numberB: `reads-b-${kind}` });
    const login = (name: string) => ApiClient.login(server.url, `${name}@acme.test`);
    [ana, bruno, sup] = await Promise.all([login('ana'), login('bruno'), login('sup')]);
    for (let i = 1; i <= 5; i++) anas.push(await conversation(ana, `55119333300${i}`));
    brunosOpen = await conversation(bruno, '5511933330010');
    anasClosed = await conversation(ana, '5511933330011');
    brunosClosed = await conversation(bruno, '5511933330012');
    expect((await ana.post(`/api/v1/tickets/${anasClosed}/close`, { tags: [] })).status).toBe(200);
    expect((await bruno.post(`/api/v1/tickets/${brunosClosed}/close`, { tags: [] })).status).toBe(200);
    server.clock.advance(1000);
    const queued = await customerWrites(server.app, server.clock, `reads-a-${kind}`, '5511933330020', 'Alguém aí?');
    if (queued.outcome !== 'stored') throw new Error(`inbound not stored: ${queued.outcome}`);
    waiting = queued.ticketId;
    // anas[0] gets three more customer messages after ana's answer: it becomes the most recent.
    const [first] = (await ana.get<MessagePage>(`/api/v1/tickets/${anas[0]}/messages`)).body.items;
    inbound.push(first!.id);
    for (const text of ['Tem em azul?', 'E em verde?', 'Obrigado']) {
      server.clock.advance(1000);
      const r = await customerWrites(server.app, server.clock, `reads-a-${kind}`, '551193333001', text);
      if (r.outcome !== 'stored' || r.ticketId !== anas[0]) throw new Error('the customer message did not join the open ticket');
      inbound.push(r.messageId);
    }
    anas.push(anas.shift()!);
  }, SETUP_MS);
  afterAll(() => server?.close());

  it('shows an agent their own tickets in each state and the queue, never a colleague\'s', async () => {
    const newestFirst = [...anas].reverse();
    expect(ids(await list(ana, '&state=open'))).toEqual(newestFirst);
    expect(ids(await list(ana, '&state=closed'))).toEqual([anasClosed]);
    expect(ids(await list(ana, '&state=waiting'))).toEqual([waiting]);
    // Without a state: the queue and their open tickets, by latest activity.
    expect(ids(await list(ana, ''))).toEqual([newestFirst[0], waiting, ...newestFirst.slice(1)]);
    expect(ids(await list(bruno, '&state=open'))).toEqual([brunosOpen]);
    // The supervisor sees the whole number.
    expect(new Set(ids(await list(sup, '&state=open')))).toEqual(new Set([...anas, brunosOpen]));
    expect(new Set(ids(await list(sup, '&state=closed')))).toEqual(new Set([anasClosed, brunosClosed]));
  });

  it('pages with the cursor join up into the whole list, without repeats', async () => {
    const all = ids(await list(ana, '&state=open'));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: TicketPage = await list(ana, `&state=open&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(all);
    expect(pages).toBe(3);
    // The whole-number list pages the same way for the supervisor.
    const first = await list(sup, '&limit=3');
    const rest = await list(sup, `&limit=50&cursor=${first.nextCursor}`);
    expect([...ids(first), ...ids(rest)]).toEqual(ids(await list(sup, '')));
  });

  it('finds tickets by the customer\'s phone or name, within what the caller may see', async () => {
    expect(ids(await list(ana, '&q=933330012&state=closed'))).toEqual([]);
    expect(ids(await list(sup, '&q=933330012&state=closed'))).toEqual([brunosClosed]);
    expect(ids(await list(ana, '&q=Cliente%203003'))).toEqual([anas[1]]);
    // Wildcards typed by the user are plain characters.
    expect(ids(await list(ana, '&q=_'))).toEqual([]);
    expect(ids(await list(ana, '&q=%25'))).toEqual([]);
  });

  it('counts unread customer messages per reader, from their own read marker', async () => {
    const unread = async (client: ApiClient) => (await list(client, '&state=open')).items.find((t) => t.id === anas[anas.length - 1])!.unread;
    expect(await unread(ana)).toBe(4);
    expect((await ana.post(`/api/v1/tickets/${anas[anas.length - 1]}/read`, { upTo: inbound[1] })).status).toBe(200);
    expect(await unread(ana)).toBe(2);
    expect(await unread(sup)).toBe(4);
    expect((await ana.post(`/api/v1/tickets/${anas[anas.length - 1]}/read`, { upTo: inbound[3] })).status).toBe(200);
    expect(await unread(ana)).toBe(0);
    expect(await unread(sup)).toBe(4);
  });

  it('answers the latest messages in order, then the ones before, to whoever may see the ticket', async () => {
    const ticket = anas[anas.length - 1];
    const all = (await ana.get<MessagePage>(`/api/v1/tickets/${ticket}/messages`)).body;
    expect(all.hasMore).toBe(false);
    expect(all.items.map((m) => m.text)).toEqual(['Olá, sou 551193333001', 'Bom dia!', 'Tem em azul?', 'E em verde?', 'Obrigado']);
    const latest = (await ana.get<MessagePage>(`/api/v1/tickets/${ticket}/messages?limit=2`)).body;
    expect(latest).toMatchObject({ hasMore: true, items: all.items.slice(3) });
    const before = (await ana.get<MessagePage>(`/api/v1/tickets/${ticket}/messages?limit=2&before=${latest.items[0]!.id}`)).body;
    expect(before).toMatchObject({ hasMore: true, items: all.items.slice(1, 3) });
    expect((await bruno.get(`/api/v1/tickets/${ticket}/messages`)).status).toBe(404);
    expect((await sup.get(`/api/v1/tickets/${ticket}/messages?limit=2`)).body).toMatchObject({ items: all.items.slice(3) });
    expect((await ana.get(`/api/v1/tickets/${brunosOpen}/messages`)).status).toBe(404);
    const other = (await ana.get<MessagePage>(`/api/v1/tickets/${anas[0]}/messages`)).body.items[0]!.id;
    expect((await ana.get<ApiError>(`/api/v1/tickets/${ticket}/messages?before=${other}`)).body.error).toMatchObject({ code: 'validation', field: 'before' });
  });

  it('checks the session, then the permission, then the request, then access, as every other route does', async () => {
    const anonymous = new ApiClient(server.url, 'not-a-session-token');
    const numberA = seed.numberA.numberId;
    const ticket = anas[0]!;
    const bad = ['/api/v1/tickets?numberId=nope', `/api/v1/tickets?numberId=${numberA}&limit=999`, '/api/v1/tickets/nope/messages', `/api/v1/tickets/${ticket}/messages?before=nope`];
    // A stranger learns nothing about what a valid request looks like.
    for (const path of [...bad, `/api/v1/tickets?numberId=${numberA}`, `/api/v1/tickets/${ticket}/messages`]) {
      const res = await anonymous.get<ApiError>(path);
      expect([path, res.status, res.body.error.code]).toEqual([path, 401, 'unauthenticated']);
    }
    const noToken = await fetch(`${server.url}/api/v1/tickets?numberId=${numberA}`);
    expect([noToken.status, ((await noToken.json()) as ApiError).error.message]).toEqual([401, 'Sign in first: this request carries no session token.']);

    // A profile without the desk is refused whatever it asks.
    const { ctx } = server.app;
    const profileId = await createProfile(ctx.db, seed.orgId, { name: `Só relatórios ${kind}`, permissions: ['home', 'data.reports'] });
    await createUser(ctx, { orgId: seed.orgId, email: `reports-${kind}@acme.test`, name: 'Rita', password: PASSWORD, profileId });
    const reports = await ApiClient.login(server.url, `reports-${kind}@acme.test`);
    for (const path of [bad[0]!, `/api/v1/tickets?numberId=${numberA}`, `/api/v1/tickets/${ticket}/messages`]) {
      expect((await reports.get(path)).status, path).toBe(403);
    }

    expect((await ana.get<ApiError>(bad[0]!)).body.error).toMatchObject({ code: 'validation', field: 'numberId' });
    expect((await ana.get<ApiError>(bad[1]!)).body.error).toMatchObject({ code: 'validation', field: 'limit' });
    expect((await ana.get<ApiError>(bad[2]!)).body.error).toMatchObject({ code: 'validation', field: 'id' });
    expect((await ana.get<ApiError>(bad[3]!)).body.error).toMatchObject({ code: 'validation', field: 'before' });
    // Access before the cursor: a number she does not serve is not found, whatever the cursor.
    expect((await ana.get<ApiError>(`/api/v1/tickets?numberId=${seed.numberB.numberId}&cursor=garbage`)).status).toBe(404);
    expect((await ana.get<ApiError>(`/api/v1/tickets?numberId=${numberA}&cursor=garbage`)).body.error).toMatchObject({ code: 'validation', field: 'cursor' });
    expect((await ana.get(`/api/v1/tickets/${uuidv7()}/messages`)).status).toBe(404);
  });

  it('keeps a session alive while it reads, ends it when it expires or is signed out', async () => {
    const ttl = server.config.sessionTtlMs;
    const signIn = () => ApiClient.login(server.url, 'ana@acme.test');
    const [reader, idle, leaving] = await Promise.all([signIn(), signIn(), signIn()]);
    const reads = (client: ApiClient) => Promise.all([
      client.get(`/api/v1/tickets?numberId=${seed.numberA.numberId}&state=open`),
      client.get(`/api/v1/tickets/${anas[0]}/messages?limit=2`),
    ]).then((answers) => answers.map((a) => a.status));

    expect((await leaving.post('/api/v1/auth/logout')).status).toBe(200);
    expect(await reads(leaving)).toEqual([401, 401]);
    // Read shortly before expiry: the session is renewed for a whole lifetime from then.
    server.clock.advance(ttl - 60_000);
    expect(await reads(reader)).toEqual([200, 200]);
    server.clock.advance(120_000);
    expect(await reads(reader)).toEqual([200, 200]);
    expect(await reads(idle)).toEqual([401, 401]);
    server.clock.advance(ttl);
    expect(await reads(reader)).toEqual([401, 401]);
  });
});
