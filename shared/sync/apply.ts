import type { Change } from '../api/sync';
import type { EntityData, EntityKind, LocalStore } from './store';

export type ChangeSource = 'live' | 'catch-up' | 'snapshot' | 'answer' | 'local';

/** What changed in the store, for the UI and notifications. */
export interface StoreChange {
  entity: EntityKind | 'outbox';
  op: 'upsert' | 'delete';
  id: string;
  ticketId: string | null;
  numberId: string | null;
  /** The change-feed sequence, for changes that came from the feed. */
  seq: number | null;
  source: ChangeSource;
}

export interface ApplyOutcome {
  applied: StoreChange | null;
  /** The user's access to a number changed: the lists must be reloaded (a snapshot). */
  resnapshot: boolean;
  /** A ticket came back into view after a tombstone: its messages and notes must be loaded. */
  hydrate: string | null;
}

const none: ApplyOutcome = { applied: null, resnapshot: false, hydrate: null };

/**
 * Applies one change-feed row, inside the caller's transaction. A row whose seq is not above the
 * version held for that entity (row or tombstone) is skipped, so a change is never applied twice
 * and an older state never overwrites a newer one, whichever way (catch-up or live) it came.
 */
export function applyChange(store: LocalStore, change: Change, source: ChangeSource): ApplyOutcome {
  if (change.entity === 'access') {
    const data = change.data;
    if (data?.level === 'none') store.removeNumber(data.numberId);
    return {
      applied: { entity: 'number', op: data?.level === 'none' ? 'delete' : 'upsert', id: data?.numberId ?? change.id, ticketId: null, numberId: data?.numberId ?? null, seq: change.seq, source },
      resnapshot: true,
      hydrate: null,
    };
  }
  const kind: EntityKind = change.entity;
  const held = store.versionOf(kind, change.id);
  if (held !== null && held >= change.seq) return none;
  const ticketId = parentTicket(change);
  if (ticketId && (kind === 'message' || kind === 'note') && store.get('ticket', ticketId) === null) {
    // The ticket left the view after this row was written: do not bring its content back.
    const gone = store.versionOf('ticket', ticketId);
    if (gone !== null && gone > change.seq) return none;
  }
  const base = { entity: kind, id: change.id, ticketId, numberId: change.numberId, seq: change.seq, source };
  if (change.op === 'delete' || change.data === null) {
    store.remove(kind, change.id, change.seq);
    return { applied: { ...base, op: 'delete' }, resnapshot: false, hydrate: null };
  }
  const returning = kind === 'ticket' && held !== null && store.get('ticket', change.id) === null;
  store.put(kind, change.id, change.data as EntityData[typeof kind], change.seq);
  if (change.entity === 'message' && change.data.clientId) {
    // Our own message reached the feed before (or without) the answer: the optimistic copy goes.
    const mine = store.optimistic({ ticketId: change.data.ticketId, kind: 'message' }).find((r) => r.targetId === change.data!.clientId);
    if (mine) store.removeOptimistic(mine.outboxId);
  }
  return { applied: { ...base, op: 'upsert' }, resnapshot: false, hydrate: returning ? change.id : null };
}

function parentTicket(change: Exclude<Change, { entity: 'access' }>): string | null {
  switch (change.entity) {
    case 'ticket':
      return change.id;
    case 'message':
    case 'note':
    case 'read_marker':
      return change.data?.ticketId ?? null;
    default:
      return null;
  }
}

/**
 * Puts a row that came from a REST answer or list (which carries no seq). It replaces the held
 * row only if nothing newer arrived since `versionBefore` was read, and keeps that version, so the
 * feed's own change for it still applies when it comes.
 */
export function putAnswer<K extends EntityKind>(store: LocalStore, kind: K, id: string, data: EntityData[K], versionBefore: number | null): boolean {
  const now = store.versionOf(kind, id);
  if (now !== versionBefore) return false;
  store.put(kind, id, data, versionBefore ?? 0);
  return true;
}
