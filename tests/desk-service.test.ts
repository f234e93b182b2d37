import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerWrites, PASSWORD, seedOrg, startTestServer, ApiClient, type Seed, type TestServer } from '../server/test/harness';
import { DeskService } from '../shared/desk/desk-service';
import type { DeskHost, SavedSession, SavedState } from '../shared/desk/host';
import type { DesktopState } from '../shared/desktop-api';
import type { Message } from '../shared/api/messages';
import { MemoryStore } from '../shared/sync/memory-store';
import { fastEngine, waitUntil } from './engine-harness';
import { TcpProxy } from './tcp-proxy';

/** A host whose storage outlives one service, like localStorage or a JSON file does. */
function memoryHost() {
  const kept: { state: unknown; session: unknown; opened: string[] } = { state: null, session: null, opened: [] };
  const host: DeskHost = {
    platform: 'web',
    appVersion: '9.9.9',
    state: { load: () => kept.state, save: (s: SavedState) => void (kept.state = structuredClone(s)) },
    session: { load: () => kept.session, save: (s: SavedSession) => void (kept.session = { ...s }), clear: () => void (kept.session = null) },
    openExternal: (url) => void kept.opened.push(url),
  };
  return { host, kept };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as { code: string }).code;
  }
  throw new Error('the call did not fail');
}

describe('DeskService against a real backend', () => {
  let server: TestServer;
  let proxy: TcpProxy;
  let seed: Seed;
  const tickets: string[] = [];
  const { host, kept } = memoryHost();
  let desk: DeskService;
  let states: DesktopState[] = [];

  beforeAll(async () => {
    server = await startTestServer('pglite');
    seed = await seedOrg(server.app);
    for (let i = 0; i < 3; i++) {
      const r = await customerWrites(server.app, server.clock, 'pn-a', `5511988800${i}`, `Olá ${i}`);
      if (r.outcome !== 'stored') throw new Error('customer message not stored');
      tickets.push(r.ticketId);
    }
    proxy = await TcpProxy.start(server.url);
    desk = await DeskService.create({ store: new MemoryStore(), host, engine: fastEngine });
    desk.on('state', (s) => states.push(s));
  });
  afterAll(async () => {
    await desk?.close();
    await proxy?.close();
    await server?.close();
  });

  const online = (d: DeskService = desk) => waitUntil(() => d.engine.status.state === 'online' && !d.engine.status.syncing && d.engine.status.pending === 0, 20_000, () => JSON.stringify(d.engine.status));

  it('explains a failed sign-in: bad password, unreachable server, not an address', async () => {
    expect(await desk.signIn({ baseUrl: proxy.url, email: 'ana@acme.test', password: 'wrong-password' })).toMatchObject({ ok: false, code: 'invalid_credentials' });
    expect(await desk.signIn({ baseUrl: 'http://127.0.0.1:9', email: 'ana@acme.test', password: PASSWORD })).toMatchObject({ ok: false, code: 'network' });
    expect(await desk.signIn({ baseUrl: 'ftp://files.example', email: 'ana@acme.test', password: PASSWORD })).toMatchObject({ ok: false, code: 'invalid_url' });
    expect((await desk.getState()).session).toBeNull();
  });

  it('signs in: state carries the session, /me (permissions, time zone) and the remembered server', async () => {
    states = [];
    const r = await desk.signIn({ baseUrl: `${proxy.url}/`, email: 'ana@acme.test', password: PASSWORD });
    expect(r.ok).toBe(true);
    await online();
    const state = await desk.getState();
    expect(state.session).toEqual({ userId: seed.users.ana, userName: 'ana', baseUrl: proxy.url });
    expect(state.me?.organization.timeZone).toBe('America/Sao_Paulo');
    expect(state.me?.profile.permissions).toContain('service.desk');
    expect(state.me?.numbers.map((n) => n.id)).toEqual([seed.numberA.numberId]);
    expect(state.settings.baseUrl).toBe(proxy.url);
    expect(states.at(-1)?.engine.state).toBe('online');
    expect(kept.session).toMatchObject({ userId: seed.users.ana, baseUrl: proxy.url });
    expect((kept.state as SavedState).me?.user.id).toBe(seed.users.ana);
  });

  it('lists the queue, mine and closed, latest activity first', async () => {
    const numberId = seed.numberA.numberId;
    const queue = await desk.listTickets({ numberId, view: 'queue' });
    expect(queue.map((t) => t.id)).toEqual([...tickets].reverse());
    await desk.transferTicket({ ticketId: tickets[0]!, to: { userId: seed.users.ana } });
    await desk.transferTicket({ ticketId: tickets[1]!, to: { userId: seed.users.ana } });
    await online();
    await desk.closeTicket({ ticketId: tickets[1]!, tags: ['Venda'] });
    await online();
    expect((await desk.listTickets({ numberId, view: 'queue' })).map((t) => t.id)).toEqual([tickets[2]]);
    expect((await desk.listTickets({ numberId, view: 'mine' })).map((t) => t.id)).toEqual([tickets[0]]);
    const closed = await desk.listTickets({ numberId, view: 'closed' });
    expect(closed.map((t) => [t.id, t.tags])).toEqual([[tickets[1], ['Venda']]]);
    expect(await desk.listTickets({ numberId, view: 'queue', limit: 1 })).toHaveLength(1);
  });

  it('keeps unread counts current: none once read, one more for each customer message arriving live', async () => {
    const numberId = seed.numberA.numberId;
    const ticketId = tickets[0]!;
    const inList = async () => (await desk.listTickets({ numberId, view: 'mine' })).find((t) => t.id === ticketId)?.unread;
    let listed: number | undefined;
    const listShows = async (count: number) => {
      const deadline = Date.now() + 10_000;
      while ((listed = await inList()) !== count) {
        if (Date.now() > deadline) throw new Error(`the list shows ${listed} unread, expected ${count}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    // The transfer came through the change feed, whose ticket rows carry no count.
    expect(await inList()).toBe(1);
    expect((await desk.listTickets({ numberId, view: 'queue' })).map((t) => t.unread)).toEqual([1]);

    const latest = (await desk.listMessages({ ticketId })).at(-1)!;
    await desk.markRead({ ticketId, upTo: latest.id });
    // At once from the unsent marker, and still once the server has it.
    expect(await inList()).toBe(0);
    expect((await desk.getTicket({ ticketId }))?.unread).toBe(0);
    await online();
    expect(await inList()).toBe(0);

    for (const [text, count] of [['Ainda aí?', 1], ['Preciso do orçamento hoje', 2]] as const) {
      server.clock.advance(60_000);
      await customerWrites(server.app, server.clock, 'pn-a', '55119888000', text);
      await listShows(count);
      expect((await desk.getTicket({ ticketId }))?.unread).toBe(count);
    }
  });

  it('sends a text written offline once the connection is back; online-only calls say offline meanwhile', async () => {
    const ticketId = tickets[0]!;
    proxy.cut();
    await waitUntil(() => desk.engine.status.state === 'offline', 10_000, () => desk.engine.status.state);
    const item = await desk.sendText({ ticketId, text: '  Bom dia! Já verifico.  ' });
    const pending = (await desk.listMessages({ ticketId })).at(-1)!;
    expect(pending).toMatchObject({ text: 'Bom dia! Já verifico.', local: { outboxId: item.id, status: 'pending' } });
    expect((await desk.getState()).engine.pending).toBe(1);
    expect(await desk.listOutbox({ ticketId })).toHaveLength(1);
    expect(await codeOf(desk.templates({ numberId: seed.numberA.numberId }))).toBe('offline');
    expect(await codeOf(desk.refreshMe({}))).toBe('offline');
    // The kept /me still answers for permissions and the time zone while offline.
    expect((await desk.getState()).me?.organization.timeZone).toBe('America/Sao_Paulo');

    proxy.restore();
    desk.engine.networkChanged(true);
    await online();
    const sent = (await desk.listMessages({ ticketId })).at(-1)!;
    expect(sent).toMatchObject({ text: 'Bom dia! Já verifico.', local: null, clientId: item.id });
    const api = await ApiClient.login(server.url, 'ana@acme.test');
    const onServer = await api.get<{ items: Message[] }>(`/api/v1/tickets/${ticketId}/messages`);
    expect(onServer.body.items.filter((m) => m.clientId === item.id)).toHaveLength(1);
  });

  it('answers transfer targets, tags and a contact\'s tickets from the server', async () => {
    const numberId = seed.numberA.numberId;
    const targets = await desk.transferTargets({ numberId });
    expect(targets.agents.map((a) => a.id).sort()).toEqual([seed.users.bruno, seed.users.sup].sort());
    expect(targets.queues.length).toBeGreaterThan(0);
    expect(targets.queues.some((q) => q.isDefault)).toBe(true);
    expect(await desk.tags({ numberId })).toEqual(expect.arrayContaining(['Venda', 'Dúvida']));
    const ticket = (await desk.getTicket({ ticketId: tickets[0]! }))!;
    const history = await desk.contactTickets({ contactId: ticket.contact.id });
    expect(history.map((t) => t.id)).toContain(tickets[0]);
    expect((await desk.getContact({ contactId: ticket.contact.id })).phone).toBe(ticket.contact.phone);
  });

  it('refuses bad input and non-https links with a code the UI can show', async () => {
    expect(await codeOf(desk.listTickets({ numberId: 'not-a-uuid', view: 'queue' }))).toBe('invalid_input');
    expect(await codeOf(desk.sendText({ ticketId: tickets[0]!, text: '   ' }))).toBe('invalid_input');
    expect(await codeOf(desk.openExternal({ url: 'http://example.com/' }))).toBe('invalid_input');
    expect(await codeOf(desk.getContact({ contactId: '0190f0f0-0000-7000-8000-000000000000' }))).toBe('not_found');
    await desk.openExternal({ url: 'https://example.com/doc' });
    expect(kept.opened).toEqual(['https://example.com/doc']);
  });

  it('remembers settings, and a new start resumes the kept session with /me known at once', async () => {
    const settings = await desk.setSettings({ language: 'es', lastNumberId: seed.numberA.numberId });
    expect(settings).toMatchObject({ language: 'es', theme: 'system', lastNumberId: seed.numberA.numberId });
    await desk.close();
    const again = await DeskService.create({ store: new MemoryStore(), host, engine: fastEngine });
    try {
      const state = await again.getState();
      expect(state.settings).toMatchObject({ language: 'es', baseUrl: proxy.url });
      expect(state.session?.userId).toBe(seed.users.ana);
      expect(state.me?.user.id).toBe(seed.users.ana);
      await online(again);
      expect((await again.listTickets({ numberId: seed.numberA.numberId, view: 'mine' })).map((t) => t.id)).toEqual([tickets[0]]);
    } finally {
      await again.close();
    }
    desk = await DeskService.create({ store: new MemoryStore(), host, engine: fastEngine });
    await online();
  });

  it('shows the agent\'s own status change at once, and signs out only after asking about pending items', async () => {
    await desk.setStatus({ status: 'paused' });
    expect((await desk.getState()).me?.user.status).toBe('paused');
    await online();
    expect((await desk.getState()).me?.user.status).toBe('paused');
    proxy.cut();
    await waitUntil(() => desk.engine.status.state === 'offline', 10_000, () => desk.engine.status.state);
    await desk.sendText({ ticketId: tickets[0]!, text: 'Ainda offline' });
    expect(await desk.signOut({})).toEqual({ ok: false, pending: 1 });
    expect((await desk.getState()).session).not.toBeNull();
    expect(await desk.signOut({ discardPending: true })).toEqual({ ok: true });
    const state = await desk.getState();
    expect(state.session).toBeNull();
    expect(state.me).toBeNull();
    expect(state.engine.state).toBe('signed-out');
    expect(kept.session).toBeNull();
    expect((kept.state as SavedState).settings.baseUrl).toBe(proxy.url);
    proxy.restore();
  });
});
