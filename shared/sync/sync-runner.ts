import { changeSchema, type Change } from '../api/sync';
import { applyChange, putAnswer, type StoreChange } from './apply';
import { backoffDelay, type BackoffOptions } from './backoff';
import { catchUp } from './catch-up';
import { ApiFailure, NetworkFailure, type Http } from './http';
import { loadSnapshot, loadTicketContent, writeSnapshot, type SnapshotOptions } from './snapshot';
import type { LocalStore } from './store';

export interface SyncRunnerDeps {
  store: LocalStore;
  http(): Http | null;
  online(): boolean;
  pageSize: number;
  snapshot: SnapshotOptions;
  cursorRefreshMs: number;
  backoff: BackoffOptions;
  random(): number;
  onChanges(changes: StoreChange[]): void;
  onSnapshot(): void;
  onSyncing(): void;
  onUnauthenticated(): void;
  onNetworkFailure(): void;
  onError(message: string): void;
}

/**
 * Keeps the cache current while online: one catch-up (or snapshot) at a time, live changes
 * applied as they come or buffered while a catch-up runs, and the cursor moved forward after
 * live changes so it never falls far behind.
 */
export class SyncRunner {
  private running = false;
  private again = false;
  private snapshotNeeded = false;
  private failures = 0;
  private buffer: Change[] = [];
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly deps: SyncRunnerDeps) {}

  get syncing(): boolean {
    return this.running;
  }

  /** Catches up (after a reconnect, a refresh, or a snapshot request). */
  request(snapshot = false): void {
    if (snapshot) this.snapshotNeeded = true;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.run();
  }

  /** A `change` socket event. */
  live(raw: unknown): void {
    const parsed = changeSchema.safeParse(raw);
    if (!parsed.success) return;
    if (this.running) this.buffer.push(parsed.data);
    else this.applyLive([parsed.data]);
  }

  /** Offline or signed out: timers off, buffered events dropped (the next catch-up covers them). */
  stop(): void {
    for (const t of [this.refreshTimer, this.retryTimer]) if (t) clearTimeout(t);
    this.refreshTimer = this.retryTimer = null;
    this.buffer = [];
  }

  /** Live changes at or below the cursor are already covered by the catch-up and are ignored. */
  private applyLive(changes: Change[]): void {
    const { store } = this.deps;
    const session = store.getSession();
    if (!session || session.cursor === null) return;
    const cursor = session.cursor;
    let resnapshot = false;
    const hydrate: string[] = [];
    const applied = store.transaction(() => {
      const out: StoreChange[] = [];
      for (const c of changes) {
        if (c.seq <= cursor) continue;
        const outcome = applyChange(store, c, 'live');
        if (outcome.applied) out.push(outcome.applied);
        resnapshot ||= outcome.resnapshot;
        if (outcome.hydrate) hydrate.push(outcome.hydrate);
      }
      return out;
    });
    if (applied.length > 0) this.deps.onChanges(applied);
    if (resnapshot) this.request(true);
    else this.scheduleRefresh();
    if (hydrate.length) void this.hydrate(hydrate);
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer || !this.deps.online()) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      if (this.deps.online()) this.request();
    }, this.deps.cursorRefreshMs);
  }

  private async run(): Promise<void> {
    this.running = true;
    this.deps.onSyncing();
    let ok = false;
    try {
      do {
        this.again = false;
        await this.once();
      } while (this.again && this.deps.online());
      ok = true;
      this.failures = 0;
    } catch (err) {
      this.onError(err);
    } finally {
      this.running = false;
      const buffered = this.buffer;
      this.buffer = [];
      // After a failure the next catch-up covers them; after success they go on top of it.
      if (ok && buffered.length > 0 && this.deps.online()) this.applyLive(buffered);
      // A reconnect asked for another pass while this one was failing: run it.
      if (this.again && this.deps.online()) {
        this.again = false;
        queueMicrotask(() => this.request());
      }
      this.deps.onSyncing();
    }
  }

  private async once(): Promise<void> {
    const http = this.deps.http();
    const session = this.deps.store.getSession();
    if (!http || !session || !this.deps.online()) return;
    if (this.snapshotNeeded || session.cursor === null) await this.snapshot(http, session.baseUrl);
    for (let round = 0; round < 2; round++) {
      const result = await catchUp({ http, store: this.deps.store, pageSize: this.deps.pageSize, onApplied: (c) => this.deps.onChanges(c) });
      if (result.kind === 'aborted') return;
      if (result.kind === 'done') {
        if (result.hydrate.length) void this.hydrate(result.hydrate);
        if (result.resnapshot) {
          this.snapshotNeeded = true;
          this.again = true;
        }
        return;
      }
      await this.snapshot(http, session.baseUrl);
    }
    throw new Error('The server asked for a snapshot again right after one: will retry later');
  }

  private async snapshot(http: Http, baseUrl: string): Promise<void> {
    this.snapshotNeeded = false;
    const snap = await loadSnapshot(http, this.deps.snapshot);
    const session = this.deps.store.getSession();
    // Signed out, or another user, while it loaded: it is not this cache's any more.
    if (!session || session.userId !== snap.me.user.id || this.deps.http() !== http) return;
    writeSnapshot(this.deps.store, snap, baseUrl);
    this.deps.onSnapshot();
  }

  /** Loads the messages and notes of tickets that came back into view (the feed does not replay them). */
  private async hydrate(ticketIds: string[]): Promise<void> {
    const { store } = this.deps;
    const http = this.deps.http();
    if (!http) return;
    for (const id of ticketIds) {
      try {
        const content = await loadTicketContent(http, id, this.deps.snapshot.messagesPerTicket);
        const changes = store.transaction(() => {
          const out: StoreChange[] = [];
          const base = { op: 'upsert' as const, ticketId: id, seq: null, source: 'catch-up' as const };
          for (const m of content.messages) if (putAnswer(store, 'message', m.id, m, null)) out.push({ ...base, entity: 'message', id: m.id, numberId: m.numberId });
          for (const n of content.notes) if (putAnswer(store, 'note', n.id, n, null)) out.push({ ...base, entity: 'note', id: n.id, numberId: n.numberId });
          return out;
        });
        if (changes.length > 0) this.deps.onChanges(changes);
      } catch {
        // Best effort: the ticket's content also loads when it is opened.
      }
    }
  }

  private onError(err: unknown): void {
    if (err instanceof ApiFailure && err.status === 401) return this.deps.onUnauthenticated();
    this.deps.onError(err instanceof Error ? err.message : String(err));
    if (err instanceof NetworkFailure) this.deps.onNetworkFailure();
    if (!this.deps.online()) return;
    const delay = backoffDelay(this.failures++, this.deps.backoff, this.deps.random);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.deps.online()) this.request();
    }, delay);
  }
}
