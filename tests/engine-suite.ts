import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../server/db/client';
import { dbKinds } from '../server/test/databases';
import { ApiClient, PASSWORD } from '../server/test/harness';
import type { Ticket } from '../shared/api/tickets';
import type { OutboxItem, LocalStore } from '../shared/sync/store';
import { EngineBackend, type SeededTicket } from './engine-backend';
import {
  countChanges, createEngine, customerBurst, serverMessages, serverNotes, settled, signedIn, sleep, uploadImage, waitUntil,
  type EngineHarness,
} from './engine-harness';
import { runStoreContract } from './store-contract';

/**
 * The sync engine's test suite, for any LocalStore: the store contract, then the engine against a
 * real backend process (server/main.ts) on each database. The better-sqlite3 store in main/ runs
 * it with its own `makeStore`.
 */
export function runEngineSuite(name: string, makeStore: () => Promise<LocalStore>): void {
  runStoreContract(name, makeStore);

  describe.each(dbKinds)(`sync engine with the ${name} store, against a backend process on %s`, (kind) => {
    let backend: EngineBackend;
    let supToken: string;
    let managerToken: string;
    const started: Array<{ email: string; h: EngineHarness }> = [];
    /** Set by the kill test: when the server died, and the items that were on the wire then. */
    let killedAt = new Date(0);
    let onWire: string[] = [];

    const seed = () => backend.seed;
    const numberA = () => backend.seed.numberA.numberId;
    const tickets = (): SeededTicket[] => backend.seed.tickets;
    const asSup = () => new ApiClient(backend.directUrl, supToken);
    const asManager = () => new ApiClient(backend.directUrl, managerToken);

    async function startEngine(email: string, opts: Parameters<typeof createEngine>[1] = {}): Promise<EngineHarness> {
      const h = createEngine(await makeStore(), opts);
      started.push({ email, h });
      await signedIn(h, backend.url, email);
      return h;
    }
    async function goOffline(h: EngineHarness): Promise<void> {
      backend.proxy.cut();
      await waitUntil(() => h.engine.status.state !== 'online', 15_000, () => 'the engine to notice the network is gone');
    }
    function goOnline(h: EngineHarness): void {
      backend.proxy.restore();
      h.engine.networkChanged(true);
    }
    const sentCount = (h: EngineHarness) => h.outbox.filter((e) => e.outcome === 'sent').length;
    const failures = (h: EngineHarness) => h.outbox.filter((e) => e.outcome === 'failed').map((e) => `${e.item.action.type}: ${e.error?.code}`);
    const drained = (h: EngineHarness, ms = 120_000) =>
      waitUntil(() => h.engine.status.pending === 0, ms, () => `the outbox to empty (${JSON.stringify(h.engine.status)}, failures ${failures(h).join(', ')})`);
    const contactOf = (h: EngineHarness, t: SeededTicket) => h.engine.query.ticket(t.id)!.contact.id;
    const outTexts = async (ticketId: string, prefix: string) =>
      (await serverMessages(asSup(), ticketId)).filter((m) => m.direction === 'out' && m.text?.startsWith(prefix)).map((m) => m.text);
    const noteTexts = async (target: { ticketId: string } | { contactId: string }, prefix: string) =>
      (await serverNotes(asSup(), target)).map((n) => n.text).filter((t) => t.startsWith(prefix));

    beforeAll(async () => {
      backend = await EngineBackend.create(kind);
      supToken = (await ApiClient.login(backend.directUrl, 'sup@acme.test')).token;
      managerToken = (await ApiClient.login(backend.directUrl, 'manager@acme.test')).token;
    }, 240_000);

    afterEach(async () => {
      for (const { h } of started) await h.engine.close();
      backend.proxy.restore();
      backend.proxy.swallowResponses(false);
    });

    afterAll(async () => {
      await backend?.close();
    }, 60_000);

    it('sends 200 actions made offline across 20 tickets, each once and in order per ticket, once reconnected', async () => {
      const h = await startEngine('sup@acme.test');
      const e = h.engine;
      const mediaId = await uploadImage(asSup(), numberA());
      await goOffline(h);
      const statuses = ['online', 'invisible', 'paused'] as const;
      let made = 0;
      for (const [i, t] of tickets().entries()) {
        e.markRead(t.id, t.customerMessageId);
        e.sendText(t.id, `A${i} texto 1`);
        e.addNote({ ticketId: t.id }, `A${i} nota`);
        e.sendMedia(t.id, { mediaId, caption: `A${i} foto`, mimeType: 'image/jpeg', filename: 'foto.jpg' });
        e.transferTicket(t.id, { userId: seed().users.bruno });
        e.sendText(t.id, `A${i} texto 2`);
        e.closeTicket(t.id, ['Venda']);
        e.reopenTicket(t.id);
        e.addNote({ contactId: contactOf(h, t) }, `A${i} nota do contato`);
        e.setStatus(i === tickets().length - 1 ? 'paused' : statuses[i % 3]!);
        made += 10;
      }
      expect(made).toBe(200);
      // Each newer status change replaced the one before it: 19 of them never leave the device.
      expect(h.outbox.filter((o) => o.outcome === 'dropped')).toHaveLength(19);
      expect(e.status).toMatchObject({ pending: 181, failed: 0 });
      // The agent sees it all at once, before any of it reached the server.
      const first = tickets()[0]!;
      expect(e.query.messages(first.id).map((m) => [m.text, m.local?.status ?? 'server'])).toEqual([
        ['Olá, sou o cliente 0', 'server'], ['A0 texto 1', 'pending'], ['A0 foto', 'pending'], ['A0 texto 2', 'pending'],
      ]);
      expect(e.query.notes({ ticketId: first.id }).map((n) => n.text)).toEqual(['A0 nota']);
      expect(e.query.ticket(first.id)).toMatchObject({ state: 'open', assigneeId: seed().users.sup });
      expect(e.query.ticket(first.id)?.pending).toHaveLength(3);
      expect(e.query.agentStatus(seed().users.sup)).toBe('paused');

      goOnline(h);
      await drained(h);
      expect(failures(h)).toEqual([]);
      expect(sentCount(h)).toBe(181);
      await Promise.all(tickets().map(async (t, i) => {
        const messages = await serverMessages(asSup(), t.id);
        expect(messages.filter((m) => m.direction === 'out').map((m) => [m.type, m.text])).toEqual([['text', `A${i} texto 1`], ['image', `A${i} foto`], ['text', `A${i} texto 2`]]);
        expect(await noteTexts({ ticketId: t.id }, 'A')).toEqual([`A${i} nota`]);
        expect(await noteTexts({ contactId: contactOf(h, t) }, 'A')).toEqual([`A${i} nota do contato`]);
        expect((await asSup().get<Ticket>(`/api/v1/tickets/${t.id}`)).body).toMatchObject({ state: 'open', assigneeId: seed().users.sup });
        // The optimistic rows became the server's rows: real ids, server order.
        expect(e.query.messages(t.id).map((m) => [m.id, m.local])).toEqual(messages.map((m) => [m.id, null]));
      }));
      expect(h.store.optimistic()).toEqual([]);
      expect((await asSup().get<{ user: { status: string } }>('/api/v1/me')).body.user.status).toBe('paused');
    }, 240_000);

    it('still sends each action exactly once when the backend is killed in the middle of a flush', async () => {
      const h = await startEngine('sup@acme.test');
      const e = h.engine;
      await goOffline(h);
      for (const [i, t] of tickets().entries()) {
        e.sendText(t.id, `B${i} texto 1`);
        e.transferTicket(t.id, { userId: seed().users.ana });
        e.closeTicket(t.id);
        e.reopenTicket(t.id);
        e.addNote({ ticketId: t.id }, `B${i} nota`);
        e.addNote({ contactId: contactOf(h, t) }, `B${i} nota do contato`);
      }
      expect(e.status.pending).toBe(120);
      goOnline(h);
      await waitUntil(() => sentCount(h) >= 30, 60_000, () => `30 items to be sent (${sentCount(h)} so far)`);
      // The answers stop coming back while the server keeps working, then the server dies.
      backend.proxy.swallowResponses(true);
      await sleep(1_000);
      // What is on the wire now has no answer coming.
      onWire = h.store.outbox().filter((i) => i.status === 'sending').map((i) => i.id);
      expect(onWire.length).toBeGreaterThan(0);
      killedAt = new Date();
      await backend.kill();
      backend.proxy.swallowResponses(false);
      expect(e.status.pending).toBeGreaterThan(0);
      await waitUntil(() => e.status.state !== 'online', 15_000, () => 'the engine to notice the server is gone');
      await backend.start();
      // It reconnects on its own (backoff), catches up and sends the rest.
      await drained(h, 150_000);
      expect(failures(h)).toEqual([]);
      const sent = h.outbox.filter((o) => o.outcome === 'sent');
      expect(sent).toHaveLength(120);
      // Some items reached the server but lost their answer, and went again: still once on the server.
      expect(sent.filter((o) => onWire.includes(o.item.id)).every((o) => o.item.attempts > 1)).toBe(true);
      await Promise.all(tickets().map(async (t, i) => {
        expect(await outTexts(t.id, 'B')).toEqual([`B${i} texto 1`]);
        expect(await noteTexts({ ticketId: t.id }, 'B')).toEqual([`B${i} nota`]);
        expect(await noteTexts({ contactId: contactOf(h, t) }, 'B')).toEqual([`B${i} nota do contato`]);
      }));
      // Transfers, closes and reopens are counted in the database by the last test.
      const reopened = () => e.query.tickets({ numberId: numberA(), states: ['open'] }).filter((t) => t.assigneeId === seed().users.sup && tickets().some((x) => x.id === t.id));
      await waitUntil(() => reopened().length === tickets().length, 10_000, () => `every ticket reopened locally (${reopened().length})`);
    }, 300_000);

    it('keeps the cache and the outbox when the session ends while offline, and sends the outbox after signing in again', async () => {
      const h = await startEngine('sup@acme.test');
      const e = h.engine;
      await goOffline(h);
      // The session is ended on the server while the device cannot hear about it.
      expect((await new ApiClient(backend.directUrl, h.token()).post('/api/v1/auth/logout')).status).toBe(200);
      const picked = tickets().slice(0, 5);
      for (const [i, t] of picked.entries()) {
        e.sendText(t.id, `C${i} texto`);
        e.addNote({ ticketId: t.id }, `C${i} nota`);
      }
      const cached = e.query.tickets({ numberId: numberA() }).length;
      goOnline(h);
      await waitUntil(() => e.status.state === 'needs-sign-in', 30_000, () => `needs-sign-in (${JSON.stringify(e.status)})`);
      expect(e.status.pending).toBe(10);
      expect(e.query.tickets({ numberId: numberA() })).toHaveLength(cached);
      expect(e.query.messages(picked[0]!.id).at(-1)).toMatchObject({ text: 'C0 texto', local: { status: 'pending' } });
      expect(await e.signIn(backend.url, 'sup@acme.test', PASSWORD)).toMatchObject({ ok: true, wipedPreviousUser: false });
      await drained(h);
      expect(failures(h)).toEqual([]);
      expect(h.resets).toEqual(['snapshot']);
      for (const [i, t] of picked.entries()) {
        expect(await outTexts(t.id, 'C')).toEqual([`C${i} texto`]);
        expect(await noteTexts({ ticketId: t.id }, 'C')).toEqual([`C${i} nota`]);
      }
    }, 120_000);

    it('catches up after 1,000 server-side changes made while offline, with no gap and nothing applied twice', async () => {
      const h = await startEngine('sup@acme.test', { pageSize: 200 });
      // Online, a change arrives as a live event, before any catch-up would bring it.
      const live = await asManager().post<{ id: string }>(`/api/v1/tickets/${tickets()[0]!.id}/notes`, { text: 'D nota ao vivo, online' });
      await waitUntil(() => h.applied.some((c) => c.id === live.body.id), 10_000, () => 'the live note');
      expect(h.applied.filter((c) => c.id === live.body.id).map((c) => c.source)).toEqual(['live']);
      await goOffline(h);
      const since = h.store.getSession()!.cursor!;
      const waIds = [0, 1, 2, 3].map((i) => `55119000${30000 + i}`);
      for (const waId of waIds) await customerBurst(backend.directUrl, 'pn-a', waId, 100, `D ${waId}`);
      // Changes the user may not see leave gaps in the sequence they receive.
      await customerBurst(backend.directUrl, 'pn-b', '5511900039999', 30, 'D outro número');
      let visible = -1;
      for (let stable = 0, tries = 0; stable < 2; tries++) {
        if (tries > 200) throw new Error(`the webhook deliveries were not processed (${visible} changes visible)`);
        await sleep(250);
        const n = await countChanges(asSup(), since);
        stable = n === visible && n >= 1000 ? stable + 1 : 0;
        visible = n;
      }
      expect(visible).toBeGreaterThanOrEqual(1000);
      const syncCalls = () => h.requests.filter((r) => r.path.startsWith('/api/v1/sync?')).length;
      const before = syncCalls();
      goOnline(h);
      // More changes while it catches up: they come live and through the feed at once.
      await waitUntil(() => syncCalls() > before, 30_000, () => 'the catch-up to start');
      await Promise.all([
        customerBurst(backend.directUrl, 'pn-a', waIds[0]!, 20, 'D ao vivo'),
        ...tickets().slice(0, 5).map((t, i) => asManager().post(`/api/v1/tickets/${t.id}/notes`, { text: `D${i} nota ao vivo` })),
      ]);

      const head = (await asSup().get<{ seq: number }>('/api/v1/sync/head')).body.seq;
      const list = async () => {
        const all: Ticket[] = [];
        let cursor: string | null = null;
        do {
          const r: { body: { items: Ticket[]; nextCursor: string | null } } = await asSup().get(`/api/v1/tickets?numberId=${numberA()}&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
          all.push(...r.body.items);
          cursor = r.body.nextCursor;
        } while (cursor);
        return all;
      };
      await eventually(async () => {
        const server = await list();
        const local = h.engine.query.tickets({ numberId: numberA(), states: ['waiting', 'open'] });
        expect(local.map((t) => [t.id, t.state, t.lastMessageAt])).toEqual(server.map((t) => [t.id, t.state, t.lastMessageAt]));
        for (const t of server.filter((x) => waIds.includes(x.contact.waId))) {
          expect(h.engine.query.messages(t.id).map((m) => m.id)).toEqual((await serverMessages(asSup(), t.id)).map((m) => m.id));
        }
        for (const [i, t] of tickets().slice(0, 5).entries()) {
          expect(h.engine.query.notes({ ticketId: t.id }).filter((n) => n.text.startsWith(`D${i} `)).map((n) => n.text)).toEqual([`D${i} nota ao vivo`]);
        }
        // The cursor reaches the head, past the sequences of the other number that it never saw.
        h.engine.refresh();
        expect(h.store.getSession()!.cursor).toBeGreaterThanOrEqual(head);
      }, 60_000);
      expect(h.engine.query.tickets({ numberId: numberA() }).filter((t) => waIds.includes(t.contact.waId))).toHaveLength(4);
      // Followed hasMore page by page: over 1,000 changes at 200 a page.
      expect(syncCalls() - before).toBeGreaterThanOrEqual(6);
      // Each change applied at most once, and per entity only ever moving forward.
      const fromFeed = h.applied.filter((c) => c.seq !== null && c.entity !== 'number');
      const seqs = fromFeed.map((c) => c.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      const last = new Map<string, number>();
      for (const c of fromFeed) {
        const k = `${c.entity}:${c.id}`;
        expect(c.seq!).toBeGreaterThan(last.get(k) ?? 0);
        last.set(k, c.seq!);
      }
    }, 240_000);

    it('reloads a snapshot on 410 resync_required and still sends what was pending', async () => {
      const h = await startEngine('sup@acme.test');
      const e = h.engine;
      await goOffline(h);
      const picked = tickets().slice(5, 8);
      for (const [i, t] of picked.entries()) {
        e.sendText(t.id, `E${i} texto`);
        e.addNote({ ticketId: t.id }, `E${i} nota`);
      }
      for (const [i, t] of picked.entries()) {
        expect((await asManager().post(`/api/v1/tickets/${t.id}/notes`, { text: `E${i} nota do gerente` })).status).toBe(201);
      }
      const cursor = h.store.getSession()!.cursor!;
      // Retention pruned the feed past this device's cursor.
      await backend.stop();
      await backend.withStoppedDatabase((db) => db.execute(sql`update feed_state set pruned_through = (select max(seq) from changes) where id = 1`));
      await backend.start();
      goOnline(h);
      await drained(h);
      await settled(h);
      expect(failures(h)).toEqual([]);
      expect(h.requests.filter((r) => r.path.startsWith(`/api/v1/sync?since=${cursor}&`)).map((r) => r.status)).toContain(410);
      expect(h.resets).toEqual(['snapshot', 'snapshot']);
      expect(h.store.getSession()!.cursor).toBeGreaterThan(cursor);
      for (const [i, t] of picked.entries()) {
        // The manager's note was never seen change by change: it came with the snapshot.
        expect(e.query.notes({ ticketId: t.id }).map((n) => n.text).filter((x) => x.startsWith('E'))).toEqual(expect.arrayContaining([`E${i} nota do gerente`, `E${i} nota`]));
        expect(await outTexts(t.id, 'E')).toEqual([`E${i} texto`]);
        expect(await noteTexts({ ticketId: t.id }, `E${i} nota`)).toEqual(expect.arrayContaining([`E${i} nota`, `E${i} nota do gerente`]));
        expect((await noteTexts({ ticketId: t.id }, `E${i} nota`)).filter((x) => x === `E${i} nota`)).toHaveLength(1);
      }
    }, 240_000);

    it('marks a refused item failed and holds only its own ticket, until the agent edits, retries or discards it', async () => {
      const h = await startEngine('sup@acme.test');
      const e = h.engine;
      const closed = seed().closedWindow;
      await goOffline(h);
      const refused = e.sendText(closed.id, 'F fora da janela');
      const behind = e.addNote({ ticketId: closed.id }, 'F nota depois da recusada');
      e.sendText(tickets()[9]!.id, 'F outro ticket');
      goOnline(h);
      await waitUntil(() => sentCount(h) === 1 && failures(h).length === 1, 60_000, () => `one sent and one failed (${JSON.stringify(h.outbox.map((o) => o.outcome))})`);
      expect(e.query.outbox().map((i) => [i.id, i.status, i.error?.code ?? null, i.blocked])).toEqual([
        [refused.id, 'failed', 'window_closed', false],
        [behind.id, 'pending', null, true],
      ]);
      expect(e.query.messages(closed.id).at(-1)).toMatchObject({ text: 'F fora da janela', local: { status: 'failed', error: { code: 'window_closed' } } });

      expect(e.edit(refused.id, { text: 'F editada' })).toBe(true);
      const edited = e.query.outbox()[0]!;
      expect(edited).toMatchObject({ order: refused.order, action: { text: 'F editada' } });
      expect(edited.id).not.toBe(refused.id);
      const failedAttempts = () => h.outbox.filter((o) => o.outcome === 'failed' && o.item.id === edited.id).length;
      await waitUntil(() => failedAttempts() === 1, 30_000, () => 'the edited item to be refused too');
      expect(e.retry(edited.id)).toBe(true);
      await waitUntil(() => failedAttempts() === 2, 30_000, () => 'the retried item to be refused again');
      expect(e.discard(edited.id)).toBe(true);
      await drained(h);
      expect((await serverMessages(asSup(), closed.id)).filter((m) => m.direction === 'out')).toEqual([]);
      expect(await noteTexts({ ticketId: closed.id }, 'F')).toEqual(['F nota depois da recusada']);
      expect(await outTexts(tickets()[9]!.id, 'F')).toEqual(['F outro ticket']);
    }, 120_000);

    it('gives up on an item older than the server remembers clientIds, and sends it only if the agent retries', async () => {
      let shift = 0;
      const h = await startEngine('sup@acme.test', { now: () => Date.now() + shift });
      const e = h.engine;
      const t = tickets()[10]!;
      await goOffline(h);
      const old = e.sendText(t.id, 'H antiga');
      shift = 7 * 24 * 3600_000;
      goOnline(h);
      await waitUntil(() => failures(h).length === 1, 30_000, () => 'the old item to expire');
      expect(e.query.outbox().map((i) => [i.id, i.error?.code])).toEqual([[old.id, 'expired']]);
      expect(h.requests.filter((r) => r.method === 'POST' && r.path.includes('/messages'))).toEqual([]);
      expect(e.retry(old.id)).toBe(true);
      await drained(h);
      expect(await outTexts(t.id, 'H')).toEqual(['H antiga']);
    }, 120_000);

    it('asks before signing out with unsent items, wipes the previous user when another signs in, and wipes on sign-out', async () => {
      const h = await startEngine('ana@acme.test');
      const e = h.engine;
      const closed = seed().closedWindow;
      expect(e.query.tickets({ numberId: numberA() }).map((t) => t.id)).toContain(closed.id);
      e.sendText(closed.id, 'G fora da janela');
      await waitUntil(() => failures(h).length === 1, 30_000, () => 'the reply to be refused');
      expect(await e.signOut()).toEqual({ ok: false, pending: 1 });
      expect(e.status.state).toBe('online');

      const r = await e.signIn(backend.url, 'carla@acme.test', PASSWORD);
      expect(r).toMatchObject({ ok: true, wipedPreviousUser: true });
      expect(h.store.outbox()).toEqual([]);
      await settled(h);
      expect(h.resets).toEqual(['snapshot', 'user-changed', 'snapshot']);
      const visible = e.query.tickets({});
      expect(visible.length).toBeGreaterThanOrEqual(2);
      expect(visible.every((t) => t.numberId === seed().numberB.numberId)).toBe(true);

      const token = h.token();
      e.addNote({ ticketId: visible[0]!.id }, 'G nota descartada');
      await goOffline(h);
      expect(await e.signOut()).toEqual({ ok: false, pending: 1 });
      backend.proxy.restore();
      expect(await e.signOut({ discardPending: true })).toEqual({ ok: true });
      expect(e.status).toMatchObject({ state: 'signed-out', pending: 0, userId: null });
      expect([h.store.getSession(), h.store.tickets({}), h.store.outbox(), h.store.optimistic()]).toEqual([null, [], [], []]);
      expect((await serverNotes(asManager(), { ticketId: visible[0]!.id })).map((n) => n.text)).not.toContain('G nota descartada');
      expect((await new ApiClient(backend.directUrl, token).get('/api/v1/me')).status).toBe(401);
    }, 120_000);

    it('leaves in the database each accepted action exactly once, in the order made per ticket', async () => {
      const accepted: OutboxItem[] = started
        .filter((s) => s.email === 'sup@acme.test')
        .flatMap((s) => s.h.outbox.filter((o) => o.outcome === 'sent').map((o) => o.item).sort((a, b) => a.order - b.order));
      expect(accepted.length).toBeGreaterThan(310);
      const sup = seed().users.sup;
      await backend.stop();
      await backend.withStoppedDatabase(async (db) => {
        const sends = accepted.filter((i) => i.action.type === 'send_text' || i.action.type === 'send_media').map((i) => i.id).sort();
        const messages = await rows<{ client_id: string; n: number }>(db, sql`select client_id, count(*)::int as n from messages where author_id = ${sup} and client_id is not null group by client_id order by client_id`);
        expect(messages).toEqual(sends.map((id) => ({ client_id: id, n: 1 })));

        const notes = accepted.flatMap((i) => (i.action.type === 'add_note' ? [i.action.text] : [])).sort();
        const stored = await rows<{ text: string; n: number }>(db, sql`select text, count(*)::int as n from notes where author_id = ${sup} group by text order by text`);
        expect(stored.map((r) => [r.text, r.n])).toEqual(notes.map((t) => [t, 1]));

        const kinds = { transfer: 'transferred', close: 'closed', reopen: 'reopened' } as const;
        const expected = new Map<string, string[]>();
        for (const i of accepted) {
          const a = i.action;
          if (a.type === 'transfer' || a.type === 'close' || a.type === 'reopen') expected.set(a.ticketId, [...(expected.get(a.ticketId) ?? []), kinds[a.type]]);
        }
        const events = await rows<{ ticket_id: string; kind: string }>(db, sql`
          select ticket_id, kind from ticket_events where actor_id = ${sup} and kind in ('transferred', 'closed', 'reopened') order by at, id`);
        const actual = new Map<string, string[]>();
        for (const ev of events) actual.set(ev.ticket_id, [...(actual.get(ev.ticket_id) ?? []), ev.kind]);
        expect(actual).toEqual(expected);

        const [keys] = await rows<{ n: number }>(db, sql`select count(*)::int as n from idempotency_keys where user_id = ${sup}`);
        expect(keys?.n).toBe(accepted.length);
        // Items on the wire when the server died had reached it (their key is older than the kill)
        // and lost only the answer: sent again, they got the stored answer instead of running twice.
        const answeredLate = await rows<{ client_id: string }>(db, sql`
          select client_id from idempotency_keys where user_id = ${sup} and created_at < ${killedAt.toISOString()}::timestamptz and client_id = any(${`{${onWire.join(',')}}`}::text[])`);
        expect(answeredLate.length).toBeGreaterThan(0);
        const [statuses] = await rows<{ n: number }>(db, sql`select count(*)::int as n from agent_status_history where user_id = ${sup}`);
        expect(statuses?.n).toBe(accepted.filter((i) => i.action.type === 'set_status').length);
      });
    }, 120_000);
  });
}

/** Retries a block of assertions until it passes or the time is up. */
async function eventually(check: () => Promise<void>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(200);
    }
  }
}
