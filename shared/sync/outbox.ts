import type { OutboxItem } from './store';

/**
 * Pure rules of the outbox: which items go next, which are dropped, which are too old.
 *
 * Policy: items of one lane (a ticket, a contact, or the agent's own status) go one at a time,
 * in the order the agent made them. A permanent failure stops its lane until the agent retries,
 * edits or discards the failed item: what came after it (a message after a refused one, a close
 * after an unsent reply) may depend on it, so sending on would reorder the conversation. Other
 * lanes are never held up.
 */

/** The server forgets clientIds after 7 days; past this age a resend could run an action twice. */
export const MAX_ITEM_AGE_MS = 6 * 24 * 3600_000;

export function nextOrder(items: readonly OutboxItem[]): number {
  let max = 0;
  for (const i of items) if (i.order > max) max = i.order;
  return max + 1;
}

/**
 * Status changes that a newer status change makes pointless: every earlier one that is not on
 * the wire right now (`inFlight`). Answered ids are dropped, not sent.
 */
export function supersededStatusItems(items: readonly OutboxItem[], inFlight: ReadonlySet<string>): string[] {
  const statuses = items.filter((i) => i.action.type === 'set_status').sort((a, b) => a.order - b.order);
  const newest = statuses[statuses.length - 1];
  if (!newest) return [];
  return statuses.filter((i) => i !== newest && !inFlight.has(i.id)).map((i) => i.id);
}

export interface RunnableOptions {
  /** Lanes with an item on the wire. */
  busyLanes: ReadonlySet<string>;
  now: number;
  /** Earliest time an item may be tried again (after a retryable failure). */
  notBefore: ReadonlyMap<string, number>;
}

/** The head item of every lane that may be sent now, oldest first. */
export function runnableItems(items: readonly OutboxItem[], opts: RunnableOptions): OutboxItem[] {
  const heads = laneHeads(items);
  return [...heads.values()]
    .filter((i) => !opts.busyLanes.has(i.lane) && i.status !== 'failed' && (opts.notBefore.get(i.id) ?? 0) <= opts.now)
    .sort((a, b) => a.order - b.order);
}

/** The earliest moment a waiting (retryable) head becomes runnable, or null if none waits. */
export function nextWake(items: readonly OutboxItem[], opts: RunnableOptions): number | null {
  let wake: number | null = null;
  for (const head of laneHeads(items).values()) {
    if (opts.busyLanes.has(head.lane) || head.status === 'failed') continue;
    const at = opts.notBefore.get(head.id) ?? 0;
    if (at > opts.now && (wake === null || at < wake)) wake = at;
  }
  return wake;
}

/** Items stuck behind a failed item of their lane. */
export function blockedItems(items: readonly OutboxItem[]): OutboxItem[] {
  const heads = laneHeads(items);
  return items.filter((i) => {
    const head = heads.get(i.lane);
    return head !== undefined && head !== i && head.status === 'failed';
  });
}

export function isExpired(item: OutboxItem, now: number, maxAgeMs = MAX_ITEM_AGE_MS): boolean {
  return now - item.createdAt > maxAgeMs;
}

function laneHeads(items: readonly OutboxItem[]): Map<string, OutboxItem> {
  const heads = new Map<string, OutboxItem>();
  for (const i of items) {
    const head = heads.get(i.lane);
    if (!head || i.order < head.order) heads.set(i.lane, i);
  }
  return heads;
}
