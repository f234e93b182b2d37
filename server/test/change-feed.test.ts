import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, SyncResponse } from '../../shared/api/sync';
import type { ApiError } from '../../shared/errors';
import { systemProfiles } from '../../shared/permissions';
import { ManualClock } from '../domain/clock';
import { openPostgres, rows, type Database } from '../db/client';
import { addNumberAgent, removeNumberAgent } from '../services/organization';
import { saveQuickReplyCategory } from '../services/quick-replies';
import { AccessScope } from '../services/access';
import type { Actor } from '../services/context';
import { headSeq, readChanges, SNAPSHOT_THRESHOLD } from '../services/sync';
import { inTransaction } from '../services/unit-of-work';
import { offlineGraphEnv, SETUP_TIMEOUT_MS, startNodeOn, type InProcessNode } from '../../tests/spawn-server';
import { dbKinds, openTestDatabase } from './databases';
import { ApiClient, customerWrites, seedOrg, startTestServer, type Seed, type TestServer } from './harness';

/** Every change of the caller after `since`, following `next` page by page. */
async function readAll(client: ApiClient, since: number, limit = 1000): Promise<{ changes: Change[]; next: number; pages: number }> {
  const changes: Change[] = [];
  let pages = 0;
  for (;;) {
    const res = await client.get<SyncResponse>(`/api/v1/sync?since=${since}&limit=${limit}`);
    if (res.status !== 200) throw new Error(`sync answered ${res.status}: ${JSON.stringify(res.body)}`);
    changes.push(...res.body.changes);
    pages += 1;
    since = res.body.next;
    if (!res.body.hasMore) return { changes, next: since, pages };
  }
}

/**
 * Reads the feed until `writing()` turns false and the feed is drained, checking every page as it
 * comes: no sequence at or below one already seen, and `next` never going back.
 */
async function follow(read: (since: number) => Promise<SyncResponse>, writing: () => boolean, since = 0) {
  const delivered: number[] = [];
  const wentBack: string[] = [];
  let maxSeen = since;
  let pollsWhileWriting = 0;
  for (;;) {
    // Read the flag before polling: a poll that starts after the writers finished sees all their commits.
    const finished = !writing();
    const page = await read(since);
    if (!finished) pollsWhileWriting += 1;
    for (const c of page.changes) {
      if (c.seq <= maxSeen) wentBack.push(`seq ${c.seq} delivered after ${maxSeen}`);
      maxSeen = Math.max(maxSeen, c.seq);
      delivered.push(c.seq);
    }
    if (page.next < since) wentBack.push(`next ${page.next} < since ${since}`);
    since = page.next;
    if (finished && !page.hasMore) return { delivered, wentBack, pollsWhileWriting, next: since };
  }
}

const summary = (changes: Change[]) => changes.map((c) => `${c.entity}:${c.op}:${c.id}`);

describe.each(dbKinds)('change feed (%s)', (kind) => {
  let server: TestServer;
  let seed: Seed;
  let ana: ApiClient;
  let bruno: ApiClient;
  let carla: ApiClient;
  let manager: ApiClient;

  beforeAll(async () => {
    server = await startTestServer(kind, offlineGraphEnv);
    seed = await seedOrg(server.app);
    const login = (name: string) => ApiClient.login(server.url, `${name}@acme.test`);
    [ana, bruno, carla, manager] = await Promise.all([login('ana'), login('bruno'), login('carla'), login('manager')]);
  }, SETUP_TIMEOUT_MS);
  afterAll(() => server?.close());

  const head = async () => (await ana.get<{ seq: number }>('/api/v1/sync/head')).body.seq;
  const ticketOf = async (ticketId: string) =>
    (await rows<{ contact_id: string }>(server.app.ctx.db, sql`select contact_id from tickets where id = ${ticketId}`))[0]!.contact_id;

  describe('what each reader finds in it', () => {
    let ticketId: string;
    let customerMessageId: string;
    let contactId: string;
    let afterConversation: number;

    it('starts with the access each user was given, and only theirs', async () => {
      const own = (await readAll(ana, 0)).changes.filter((c) => c.entity === 'access');
      expect(own.map((c) => c.data)).toEqual([{ numberId: seed.numberA.numberId, level: 'agent' }]);
      const managerAccess = (await readAll(manager, 0)).changes.filter((c) => c.entity === 'access').map((c) => c.data);
      expect(managerAccess).toEqual(expect.arrayContaining([
        { numberId: seed.numberA.numberId, level: 'full' },
        { numberId: seed.numberB.numberId, level: 'full' },
      ]));
      expect(managerAccess).toHaveLength(2);
    });

    it('holds a conversation, notes, the reader\'s own read marker and status, and org-wide quick replies', async () => {
      const start = await head();
      const r = await customerWrites(server.app, server.clock, 'pn-a', '5511988880001', 'Quero saber do meu pedido');
      if (r.outcome !== 'stored') throw new Error(r.outcome);
      ({ ticketId, messageId: customerMessageId } = r);
      contactId = await ticketOf(ticketId);
      const reply = await ana.post<{ id: string }>(`/api/v1/tickets/${ticketId}/messages`, { type: 'text', text: 'Já verifico!' });
      expect(reply.status).toBe(201);
      const ticketNote = await ana.post<{ id: string }>(`/api/v1/tickets/${ticketId}/notes`, { text: 'Pedido 123' });
      const contactNote = await ana.post<{ id: string }>(`/api/v1/contacts/${contactId}/notes`, { text: 'Cliente antigo' });
      expect((await ana.post(`/api/v1/tickets/${ticketId}/read`, { upTo: customerMessageId })).status).toBe(200);
      expect((await ana.call('PUT', '/api/v1/me/status', { status: 'paused' })).status).toBe(200);
      const category = await saveQuickReplyCategory(server.app.ctx, { orgId: seed.orgId, authorId: seed.users.sup, name: 'Saudações', replies: [{ title: 'Oi', text: 'Olá!' }] });
      afterConversation = await head();

      const forAna = (await readAll(ana, start)).changes;
      expect(forAna.map((c) => c.seq)).toEqual([...forAna.map((c) => c.seq)].sort((a, b) => a - b));
      const anaSees = summary(forAna);
      for (const expected of [
        `contact:upsert:${contactId}`, `ticket:upsert:${ticketId}`, `message:upsert:${customerMessageId}`, `message:upsert:${reply.body.id}`,
        `note:upsert:${ticketNote.body.id}`, `note:upsert:${contactNote.body.id}`, `read_marker:upsert:${ticketId}`,
        `agent_status:upsert:${seed.users.ana}`, `quick_reply_category:upsert:${category.id}`,
      ]) expect(anaSees).toContain(expected);
      const lastTicket = forAna.filter((c) => c.entity === 'ticket').at(-1)!;
      expect(lastTicket.data).toMatchObject({ state: 'open', assigneeId: seed.users.ana });
      expect(forAna.find((c) => c.entity === 'read_marker')!.data).toMatchObject({ ticketId, upTo: customerMessageId });
      expect(forAna.find((c) => c.entity === 'agent_status')!.data).toEqual({ userId: seed.users.ana, status: 'paused' });

      // A colleague on the number saw the ticket while it waited, then only that it left the queue.
      const brunoSees = summary((await readAll(bruno, start)).changes);
      expect(brunoSees).toContain(`message:upsert:${customerMessageId}`);
      expect(brunoSees).toContain(`note:upsert:${contactNote.body.id}`);
      expect(brunoSees.filter((s) => s.startsWith(`ticket:`)).at(-1)).toBe(`ticket:delete:${ticketId}`);
      for (const hidden of [`message:upsert:${reply.body.id}`, `note:upsert:${ticketNote.body.id}`, `read_marker:upsert:${ticketId}`, `agent_status:upsert:${seed.users.ana}`]) {
        expect(brunoSees).not.toContain(hidden);
      }

      // The manager sees the whole conversation, but not Ana's own marker and status.
      const managerSees = summary((await readAll(manager, start)).changes);
      for (const expected of [`message:upsert:${reply.body.id}`, `note:upsert:${ticketNote.body.id}`, `ticket:upsert:${ticketId}`]) expect(managerSees).toContain(expected);
      expect(managerSees.some((s) => s.startsWith('read_marker:') || s.startsWith('agent_status:'))).toBe(false);

      // Another number's agent sees nothing of number A, only what is org-wide.
      expect(summary((await readAll(carla, start)).changes)).toEqual([`quick_reply_category:upsert:${category.id}`]);
    });

    it('turns a ticket transferred to a colleague into a tombstone for the former agent', async () => {
      const transferred = await ana.post(`/api/v1/tickets/${ticketId}/transfer`, { toUserId: seed.users.bruno });
      expect(transferred.status).toBe(200);
      const brunoNote = await bruno.post<{ id: string }>(`/api/v1/tickets/${ticketId}/notes`, { text: 'Assumi o pedido' });
      const brunoReply = await bruno.post<{ id: string }>(`/api/v1/tickets/${ticketId}/messages`, { type: 'text', text: 'Olá, sou o Bruno' });
      expect([brunoNote.status, brunoReply.status]).toEqual([201, 201]);

      const forAna = (await readAll(ana, afterConversation)).changes;
      expect(forAna.length).toBeGreaterThan(0);
      for (const c of forAna) expect(c).toMatchObject({ entity: 'ticket', op: 'delete', id: ticketId, data: null });

      const brunoSees = summary((await readAll(bruno, afterConversation)).changes);
      expect(brunoSees).toEqual(expect.arrayContaining([`ticket:upsert:${ticketId}`, `note:upsert:${brunoNote.body.id}`, `message:upsert:${brunoReply.body.id}`]));
    });

    it('tells a user, and only them, that they gained and then lost a number', async () => {
      const start = await head();
      await addNumberAgent(server.app.ctx, seed.orgId, seed.numberA.numberId, seed.users.carla);
      const granted = (await readAll(carla, start)).changes;
      expect(granted.map((c) => c.data)).toEqual([{ numberId: seed.numberA.numberId, level: 'agent' }]);

      await removeNumberAgent(server.app.ctx, seed.orgId, seed.numberA.numberId, seed.users.carla);
      const revoked = (await readAll(carla, granted.at(-1)!.seq)).changes;
      expect(revoked.map((c) => [c.entity, c.data])).toEqual([['access', { numberId: seed.numberA.numberId, level: 'none' }]]);
      expect((await readAll(ana, start)).changes.filter((c) => c.entity === 'access')).toEqual([]);

      const afterRemoval = await head();
      const r = await customerWrites(server.app, server.clock, 'pn-a', '5511988880002', 'Oi');
      expect(r.outcome).toBe('stored');
      expect((await readAll(carla, afterRemoval)).changes).toEqual([]);
    });
  });

  describe('paging', () => {
    beforeAll(async () => {
      for (let i = 0; i < 6; i++) {
        await customerWrites(server.app, server.clock, i % 2 ? 'pn-a' : 'pn-b', `55119777700${i % 3}`, `mensagem ${i}`);
      }
    });

    for (const who of ['manager', 'ana'] as const) {
      it(`follows next and hasMore with small pages without gaps or duplicates (${who})`, async () => {
        const client = who === 'manager' ? manager : ana;
        const whole = await readAll(client, 0);
        expect(whole.pages).toBe(1);
        expect(whole.changes.length).toBeGreaterThan(10);

        const seqs: number[] = [];
        let since = 0;
        let pages = 0;
        for (;;) {
          const res = await client.get<SyncResponse>(`/api/v1/sync?since=${since}&limit=3`);
          expect(res.status).toBe(200);
          const { changes, next, hasMore } = res.body;
          pages += 1;
          expect(changes.length).toBeLessThanOrEqual(3);
          if (hasMore) {
            expect(changes).toHaveLength(3);
            expect(next).toBe(changes.at(-1)!.seq);
          } else {
            expect(next).toBe(await head());
          }
          seqs.push(...changes.map((c) => c.seq));
          since = next;
          if (!hasMore) break;
        }
        expect(pages).toBeGreaterThan(3);
        expect(seqs).toEqual(whole.changes.map((c) => c.seq));
        expect(new Set(seqs).size).toBe(seqs.length);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      });
    }

    it('answers an empty page with next = head when nothing is new', async () => {
      const h = await head();
      expect((await ana.get<SyncResponse>(`/api/v1/sync?since=${h}&limit=5`)).body).toEqual({ changes: [], next: h, hasMore: false });
      // A reader whose last visible change is older than the head still moves up to the head.
      expect((await carla.get<SyncResponse>(`/api/v1/sync?since=${h - 1}`)).body.next).toBe(h);
    });
  });

  describe('resync_required (410)', () => {
    const expectResync = (res: { status: number; body: unknown }) => {
      expect(res.status).toBe(410);
      expect((res.body as ApiError).error.code).toBe('resync_required');
    };
    const setPruned = (through: number) => server.app.ctx.db.execute(sql`update feed_state set pruned_through = ${through} where id = 1`);

    it('for a cursor ahead of the head', async () => {
      const h = await head();
      expectResync(await ana.get(`/api/v1/sync?since=${h + 1}`));
      expect((await ana.get(`/api/v1/sync?since=${h}`)).status).toBe(200);
    });

    it('for a cursor older than what retention pruned', async () => {
      const h = await head();
      const pruned = h - 5;
      await setPruned(pruned);
      try {
        expectResync(await ana.get(`/api/v1/sync?since=${pruned - 1}`));
        expectResync(await ana.get('/api/v1/sync?since=0'));
        const res = await manager.get<SyncResponse>(`/api/v1/sync?since=${pruned}`);
        expect(res.status).toBe(200);
        expect(res.body.changes.every((c) => c.seq > pruned)).toBe(true);
      } finally {
        await setPruned(0);
      }
    });

    it(`for a start from 0 over more than ${SNAPSHOT_THRESHOLD} changes (load a snapshot instead)`, async () => {
      const h = await head();
      // Rows meant for one other user only, so no reader's pages change.
      await server.app.ctx.db.execute(sql`
        insert into changes (seq, org_id, number_id, user_id, entity, entity_id, op, data, at)
        select nextval('changes_seq'), ${seed.orgId}::uuid, null, ${seed.users.outsider}::uuid, 'agent_status', ${seed.users.outsider}::text, 'upsert', null, now()
        from generate_series(1, ${SNAPSHOT_THRESHOLD})`);
      expectResync(await ana.get('/api/v1/sync?since=0'));
      const res = await ana.get<SyncResponse>(`/api/v1/sync?since=${h}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ changes: [], next: await head(), hasMore: false });
      expect(await head()).toBeGreaterThanOrEqual(h + SNAPSHOT_THRESHOLD);
    });
  });
});

// Two nodes on one PostgreSQL database: only PostgreSQL has concurrent writers (PGlite is one connection).
const postgresOnly = dbKinds.filter((k) => k === 'postgres');
if (postgresOnly.length > 0) {
  describe('change feed under concurrent writers on two nodes (postgres)', () => {
    const WRITERS = 8;
    const OPS = 40;
    const TICK_WRITERS = 16;
    /** Each tick writer stops after this many transactions or 15 s, whichever comes first. */
    const TICKS = 150;
    let database: Awaited<ReturnType<typeof openTestDatabase>>;
    let nodeA: InProcessNode;
    let nodeB: InProcessNode;
    let readerDb: Database | undefined;
    let seed: Seed;
    const clock = new ManualClock(new Date());

    beforeAll(async () => {
      database = await openTestDatabase('postgres');
      nodeA = await startNodeOn(database.url!, { clock });
      nodeB = await startNodeOn(database.url!, { clock });
      seed = await seedOrg(nodeA.app);
    }, SETUP_TIMEOUT_MS);
    afterAll(async () => {
      await readerDb?.close();
      await nodeA?.close();
      await nodeB?.close();
      await database?.close();
    });

    it('makes sequences visible in commit order: a reader at the head never finds a hole that fills later', async () => {
      // The unit of work's own contract, with no use-case code around it: many tiny transactions
      // commit at the same moment on both nodes, which is where a sequence could outrun its commit.
      // (Without the advisory lock in unit-of-work.ts, this finds holes in nearly every run.)
      const { manager } = seed.users;
      const actor: Actor = { userId: manager, orgId: seed.orgId, sessionId: 'test', permissions: new Set(systemProfiles.supervisor.permissions) };
      // The readers have their own connections, so each poll's queries run back to back instead of
      // queueing behind the writers for a pooled one.
      readerDb = await openPostgres(database.url!, 4);
      const readerCtx = { ...nodeA.app.ctx, db: readerDb.db };
      const scope = new AccessScope(readerCtx.db, actor);
      const start = await headSeq(readerCtx, seed.orgId);
      const tick = (ctx: InProcessNode['app']['ctx']) => inTransaction(ctx, async (uow) => {
        uow.record({
          orgId: seed.orgId, ticketId: null, queueId: null, assigneeId: null, prevAssigneeId: null, userId: manager,
          change: { entity: 'agent_status', op: 'upsert', id: manager, numberId: null, at: clock.now().toISOString(), data: { userId: manager, status: 'online' } },
        });
      });
      let writing = true;
      const deadline = Date.now() + 15_000;
      const writers = Promise.all(Array.from({ length: TICK_WRITERS }, async (_, w) => {
        for (let j = 0; j < TICKS && Date.now() < deadline; j++) await tick((w % 2 ? nodeB : nodeA).app.ctx);
      })).finally(() => {
        writing = false;
      });
      // Several readers, each an independent chance to read the head while a commit is in flight.
      const results = await Promise.all([1, 2, 3, 4].map(() => follow((since) => readChanges(readerCtx, scope, since, 1000), () => writing, start)));
      await writers;

      const all = (await rows<{ seq: string | number }>(readerCtx.db, sql`
        select seq from changes where seq > ${start} and (user_id is null or user_id = ${manager}) order by seq`)).map((r) => Number(r.seq));
      expect(all.length).toBeGreaterThanOrEqual(TICK_WRITERS * 10);
      for (const result of results) {
        expect(result.wentBack).toEqual([]);
        expect(result.pollsWhileWriting).toBeGreaterThan(5);
        expect(result.delivered).toEqual(all.filter((seq) => seq <= result.next));
      }
    }, 60_000);

    it('delivers every change exactly once, never going back, to a reader polling while others write', async () => {
      const { db } = nodeA.app.ctx;
      const customers = (pn: string) => [0, 1, 2, 3].map((i) => `55${pn === 'pn-a' ? '11' : '21'}9666600${i}`);
      const tickets: Array<{ pn: string; ticketId: string; contactId: string }> = [];
      for (const pn of ['pn-a', 'pn-b']) {
        for (const waId of customers(pn)) {
          const r = await customerWrites(nodeA.app, clock, pn, waId, 'Olá');
          if (r.outcome !== 'stored') throw new Error(r.outcome);
          const [t] = await rows<{ contact_id: string }>(db, sql`select contact_id from tickets where id = ${r.ticketId}`);
          tickets.push({ pn, ticketId: r.ticketId, contactId: t!.contact_id });
        }
      }
      // One session per user serves both nodes: they share the database.
      const login = (who: string) => ApiClient.login(nodeA.url, `${who}@acme.test`);
      const [manager, sup, carla] = await Promise.all([login('manager'), login('sup'), login('carla')]);
      const on = (node: InProcessNode, client: ApiClient) => new ApiClient(node.url, client.token);
      const reader = on(nodeB, manager);
      const [managerA, managerB, supA, supB, carlaA, carlaB] = [manager, on(nodeB, manager), sup, on(nodeB, sup), carla, on(nodeB, carla)];

      const failures: string[] = [];
      const expectCreated = (what: string, res: { status: number; body: unknown }) => {
        if (res.status !== 201) failures.push(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
      };
      const writer = async (w: number) => {
        const onB = w % 2 === 1;
        const node = onB ? nodeB : nodeA;
        for (let j = 0; j < OPS; j++) {
          const t = tickets[(w * 7 + j) % tickets.length]!;
          switch ((w + j) % 4) {
            case 0: {
              // Existing customers on both numbers, and now and then a new one (a new ticket, then routing).
              const waId = j % 10 === 0 ? `55319555${String(w).padStart(2, '0')}${String(j).padStart(2, '0')}` : customers(t.pn)[j % 4]!;
              const r = await customerWrites(node.app, clock, t.pn, waId, `mensagem ${w}.${j}`);
              if (r.outcome !== 'stored') failures.push(`customer message ${w}.${j}: ${r.outcome}`);
              break;
            }
            case 1:
              expectCreated(`ticket note ${w}.${j}`, await (onB ? managerB : managerA).post(`/api/v1/tickets/${t.ticketId}/notes`, { text: `nota ${w}.${j}` }));
              break;
            case 2: {
              const agent = t.pn === 'pn-a' ? (onB ? supB : supA) : (onB ? carlaB : carlaA);
              expectCreated(`reply ${w}.${j}`, await agent.post(`/api/v1/tickets/${t.ticketId}/messages`, { type: 'text', text: `resposta ${w}.${j}` }));
              break;
            }
            default:
              expectCreated(`contact note ${w}.${j}`, await (onB ? managerB : managerA).post(`/api/v1/contacts/${t.contactId}/notes`, { text: `contato ${w}.${j}` }));
          }
        }
      };

      let writing = true;
      const writers = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w))).finally(() => {
        writing = false;
      });

      const overHttp = async (since: number) => {
        const res = await reader.get<SyncResponse>(`/api/v1/sync?since=${since}&limit=7`);
        if (res.status !== 200) throw new Error(`sync answered ${res.status}: ${JSON.stringify(res.body)}`);
        return res.body;
      };
      const result = await follow(overHttp, () => writing);
      await writers;

      expect(failures).toEqual([]);
      // Background workers (e.g. the sender) may add changes after the reader's last poll: compare up to it.
      const visible = (await rows<{ seq: string | number }>(db, sql`
        select seq from changes where user_id is null or user_id = ${seed.users.manager} order by seq`)).map((r) => Number(r.seq));
      expect(visible.length).toBeGreaterThan(WRITERS * OPS);
      expect(result.wentBack).toEqual([]);
      expect(result.pollsWhileWriting).toBeGreaterThan(5);
      expect(result.delivered).toEqual(visible.filter((seq) => seq <= result.next));
    }, 90_000);
  });
}
