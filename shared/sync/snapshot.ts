import { z } from 'zod';
import { meResponseSchema, type MeResponse } from '../api/auth';
import { pageOf } from '../api/common';
import { messageSchema, type Message } from '../api/messages';
import { noteSchema, quickReplyCategorySchema, type Note, type QuickReplyCategory } from '../api/notes';
import { syncHeadSchema } from '../api/sync';
import { ticketSchema, type Ticket } from '../api/tickets';
import type { Http } from './http';
import type { LocalStore, SessionRecord } from './store';

export interface SnapshotOptions {
  /** Closed tickets kept per number (the most recent). */
  closedTickets: number;
  /** Latest messages loaded per ticket. */
  messagesPerTicket: number;
  /** Requests in parallel while loading. */
  concurrency: number;
}

export const defaultSnapshotOptions: SnapshotOptions = { closedTickets: 50, messagesPerTicket: 50, concurrency: 4 };

export interface Snapshot {
  head: number;
  me: MeResponse;
  tickets: Ticket[];
  messages: Message[];
  notes: Note[];
  quickReplies: QuickReplyCategory[];
}

const ticketPage = pageOf(ticketSchema);
const messagePage = z.object({ items: z.array(messageSchema), hasMore: z.boolean() });
const noteList = z.object({ items: z.array(noteSchema) });
const quickReplyList = z.object({ items: z.array(quickReplyCategorySchema) });

/**
 * Loads what the user may see (docs/sync-protocol.md, "Snapshot procedure"). The head is read
 * first: anything committed later has a higher seq and comes with the catch-up that follows.
 */
export async function loadSnapshot(http: Http, opts: SnapshotOptions): Promise<Snapshot> {
  const { seq: head } = await http.request('GET', '/api/v1/sync/head', { schema: syncHeadSchema });
  const me = await http.request('GET', '/api/v1/me', { schema: meResponseSchema });
  const perNumber = await mapLimit(me.numbers, opts.concurrency, async (n) => [
    ...(await ticketPages(http, `numberId=${n.id}`, Infinity)),
    ...(await ticketPages(http, `numberId=${n.id}&state=closed`, opts.closedTickets)),
  ]);
  const tickets = perNumber.flat();
  const content = await mapLimit(tickets, opts.concurrency, (t) => loadTicketContent(http, t.id, opts.messagesPerTicket));
  const quickReplies = (await http.request('GET', '/api/v1/quick-replies', { schema: quickReplyList })).items;
  return { head, me, tickets, messages: content.flatMap((c) => c.messages), notes: content.flatMap((c) => c.notes), quickReplies };
}

/** Replaces the cache with a snapshot in one transaction; the outbox and optimistic rows stay. */
export function writeSnapshot(store: LocalStore, snap: Snapshot, baseUrl: string): void {
  store.transaction(() => {
    store.clearCache();
    const v = snap.head;
    for (const n of snap.me.numbers) store.put('number', n.id, n, v);
    store.put('agent_status', snap.me.user.id, { userId: snap.me.user.id, status: snap.me.user.status }, v);
    for (const t of snap.tickets) store.put('ticket', t.id, t, v);
    for (const m of snap.messages) store.put('message', m.id, m, v);
    for (const n of snap.notes) store.put('note', n.id, n, v);
    for (const q of snap.quickReplies) store.put('quick_reply_category', q.id, q, v);
    dropSentOptimistic(store, snap.messages);
    const session: SessionRecord = { userId: snap.me.user.id, userName: snap.me.user.name, orgId: snap.me.organization.id, baseUrl, cursor: v };
    store.setSession(session);
  });
}

/** The latest messages and the notes of one ticket. */
export async function loadTicketContent(http: Http, ticketId: string, messages: number): Promise<{ messages: Message[]; notes: Note[] }> {
  const path = `/api/v1/tickets/${encodeURIComponent(ticketId)}`;
  const [m, n] = await Promise.all([
    http.request('GET', `${path}/messages?limit=${Math.min(200, Math.max(1, messages))}`, { schema: messagePage }),
    http.request('GET', `${path}/notes`, { schema: noteList }),
  ]);
  return { messages: m.items, notes: n.items };
}

/** Optimistic messages whose real message is already in the cache. */
export function dropSentOptimistic(store: LocalStore, messages: readonly Message[]): void {
  const sent = new Set(messages.map((m) => m.clientId).filter((c): c is string => c !== null));
  if (sent.size === 0) return;
  for (const row of store.optimistic({ kind: 'message' })) if (sent.has(row.targetId)) store.removeOptimistic(row.outboxId);
}

async function ticketPages(http: Http, query: string, max: number): Promise<Ticket[]> {
  const out: Ticket[] = [];
  if (max <= 0) return out;
  let cursor: string | null = null;
  do {
    const limit = Math.min(200, max - out.length);
    const page: z.infer<typeof ticketPage> = await http.request('GET', `/api/v1/tickets?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { schema: ticketPage });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && out.length < max);
  return out;
}

/** Runs `fn` over `items` with at most `limit` at a time, keeping the order of the results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
