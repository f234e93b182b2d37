import type { z } from 'zod';
import type { MeResponse } from '../api/auth';
import {
  desktopCalls, type DesktopApi, type DesktopCallInput, type DesktopCallName, type DesktopCallOutput,
  type DesktopEventName, type DesktopEvents, type DesktopState, type SearchResult, type Settings,
} from '../desktop-api';
import { SyncEngine, type EngineOptions } from '../sync/engine';
import type { StoreChange } from '../sync/apply';
import type { LocalStore } from '../sync/store';
import { asDeskError, DeskError } from './desk-error';
import type { DeskHost, SavedSession } from './host';
import { readSavedSession, readSavedState } from './saved';
import { ServerCalls } from './server-calls';
import { UnreadCounts } from './unread-counts';
import { ticketsInView } from './views';

export interface DeskServiceOptions {
  store: LocalStore;
  host: DeskHost;
  /** Passed to the SyncEngine (fetch, io, timeouts…). */
  engine?: Omit<EngineOptions, 'store'>;
}

type Input<K extends DesktopCallName> = z.output<(typeof desktopCalls)[K]['input']>;
type Out<K extends DesktopCallName> = Promise<DesktopCallOutput<K>>;
type Listener = (payload: never) => void;

/**
 * The desktop API over the sync engine: one implementation for the Electron main process (over
 * SQLite, behind IPC) and the web build (over MemoryStore, in the page). Reads come from the
 * cache, actions go through the outbox, and what needs the server now fails with `offline`
 * when there is no connection. Every input is checked against its schema in `desktopCalls`.
 */
export class DeskService implements DesktopApi {
  readonly engine: SyncEngine;
  private readonly server: ServerCalls;
  private readonly unread: UnreadCounts;
  private readonly listeners = new Map<DesktopEventName, Set<Listener>>();
  private settings: Settings;
  private me: MeResponse | null;
  private lastState = '';
  private wasOnline = false;

  /** Reads what the host kept, prepares the store for the kept session, and resumes it. */
  static async create(opts: DeskServiceOptions): Promise<DeskService> {
    const saved = readSavedState(await opts.host.state.load());
    const session = readSavedSession(await opts.host.session?.load());
    // A store without a disk (the web) forgets the session: start it again from what the host kept.
    if (session && !opts.store.getSession()) {
      opts.store.transaction(() => opts.store.setSession({ userId: session.userId, userName: session.userName, orgId: '', baseUrl: session.baseUrl, cursor: null }));
    }
    const service = new DeskService(opts, saved.settings, saved.me);
    const held = opts.store.getSession();
    if (session && held && held.userId === session.userId && held.baseUrl === session.baseUrl) service.engine.resume(session.token);
    service.emitState();
    return service;
  }

  private constructor(
    opts: DeskServiceOptions,
    settings: Settings,
    me: MeResponse | null,
  ) {
    this.store = opts.store;
    this.host = opts.host;
    this.settings = settings;
    this.me = me;
    this.engine = new SyncEngine({ ...opts.engine, store: opts.store });
    this.server = new ServerCalls(this.engine, this.store, (c) => this.changed(c));
    this.unread = new UnreadCounts(this.store, this.engine.query);
    this.engine.subscribe((status) => {
      const online = status.state === 'online';
      // Each (re)connect reloads /me: permissions, numbers and queues may have changed meanwhile.
      if (online && !this.wasOnline) void this.reloadMe();
      this.wasOnline = online;
      this.emitState();
    });
    this.engine.on('changes', (c) => this.changed(c));
    this.engine.on('outbox', (e) => this.emit('outbox', e));
    this.engine.on('session', (s) => {
      const kept: SavedSession = { token: s.token, userId: s.user.id, userName: s.user.name, baseUrl: s.baseUrl };
      this.persist(() => this.host.session?.save(kept), 'the session');
    });
    this.engine.on('reset', (reason) => {
      this.unread.clear();
      if (reason !== 'snapshot') this.forgetMe();
      this.emit('reset', reason);
      this.emitState();
    });
  }

  private readonly store: LocalStore;
  private readonly host: DeskHost;

  // ---- events ---------------------------------------------------------------------------------

  on<E extends DesktopEventName>(event: E, listener: (payload: DesktopEvents[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const l = listener as Listener;
    set.add(l);
    return () => set.delete(l);
  }

  /** The host reports a click on a notification or the tray. */
  openTicket(target: DesktopEvents['openTicket']): void {
    this.emit('openTicket', target);
  }

  /** Stops the connection, keeping everything stored. */
  close(): Promise<void> {
    return this.engine.close();
  }

  // ---- state, session, settings -----------------------------------------------------------------

  getState(input: DesktopCallInput<'getState'> = {}): Out<'getState'> {
    return this.run('getState', input, () => this.state());
  }

  signIn(input: DesktopCallInput<'signIn'>): Out<'signIn'> {
    return this.run('signIn', input, async ({ baseUrl, email, password }) => {
      const url = normalizeBaseUrl(baseUrl);
      if (!url) return { ok: false as const, code: 'invalid_url', message: `"${baseUrl}" is not a server address: write it like https://desk.example.com or http://127.0.0.1:3100.` };
      const result = await this.engine.signIn(url, email, password);
      if (!result.ok) return result;
      this.settings = { ...this.settings, baseUrl: url };
      this.saveState();
      await this.reloadMe();
      this.emitState();
      return result;
    });
  }

  signOut(input: DesktopCallInput<'signOut'>): Out<'signOut'> {
    return this.run('signOut', input, async ({ discardPending }) => {
      const result = await this.engine.signOut(discardPending ? { discardPending } : {});
      if (result.ok) {
        this.persist(() => this.host.session?.clear(), 'the session');
        this.forgetMe();
        this.emitState();
      }
      return result;
    });
  }

  setSettings(input: DesktopCallInput<'setSettings'>): Out<'setSettings'> {
    return this.run('setSettings', input, (changes) => {
      const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
      this.settings = { ...this.settings, ...defined };
      this.saveState();
      this.emitState();
      return this.settings;
    });
  }

  refreshMe(input: DesktopCallInput<'refreshMe'> = {}): Out<'refreshMe'> {
    return this.run('refreshMe', input, async () => {
      const me = await this.server.me();
      this.keepMe(me);
      return me;
    });
  }

  refresh(input: DesktopCallInput<'refresh'> = {}): Out<'refresh'> {
    return this.run('refresh', input, () => this.engine.refresh());
  }

  // ---- reads from the cache ----------------------------------------------------------------------

  // Tickets carry `unread` counted from the cache: rows from the change feed come without the server's count.
  listTickets(input: DesktopCallInput<'listTickets'>): Out<'listTickets'> {
    return this.run('listTickets', input, (q) => this.unread.withCounts(ticketsInView(this.engine.query, q, this.store.getSession()?.userId ?? null)));
  }

  getTicket(input: DesktopCallInput<'getTicket'>): Out<'getTicket'> {
    return this.run('getTicket', input, ({ ticketId }) => {
      const ticket = this.engine.query.ticket(ticketId);
      return ticket && this.unread.withCounts([ticket])[0]!;
    });
  }

  listMessages(input: DesktopCallInput<'listMessages'>): Out<'listMessages'> {
    return this.run('listMessages', input, ({ ticketId, limit }) => this.engine.query.messages(ticketId, limit));
  }

  loadOlderMessages(input: DesktopCallInput<'loadOlderMessages'>): Out<'loadOlderMessages'> {
    return this.run('loadOlderMessages', input, ({ ticketId, before }) => this.server.loadOlderMessages(ticketId, before));
  }

  listNotes(input: DesktopCallInput<'listNotes'>): Out<'listNotes'> {
    return this.run('listNotes', input, (target) => this.engine.query.notes(target));
  }

  listOutbox(input: DesktopCallInput<'listOutbox'>): Out<'listOutbox'> {
    return this.run('listOutbox', input, ({ ticketId }) => this.engine.query.outbox(ticketId ? { ticketId } : {}));
  }

  quickReplies(input: DesktopCallInput<'quickReplies'> = {}): Out<'quickReplies'> {
    return this.run('quickReplies', input, () => this.engine.query.quickReplies());
  }

  search(input: DesktopCallInput<'search'>): Out<'search'> {
    return this.run('search', input, ({ numberId, text }): SearchResult => {
      const found = this.store.search({ numberId, text });
      const tickets = this.unread.withCounts(found.tickets.flatMap((t) => this.engine.query.ticket(t.id) ?? []));
      return { tickets, messages: found.messages };
    });
  }

  // ---- reads from the server ---------------------------------------------------------------------

  getContact(input: DesktopCallInput<'getContact'>): Out<'getContact'> {
    return this.run('getContact', input, ({ contactId }) => this.server.contact(contactId));
  }

  contactTickets(input: DesktopCallInput<'contactTickets'>): Out<'contactTickets'> {
    return this.run('contactTickets', input, ({ contactId }) => this.server.contactTickets(contactId));
  }

  templates(input: DesktopCallInput<'templates'>): Out<'templates'> {
    return this.run('templates', input, ({ numberId }) => this.server.templates(numberId));
  }

  transferTargets(input: DesktopCallInput<'transferTargets'>): Out<'transferTargets'> {
    return this.run('transferTargets', input, ({ numberId }) => this.server.transferTargets(numberId, this.me));
  }

  tags(input: DesktopCallInput<'tags'> = {}): Out<'tags'> {
    return this.run('tags', input, ({ numberId }) => this.server.tags(numberId));
  }

  mediaUrl(input: DesktopCallInput<'mediaUrl'>): Out<'mediaUrl'> {
    return this.run('mediaUrl', input, async ({ mediaId }) => ({ url: await this.server.mediaUrl(mediaId) }));
  }

  // ---- actions through the outbox ----------------------------------------------------------------

  sendText(input: DesktopCallInput<'sendText'>): Out<'sendText'> {
    return this.run('sendText', input, ({ ticketId, text, replyTo }) => this.engine.sendText(ticketId, text, replyTo ? { replyTo } : {}));
  }

  sendMedia(input: DesktopCallInput<'sendMedia'>): Out<'sendMedia'> {
    return this.run('sendMedia', input, ({ ticketId, ...media }) => this.engine.sendMedia(ticketId, withoutUndefined(media)));
  }

  addNote(input: DesktopCallInput<'addNote'>): Out<'addNote'> {
    return this.run('addNote', input, ({ target, text }) => this.engine.addNote(target, text));
  }

  closeTicket(input: DesktopCallInput<'closeTicket'>): Out<'closeTicket'> {
    return this.run('closeTicket', input, ({ ticketId, tags }) => this.engine.closeTicket(ticketId, tags));
  }

  reopenTicket(input: DesktopCallInput<'reopenTicket'>): Out<'reopenTicket'> {
    return this.run('reopenTicket', input, ({ ticketId }) => this.engine.reopenTicket(ticketId));
  }

  transferTicket(input: DesktopCallInput<'transferTicket'>): Out<'transferTicket'> {
    return this.run('transferTicket', input, ({ ticketId, to }) => this.engine.transferTicket(ticketId, to));
  }

  markRead(input: DesktopCallInput<'markRead'>): Out<'markRead'> {
    return this.run('markRead', input, ({ ticketId, upTo }) => this.engine.markRead(ticketId, upTo));
  }

  setStatus(input: DesktopCallInput<'setStatus'>): Out<'setStatus'> {
    return this.run('setStatus', input, ({ status }) => {
      const item = this.engine.setStatus(status);
      this.emitState();
      return item;
    });
  }

  retryItem(input: DesktopCallInput<'retryItem'>): Out<'retryItem'> {
    return this.run('retryItem', input, ({ id }) => this.engine.retry(id));
  }

  editItem(input: DesktopCallInput<'editItem'>): Out<'editItem'> {
    return this.run('editItem', input, ({ id, ...changes }) => this.engine.edit(id, withoutUndefined(changes)));
  }

  discardItem(input: DesktopCallInput<'discardItem'>): Out<'discardItem'> {
    return this.run('discardItem', input, ({ id }) => this.engine.discard(id));
  }

  // ---- actions that need the server now ----------------------------------------------------------

  uploadMedia(input: DesktopCallInput<'uploadMedia'>): Out<'uploadMedia'> {
    return this.run('uploadMedia', input, async ({ numberId, ...file }) => {
      const target = numberId ?? this.settings.lastNumberId;
      if (!target) throw new DeskError('invalid_input', 'Choose a number before attaching a file: the file belongs to the number that sends it.');
      return { mediaId: await this.server.uploadMedia(target, file) };
    });
  }

  sendTemplate(input: DesktopCallInput<'sendTemplate'>): Out<'sendTemplate'> {
    return this.run('sendTemplate', input, ({ ticketId, ...fields }) => this.server.sendTemplate(ticketId, fields));
  }

  startConversation(input: DesktopCallInput<'startConversation'>): Out<'startConversation'> {
    return this.run('startConversation', input, ({ numberId, to, ...fields }) => this.server.startConversation(numberId, to, fields));
  }

  // ---- the host ----------------------------------------------------------------------------------

  openExternal(input: DesktopCallInput<'openExternal'>): Out<'openExternal'> {
    return this.run('openExternal', input, async ({ url }) => {
      if (new URL(url).protocol !== 'https:') throw new DeskError('invalid_input', `Only https links open outside the app (got ${url}).`);
      await this.host.openExternal(url);
    });
  }

  // ---- plumbing ----------------------------------------------------------------------------------

  /** Checks the input against the call's schema, runs it, and turns any failure into a DeskError. */
  private async run<K extends DesktopCallName, T>(name: K, input: unknown, fn: (input: Input<K>) => T | Promise<T>): Promise<T> {
    const parsed = desktopCalls[name].input.safeParse(input ?? {});
    if (!parsed.success) throw asDeskError(parsed.error);
    try {
      return await fn(parsed.data as Input<K>);
    } catch (err) {
      throw asDeskError(err);
    }
  }

  private state(): DesktopState {
    const session = this.store.getSession();
    const me = this.me && session && this.me.user.id === session.userId ? this.me : null;
    // The agent's status as it stands now (their own unsent change first), not as /me last said.
    const status = me ? (this.engine.query.agentStatus(me.user.id) ?? me.user.status) : null;
    return {
      platform: this.host.platform,
      appVersion: this.host.appVersion,
      engine: this.engine.status,
      session: session ? { userId: session.userId, userName: session.userName, baseUrl: session.baseUrl } : null,
      me: me && status ? { ...me, user: { ...me.user, status } } : me,
      settings: this.settings,
    };
  }

  private emitState(): void {
    const state = this.state();
    const key = JSON.stringify(state);
    if (key === this.lastState) return;
    this.lastState = key;
    this.emit('state', state);
  }

  private changed(changes: StoreChange[]): void {
    this.unread.changed(changes);
    if (changes.length > 0) this.emit('changes', changes);
    // An access change means other numbers or queues: /me tells which.
    if (changes.some((c) => c.entity === 'number')) void this.reloadMe();
    this.emitState();
  }

  private async reloadMe(): Promise<void> {
    try {
      this.keepMe(await this.server.me());
    } catch {
      // Offline or refused: the kept copy stays; the next connect tries again.
    }
  }

  private keepMe(me: MeResponse): void {
    if (me.user.id !== this.store.getSession()?.userId) return;
    this.me = me;
    this.saveState();
    this.emitState();
  }

  private forgetMe(): void {
    if (!this.me) return;
    this.me = null;
    this.saveState();
  }

  private saveState(): void {
    const saved = { settings: this.settings, me: this.me };
    this.persist(() => this.host.state.save(saved), 'the settings');
  }

  private persist(save: () => void | Promise<void> | undefined, what: string): void {
    const warn = this.host.warn ?? ((message: string, err: unknown) => console.warn(message, err));
    try {
      void Promise.resolve(save()).catch((err: unknown) => warn(`Could not save ${what}`, err));
    } catch (err) {
      warn(`Could not save ${what}`, err);
    }
  }

  private emit<E extends DesktopEventName>(event: E, payload: DesktopEvents[E]): void {
    for (const l of [...(this.listeners.get(event) ?? [])]) {
      try {
        (l as (p: DesktopEvents[E]) => void)(payload);
      } catch (err) {
        console.error(`desk service: a "${event}" listener failed`, err);
      }
    }
  }
}

/** `https://host:port/` → `https://host:port`; null when it is not an http(s) address. */
export function normalizeBaseUrl(raw: string): string | null {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname) return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function withoutUndefined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
