import { requestFor, ticketOfAction } from './actions';
import type { StoreChange } from './apply';
import { backoffDelay, type BackoffOptions } from './backoff';
import { ApiFailure, NetworkFailure, type Http } from './http';
import { answerTarget, reconcileAnswer } from './optimistic';
import { isExpired, nextWake, runnableItems, supersededStatusItems } from './outbox';
import type { LocalStore, OutboxItem } from './store';

export type OutboxOutcome = 'sent' | 'failed' | 'retry' | 'dropped';

/** One item's fate after an attempt (for the UI and for tests). */
export interface OutboxEvent {
  item: OutboxItem;
  outcome: OutboxOutcome;
  error: { code: string; message: string } | null;
}

export interface FlusherDeps {
  store: LocalStore;
  http(): Http | null;
  userId(): string | null;
  now(): number;
  random(): number;
  backoff: BackoffOptions;
  concurrency: number;
  maxItemAgeMs: number;
  onChanges(changes: StoreChange[]): void;
  onOutbox(event: OutboxEvent): void;
  onUnauthenticated(): void;
  onNetworkFailure(): void;
}

/**
 * Sends the outbox while the engine is online: the head of each lane, up to `concurrency` lanes
 * at once. Every attempt reuses the item's id as `clientId`, so a resend after a lost answer gets
 * the original answer back. Retryable failures wait with backoff; permanent ones mark the item
 * failed and hold its lane only.
 */
export class Flusher {
  private running = false;
  private readonly inFlight = new Map<string, OutboxItem>();
  private readonly notBefore = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly deps: FlusherDeps) {}

  /** Online: send what is due, starting now (earlier waits are forgotten: the server is back). */
  start(): void {
    this.running = true;
    this.notBefore.clear();
    this.pump();
  }

  stop(): void {
    this.running = false;
    this.clearTimer();
  }

  kick(): void {
    if (this.running) this.pump();
  }

  isInFlight(id: string): boolean {
    return this.inFlight.has(id);
  }

  /** Resolves once nothing is on the wire (used when signing out). */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await new Promise((r) => setTimeout(r, 10));
  }

  private pump(): void {
    this.clearTimer();
    if (!this.running) return;
    const { store } = this.deps;
    this.dropSuperseded();
    const now = this.deps.now();
    const opts = { busyLanes: new Set([...this.inFlight.values()].map((i) => i.lane)), now, notBefore: this.notBefore };
    for (const item of runnableItems(store.outbox(), opts)) {
      if (this.inFlight.size >= this.deps.concurrency) break;
      if (isExpired(item, now, this.deps.maxItemAgeMs)) {
        this.fail(item, { code: 'expired', message: 'Not sent in time: the server may no longer recognise a repeat. Retry to send it anyway, or discard it.' });
        continue;
      }
      opts.busyLanes.add(item.lane);
      void this.send(item);
    }
    const wake = nextWake(store.outbox(), opts);
    if (wake !== null) this.timer = setTimeout(() => this.pump(), Math.max(0, wake - now));
  }

  private dropSuperseded(): void {
    const { store } = this.deps;
    const drop = supersededStatusItems(store.outbox(), new Set(this.inFlight.keys()));
    if (drop.length === 0) return;
    const dropped = store.transaction(() =>
      drop.map((id) => {
        const item = store.getOutboxItem(id)!;
        store.removeOutboxItem(id);
        store.removeOptimistic(id);
        return item;
      }),
    );
    for (const item of dropped) this.deps.onOutbox({ item, outcome: 'dropped', error: null });
    this.deps.onChanges(dropped.map((i) => outboxChange(i, 'delete')));
  }

  private async send(queued: OutboxItem): Promise<void> {
    const { store } = this.deps;
    const http = this.deps.http();
    const userId = this.deps.userId();
    if (!http || !userId) return;
    const item: OutboxItem = { ...queued, status: 'sending', attempts: queued.attempts + 1 };
    this.inFlight.set(item.id, item);
    store.transaction(() => store.putOutboxItem(item));
    this.deps.onChanges([outboxChange(item, 'upsert')]);
    const target = answerTarget(store, item.action, userId);
    const req = requestFor(item.action, item.id);
    try {
      const answer = await http.request(req.method, req.path, { body: req.body });
      if (!store.getOutboxItem(item.id)) return; // wiped meanwhile (signed out)
      const parsed = req.answer.safeParse(answer);
      const changes = store.transaction(() =>
        parsed.success
          ? reconcileAnswer(store, item, parsed.data, target.version, userId)
          : (store.removeOutboxItem(item.id), store.removeOptimistic(item.id), [outboxChange(item, 'delete')]),
      );
      this.notBefore.delete(item.id);
      this.deps.onOutbox({ item, outcome: 'sent', error: null });
      this.deps.onChanges(changes);
    } catch (err) {
      if (!store.getOutboxItem(item.id)) return;
      if (err instanceof ApiFailure && err.status === 401) {
        this.requeue(item, 0);
        this.deps.onUnauthenticated();
      } else if (err instanceof ApiFailure && !err.retryable) {
        this.fail(item, { code: err.code, message: err.message });
      } else {
        this.requeue(item, backoffDelay(item.attempts - 1, this.deps.backoff, this.deps.random), err);
        if (err instanceof NetworkFailure) this.deps.onNetworkFailure();
      }
    } finally {
      this.inFlight.delete(item.id);
      this.pump();
    }
  }

  private requeue(item: OutboxItem, delayMs: number, err?: unknown): void {
    const back: OutboxItem = { ...item, status: 'pending' };
    this.deps.store.transaction(() => this.deps.store.putOutboxItem(back));
    this.notBefore.set(item.id, this.deps.now() + delayMs);
    const error = err instanceof ApiFailure ? { code: err.code, message: err.message } : err instanceof Error ? { code: 'network', message: err.message } : null;
    this.deps.onOutbox({ item: back, outcome: 'retry', error });
    this.deps.onChanges([outboxChange(back, 'upsert')]);
  }

  private fail(item: OutboxItem, error: { code: string; message: string }): void {
    const failed: OutboxItem = { ...item, status: 'failed', error };
    this.deps.store.transaction(() => this.deps.store.putOutboxItem(failed));
    this.deps.onOutbox({ item: failed, outcome: 'failed', error });
    this.deps.onChanges([outboxChange(failed, 'upsert')]);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

export function outboxChange(item: OutboxItem, op: 'upsert' | 'delete'): StoreChange {
  return { entity: 'outbox', op, id: item.id, ticketId: ticketOfAction(item.action), numberId: null, seq: null, source: 'local' };
}
