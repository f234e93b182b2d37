import { describe, expect, it } from 'vitest';
import type { OutboxAction } from './actions';
import { laneOf, requestFor } from './actions';
import { blockedItems, isExpired, MAX_ITEM_AGE_MS, nextOrder, nextWake, runnableItems, supersededStatusItems } from './outbox';
import type { OutboxItem } from './store';

const T1 = '01900000-0000-7000-8000-000000000001';
const T2 = '01900000-0000-7000-8000-000000000002';
let n = 0;
function item(action: OutboxAction, patch: Partial<OutboxItem> = {}): OutboxItem {
  n += 1;
  return { id: `id-${n}`, order: n, lane: laneOf(action), action, status: 'pending', attempts: 0, error: null, createdAt: 1_000, ...patch };
}
const text = (ticketId: string, t = 'oi') => item({ type: 'send_text', ticketId, text: t });
const status = (s: 'online' | 'paused' | 'invisible', patch: Partial<OutboxItem> = {}) => item({ type: 'set_status', status: s }, patch);
const idle = { busyLanes: new Set<string>(), now: 10_000, notBefore: new Map<string, number>() };

describe('outbox lanes', () => {
  it('sends the oldest item of each lane, one lane at a time, in the order they were made', () => {
    const a1 = text(T1);
    const b1 = text(T2);
    const a2 = text(T1);
    const note = item({ type: 'add_note', target: { kind: 'ticket', id: T1 }, text: 'x' });
    const contactNote = item({ type: 'add_note', target: { kind: 'contact', id: T2 }, text: 'x' });
    const items = [a2, b1, note, a1, contactNote];
    expect(runnableItems(items, idle).map((i) => i.id)).toEqual([a1.id, b1.id, contactNote.id]);
    // The ticket's note waits behind its messages: it shares their lane.
    expect(note.lane).toBe(a1.lane);
    expect(runnableItems(items, { ...idle, busyLanes: new Set([a1.lane]) }).map((i) => i.id)).toEqual([b1.id, contactNote.id]);
  });

  it('holds the rest of a lane behind a failed item, and never other lanes', () => {
    const failed = text(T1, 'refused');
    const after = item({ type: 'close', ticketId: T1, tags: [] });
    const other = text(T2);
    const items = [failed, after, other].map((i) => (i === failed ? { ...i, status: 'failed' as const, error: { code: 'window_closed', message: '…' } } : i));
    expect(runnableItems(items, idle).map((i) => i.id)).toEqual([other.id]);
    expect(blockedItems(items).map((i) => i.id)).toEqual([after.id]);
  });

  it('waits out a retry delay and says when to wake up', () => {
    const a = text(T1);
    const b = text(T2);
    const notBefore = new Map([[a.id, 15_000]]);
    expect(runnableItems([a, b], { ...idle, notBefore }).map((i) => i.id)).toEqual([b.id]);
    expect(nextWake([a, b], { ...idle, notBefore })).toBe(15_000);
    expect(runnableItems([a, b], { ...idle, notBefore, now: 15_000 }).map((i) => i.id)).toEqual([a.id, b.id]);
    expect(nextWake([a], idle)).toBeNull();
  });

  it('numbers new items after every existing one', () => {
    expect(nextOrder([])).toBe(1);
    expect(nextOrder([text(T1, 'a'), { ...text(T1), order: 41 }])).toBe(42);
  });
});

describe('status changes queued offline', () => {
  it('keeps only the newest one', () => {
    const a = status('online');
    const b = status('paused', { status: 'failed', error: { code: 'internal', message: '' } });
    const c = status('invisible');
    expect(supersededStatusItems([c, a, text(T1), b], new Set())).toEqual([a.id, b.id]);
    expect(supersededStatusItems([c], new Set())).toEqual([]);
  });

  it('cannot take back one already on the wire', () => {
    const a = status('online');
    const b = status('paused');
    expect(supersededStatusItems([a, b], new Set([a.id]))).toEqual([]);
  });
});

describe('requests', () => {
  it('uses the item id as clientId and the same body on every attempt', () => {
    const action: OutboxAction = { type: 'transfer', ticketId: T1, to: { queueId: T2 } };
    const first = requestFor(action, 'cid');
    expect(first).toMatchObject({ method: 'POST', path: `/api/v1/tickets/${T1}/transfer`, body: { clientId: 'cid', toQueueId: T2 } });
    expect(JSON.stringify(requestFor(action, 'cid').body)).toBe(JSON.stringify(first.body));
    expect(requestFor({ type: 'set_status', status: 'paused' }, 'c2')).toMatchObject({ method: 'PUT', path: '/api/v1/me/status', body: { clientId: 'c2', status: 'paused' } });
    expect(requestFor({ type: 'add_note', target: { kind: 'contact', id: T2 }, text: 'x' }, 'c3').path).toBe(`/api/v1/contacts/${T2}/notes`);
  });
});

describe('expiry', () => {
  it('gives up on items older than the server remembers clientIds', () => {
    const i = text(T1);
    expect(isExpired(i, i.createdAt + MAX_ITEM_AGE_MS)).toBe(false);
    expect(isExpired(i, i.createdAt + MAX_ITEM_AGE_MS + 1)).toBe(true);
  });
});
