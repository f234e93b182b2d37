import { uuidv7 } from '../uuid';
import { laneOf, outboxActionSchema, type OutboxAction } from './actions';
import type { StoreChange } from './apply';
import { outboxChange, type OutboxEvent } from './flusher';
import { optimisticRowFor } from './optimistic';
import { nextOrder, supersededStatusItems } from './outbox';
import type { LocalStore, OutboxItem } from './store';

export interface OutboxWriterDeps {
  store: LocalStore;
  now(): number;
  isInFlight(id: string): boolean;
  onChanges(changes: StoreChange[]): void;
  onOutbox(event: OutboxEvent): void;
  /** Something new to send. */
  kick(): void;
}

/** What the agent does to the outbox: queue an action, and retry, edit or discard an item. */
export class OutboxWriter {
  constructor(private readonly deps: OutboxWriterDeps) {}

  /** The item and its optimistic row in one transaction; an older unsent status change goes. */
  enqueue(input: OutboxAction): OutboxItem {
    const { store } = this.deps;
    const session = store.getSession();
    if (!session) throw new Error('Sign in before acting: there is no session to queue this for.');
    const action = outboxActionSchema.parse(input);
    const now = this.deps.now();
    const { item, dropped } = store.transaction(() => {
      const item: OutboxItem = { id: uuidv7(now), order: nextOrder(store.outbox()), lane: laneOf(action), action, status: 'pending', attempts: 0, error: null, createdAt: now };
      store.putOutboxItem(item);
      store.putOptimistic(optimisticRowFor(store, item, session));
      const dropped: OutboxItem[] = [];
      if (action.type === 'set_status') {
        const items = store.outbox();
        const onWire = new Set(items.filter((i) => this.deps.isInFlight(i.id)).map((i) => i.id));
        for (const id of supersededStatusItems(items, onWire)) {
          dropped.push(store.getOutboxItem(id)!);
          store.removeOutboxItem(id);
          store.removeOptimistic(id);
        }
      }
      return { item, dropped };
    });
    for (const d of dropped) this.deps.onOutbox({ item: d, outcome: 'dropped', error: null });
    this.deps.onChanges([...dropped.map((d) => outboxChange(d, 'delete')), outboxChange(item, 'upsert')]);
    this.deps.kick();
    return item;
  }

  /** Sends a failed item again (its lane resumes behind it). */
  retry(itemId: string): boolean {
    const item = this.deps.store.getOutboxItem(itemId);
    if (!item || item.status !== 'failed') return false;
    // A clientId the server refused as reused can never pass: the retry gets a fresh one.
    const fresh = item.error?.code === 'idempotency_key_reused';
    // An expired item is sent anyway when the agent asks: it counts as made now.
    const createdAt = item.error?.code === 'expired' ? this.deps.now() : item.createdAt;
    this.replace(item, { ...item, id: fresh ? uuidv7(this.deps.now()) : item.id, status: 'pending', error: null, attempts: 0, createdAt });
    return true;
  }

  /**
   * Changes the text (message, note), caption or tags of an item that cannot have reached the
   * server (failed, or never tried). It keeps its place and gets a new clientId.
   */
  edit(itemId: string, changes: { text?: string; caption?: string; tags?: string[] }): boolean {
    const item = this.deps.store.getOutboxItem(itemId);
    if (!item || this.deps.isInFlight(itemId) || (item.status !== 'failed' && item.attempts > 0)) return false;
    const a = item.action;
    let action: OutboxAction;
    if ((a.type === 'send_text' || a.type === 'add_note') && changes.text !== undefined) action = { ...a, text: changes.text };
    else if (a.type === 'send_media' && changes.caption !== undefined) action = { ...a, caption: changes.caption };
    else if (a.type === 'close' && changes.tags !== undefined) action = { ...a, tags: changes.tags };
    else return false;
    this.replace(item, { ...item, id: uuidv7(this.deps.now()), action: outboxActionSchema.parse(action), status: 'pending', error: null, attempts: 0 });
    return true;
  }

  /** Drops an item that is not on the wire, with its optimistic row. */
  discard(itemId: string): boolean {
    const { store } = this.deps;
    const item = store.getOutboxItem(itemId);
    if (!item || this.deps.isInFlight(itemId)) return false;
    store.transaction(() => {
      store.removeOutboxItem(itemId);
      store.removeOptimistic(itemId);
    });
    this.deps.onChanges([outboxChange(item, 'delete')]);
    this.deps.kick();
    return true;
  }

  private replace(old: OutboxItem, next: OutboxItem): void {
    const { store } = this.deps;
    const session = store.getSession();
    if (!session) return;
    store.transaction(() => {
      store.removeOutboxItem(old.id);
      store.removeOptimistic(old.id);
      store.putOutboxItem(next);
      store.putOptimistic(optimisticRowFor(store, next, session));
    });
    this.deps.onChanges(old.id === next.id ? [outboxChange(next, 'upsert')] : [outboxChange(old, 'delete'), outboxChange(next, 'upsert')]);
    this.deps.kick();
  }
}
