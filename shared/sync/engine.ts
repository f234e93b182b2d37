import { loginResponseSchema, type User } from '../api/auth';
import type { AgentStatus } from '../api/common';
import type { OutboxAction } from './actions';
import type { StoreChange } from './apply';
import { defaultBackoff, type BackoffOptions } from './backoff';
import { Connection, type ConnectionEvent, type IoFactory } from './connection';
import { Emitter } from './events';
import { Flusher, type OutboxEvent } from './flusher';
import { ApiFailure, Http, NetworkFailure, type FetchFn, type RequestOptions } from './http';
import { MAX_ITEM_AGE_MS } from './outbox';
import { OutboxWriter } from './outbox-writer';
import { Queries } from './queries';
import { defaultSnapshotOptions, type SnapshotOptions } from './snapshot';
import type { LocalStore, OutboxItem } from './store';
import { SyncRunner } from './sync-runner';

export type ConnectionState = 'connecting' | 'online' | 'offline' | 'needs-sign-in' | 'signed-out';

export interface EngineStatus {
  state: ConnectionState;
  /** A catch-up or snapshot is running. */
  syncing: boolean;
  /** Outbox items not yet accepted by the server (failed ones included). */
  pending: number;
  failed: number;
  userId: string | null;
  /** Why the last connection or sync attempt failed, for a status line. */
  lastError: string | null;
}

export interface SessionInfo {
  baseUrl: string;
  token: string;
  expiresAt: string;
  user: User;
}

export interface EngineEvents {
  status: [EngineStatus];
  /** Rows that changed in the store, in the order they changed. */
  changes: [StoreChange[]];
  /** The cache was replaced or wiped: reload every view. */
  reset: ['snapshot' | 'signed-out' | 'user-changed'];
  /** A new token: the host keeps it (safeStorage) and passes it to `resume` next time. */
  session: [SessionInfo];
  outbox: [OutboxEvent];
}

export interface EngineOptions {
  store: LocalStore;
  fetch?: FetchFn;
  /** socket.io-client's `io` (tests may wrap it). */
  io?: IoFactory;
  now?: () => number;
  random?: () => number;
  /** Reconnects, sync retries and retryable outbox failures. */
  backoff?: Partial<BackoffOptions>;
  /** Lanes (tickets) sent in parallel. */
  outboxConcurrency?: number;
  /** Changes per /sync page. */
  pageSize?: number;
  requestTimeoutMs?: number;
  connectTimeoutMs?: number;
  snapshot?: Partial<SnapshotOptions>;
  /** While online, the cursor is moved forward this long after live changes arrive. */
  cursorRefreshMs?: number;
  maxItemAgeMs?: number;
  transports?: Array<'websocket' | 'polling'>;
}

export type SignInResult =
  | { ok: true; user: User; token: string; expiresAt: string; wipedPreviousUser: boolean }
  | { ok: false; code: string; message: string };

export type SignOutResult = { ok: true } | { ok: false; pending: number };

export type NoteTargetRef = { ticketId: string } | { contactId: string };

/**
 * The client sync engine: one connection, the local cache kept current from the change feed,
 * and the outbox sent exactly once. Environment-neutral: the host gives it a LocalStore and
 * tells it about the network; everything else happens here.
 */
export class SyncEngine {
  readonly query: Queries;
  private readonly store: LocalStore;
  private readonly events = new Emitter<EngineEvents>();
  private readonly flusher: Flusher;
  private readonly writer: OutboxWriter;
  private readonly runner: SyncRunner;
  private readonly backoff: BackoffOptions;
  private readonly random: () => number;
  private state: ConnectionState;
  private token: string | null = null;
  private http: Http | null = null;
  private connection: Connection | null = null;
  private lastError: string | null = null;
  private lastStatus = '';

  constructor(private readonly opts: EngineOptions) {
    this.store = opts.store;
    this.query = new Queries(this.store);
    const now = opts.now ?? (() => Date.now());
    this.random = opts.random ?? Math.random;
    this.backoff = { ...defaultBackoff, ...opts.backoff };
    this.state = this.store.getSession() ? 'needs-sign-in' : 'signed-out';
    const onChanges = (c: StoreChange[]) => this.changed(c);
    const onOutbox = (e: OutboxEvent) => this.events.emit('outbox', e);
    this.flusher = new Flusher({
      store: this.store,
      http: () => this.http,
      userId: () => this.store.getSession()?.userId ?? null,
      now,
      random: this.random,
      backoff: this.backoff,
      concurrency: opts.outboxConcurrency ?? 4,
      maxItemAgeMs: opts.maxItemAgeMs ?? MAX_ITEM_AGE_MS,
      onChanges,
      onOutbox,
      onUnauthenticated: () => this.toNeedsSignIn('the session is no longer valid'),
      onNetworkFailure: () => this.connection?.suspect(),
    });
    this.writer = new OutboxWriter({ store: this.store, now, isInFlight: (id) => this.flusher.isInFlight(id), onChanges, onOutbox, kick: () => this.flusher.kick() });
    this.runner = new SyncRunner({
      store: this.store,
      http: () => this.http,
      online: () => this.state === 'online',
      pageSize: opts.pageSize ?? 500,
      snapshot: { ...defaultSnapshotOptions, ...opts.snapshot },
      cursorRefreshMs: opts.cursorRefreshMs ?? 30_000,
      backoff: this.backoff,
      random: this.random,
      onChanges,
      onSnapshot: () => this.events.emit('reset', 'snapshot'),
      onSyncing: () => this.emitStatus(),
      onUnauthenticated: () => this.toNeedsSignIn('the session is no longer valid'),
      onNetworkFailure: () => this.connection?.suspect(),
      onError: (message) => (this.lastError = message),
    });
    // An item on the wire when the app stopped may or may not have arrived: it is simply sent again.
    this.store.transaction(() => {
      for (const item of this.store.outbox()) if (item.status === 'sending') this.store.putOutboxItem({ ...item, status: 'pending' });
    });
  }

  // ---- status and events ---------------------------------------------------------------------

  get status(): EngineStatus {
    const items = this.store.outbox();
    return {
      state: this.state,
      syncing: this.runner.syncing,
      pending: items.length,
      failed: items.filter((i) => i.status === 'failed').length,
      userId: this.store.getSession()?.userId ?? null,
      lastError: this.lastError,
    };
  }

  subscribe(listener: (status: EngineStatus) => void): () => void {
    return this.events.on('status', listener);
  }

  on<K extends keyof EngineEvents>(event: K, listener: (...args: EngineEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  // ---- session -------------------------------------------------------------------------------

  /**
   * Signs in. The same user as the cached one keeps the cache and the outbox, which then goes
   * out; another user (or another server) first wipes the previous user's data.
   */
  async signIn(baseUrl: string, email: string, password: string): Promise<SignInResult> {
    const url = baseUrl.replace(/\/+$/, '');
    let res;
    try {
      res = await this.makeHttp(url, () => null).request('POST', '/api/v1/auth/login', { body: { email, password }, schema: loginResponseSchema });
    } catch (err) {
      if (err instanceof ApiFailure) return { ok: false, code: err.code, message: err.message };
      return { ok: false, code: 'network', message: err instanceof Error ? err.message : String(err) };
    }
    const previous = this.store.getSession();
    const same = previous !== null && previous.userId === res.user.id && previous.baseUrl === url;
    this.stopOnline();
    if (previous && !same) {
      this.store.transaction(() => this.store.clearAll());
      this.events.emit('reset', 'user-changed');
    }
    this.store.transaction(() =>
      this.store.setSession(same ? { ...previous, userName: res.user.name } : { userId: res.user.id, userName: res.user.name, orgId: '', baseUrl: url, cursor: null }),
    );
    this.events.emit('session', { baseUrl: url, token: res.token, expiresAt: res.expiresAt, user: res.user });
    this.connect(url, res.token);
    return { ok: true, user: res.user, token: res.token, expiresAt: res.expiresAt, wipedPreviousUser: previous !== null && !same };
  }

  /** Starts with a token kept from an earlier sign-in (app start). False when there is no session to resume. */
  resume(token: string): boolean {
    const session = this.store.getSession();
    if (!session) return false;
    this.stopOnline();
    this.connect(session.baseUrl, token);
    return true;
  }

  /**
   * Signs out and wipes this user's cache. With unsent items it refuses (answering how many)
   * unless told to discard them.
   */
  async signOut(opts: { discardPending?: boolean } = {}): Promise<SignOutResult> {
    const pending = this.store.outbox().length;
    if (pending > 0 && !opts.discardPending) return { ok: false, pending };
    const http = this.http;
    const hadToken = this.token !== null;
    this.stopOnline();
    // Best effort: offline, the session on the server simply expires.
    if (http && hadToken) await http.request('POST', '/api/v1/auth/logout', { body: {} }).catch(() => undefined);
    this.token = null;
    this.http = null;
    this.store.transaction(() => this.store.clearAll());
    this.setState('signed-out');
    this.events.emit('reset', 'signed-out');
    return { ok: true };
  }

  /** Catches up now (a "refresh" button; otherwise it happens on its own). */
  refresh(): void {
    if (this.state === 'online') this.runner.request();
  }

  /** The OS reports the network back (reconnect now) or gone. */
  networkChanged(online: boolean): void {
    this.connection?.networkChanged(online);
  }

  /** Stops the connection and timers, keeping everything stored (app quit, tests). */
  async close(): Promise<void> {
    this.stopOnline();
    await this.flusher.settle();
  }

  // ---- online calls --------------------------------------------------------------------------

  /**
   * A REST call with the session's token, for what needs the server now (reads the cache does not
   * hold, uploads, templates). Throws ApiFailure `offline` when there is no connection (or none
   * is being made); a network failure becomes `offline` too; a refused token moves to needs-sign-in.
   */
  async request<T = unknown>(method: string, path: string, options: RequestOptions<T> = {}): Promise<T> {
    const http = this.http;
    if (!http || (this.state !== 'online' && this.state !== 'connecting')) throw offlineFailure();
    try {
      return await http.request(method, path, options);
    } catch (err) {
      if (err instanceof NetworkFailure) {
        this.connection?.suspect();
        throw offlineFailure(err.message);
      }
      if (err instanceof ApiFailure && err.unauthenticated) this.toNeedsSignIn('the session is no longer valid');
      throw err;
    }
  }

  /** The backend the session belongs to (for absolute media URLs); null when signed out. */
  get baseUrl(): string | null {
    return this.store.getSession()?.baseUrl ?? null;
  }

  // ---- outbox --------------------------------------------------------------------------------

  sendText(ticketId: string, text: string, opts: { replyTo?: string } = {}): OutboxItem {
    return this.writer.enqueue({ type: 'send_text', ticketId, text, ...(opts.replyTo ? { replyTo: opts.replyTo } : {}) });
  }

  /** `mediaId` from POST /api/v1/media (uploaded while online). */
  sendMedia(ticketId: string, media: { mediaId: string; caption?: string; replyTo?: string; mimeType?: string; filename?: string }): OutboxItem {
    return this.writer.enqueue({ type: 'send_media', ticketId, ...media });
  }

  addNote(target: NoteTargetRef, text: string): OutboxItem {
    const t = 'ticketId' in target ? { kind: 'ticket' as const, id: target.ticketId } : { kind: 'contact' as const, id: target.contactId };
    return this.writer.enqueue({ type: 'add_note', target: t, text });
  }

  closeTicket(ticketId: string, tags: string[] = []): OutboxItem {
    return this.writer.enqueue({ type: 'close', ticketId, tags });
  }

  reopenTicket(ticketId: string): OutboxItem {
    return this.writer.enqueue({ type: 'reopen', ticketId });
  }

  transferTicket(ticketId: string, to: { userId: string } | { queueId: string }): OutboxItem {
    return this.writer.enqueue({ type: 'transfer', ticketId, to });
  }

  markRead(ticketId: string, upTo: string): OutboxItem {
    return this.writer.enqueue({ type: 'mark_read', ticketId, upTo });
  }

  /** A newer status change replaces any earlier one not yet sent. */
  setStatus(status: AgentStatus): OutboxItem {
    return this.writer.enqueue({ type: 'set_status', status });
  }

  /** Any action, as stored (for hosts that relay actions from another process). */
  enqueue(action: OutboxAction): OutboxItem {
    return this.writer.enqueue(action);
  }

  /** Sends a failed item again (its lane resumes behind it). */
  retry(itemId: string): boolean {
    return this.writer.retry(itemId);
  }

  /** Changes the text, caption or tags of an item that cannot have reached the server; it keeps its place. */
  edit(itemId: string, changes: { text?: string; caption?: string; tags?: string[] }): boolean {
    return this.writer.edit(itemId, changes);
  }

  /** Drops an item that is not on the wire, with its optimistic row. */
  discard(itemId: string): boolean {
    return this.writer.discard(itemId);
  }

  // ---- connection ----------------------------------------------------------------------------

  private makeHttp(baseUrl: string, token: () => string | null): Http {
    return new Http({ baseUrl, token, timeoutMs: this.opts.requestTimeoutMs ?? 15_000, ...(this.opts.fetch ? { fetch: this.opts.fetch } : {}) });
  }

  private connect(baseUrl: string, token: string): void {
    this.token = token;
    this.http = this.makeHttp(baseUrl, () => this.token);
    this.lastError = null;
    this.setState('connecting');
    this.connection = new Connection({
      baseUrl,
      token,
      backoff: this.backoff,
      random: this.random,
      connectTimeoutMs: this.opts.connectTimeoutMs ?? 10_000,
      transports: this.opts.transports ?? ['websocket'],
      ...(this.opts.io ? { io: this.opts.io } : {}),
      onEvent: (e) => this.onConnection(e),
    });
    this.connection.start();
  }

  private onConnection(e: ConnectionEvent): void {
    switch (e.type) {
      case 'connecting':
        if (this.state !== 'online') this.setState('connecting');
        return;
      case 'connected':
        this.lastError = null;
        this.setState('online');
        this.runner.request();
        this.flusher.start();
        return;
      case 'disconnected':
        this.flusher.stop();
        this.runner.stop();
        this.lastError = e.reason;
        this.setState('offline');
        return;
      case 'unauthorized':
        this.toNeedsSignIn(e.reason);
        return;
      case 'change':
        this.runner.live(e.change);
    }
  }

  /** Keeps the cache and the outbox; waits for `signIn` (or `resume` with a new token). */
  private toNeedsSignIn(reason: string): void {
    this.stopOnline();
    this.token = null;
    this.lastError = reason;
    this.setState('needs-sign-in');
  }

  private stopOnline(): void {
    this.connection?.stop();
    this.connection = null;
    this.flusher.stop();
    this.runner.stop();
  }

  // ---- plumbing ------------------------------------------------------------------------------

  private changed(changes: StoreChange[]): void {
    if (changes.length > 0) this.events.emit('changes', changes);
    this.emitStatus();
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    this.emitStatus();
  }

  private emitStatus(): void {
    const s = this.status;
    const key = JSON.stringify(s);
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    this.events.emit('status', s);
  }
}

function offlineFailure(detail?: string): ApiFailure {
  const message = 'You are offline: this needs a connection to the server. Try again once the app is back online.';
  return new ApiFailure(0, 'offline', detail ? `${message} (${detail})` : message, true);
}
