import { DEV_APP_SECRET } from '../server/config';
import { PASSWORD, type ApiClient } from '../server/test/harness';
import { customerMessage, inboundPayload, metaJson } from '../server/whatsapp/webhook/fixtures';
import { signBody } from '../server/whatsapp/webhook/signature';
import type { Message } from '../shared/api/messages';
import type { Note } from '../shared/api/notes';
import type { StoreChange } from '../shared/sync/apply';
import { SyncEngine, type EngineOptions } from '../shared/sync/engine';
import type { OutboxEvent } from '../shared/sync/flusher';
import type { FetchFn } from '../shared/sync/http';
import type { LocalStore } from '../shared/sync/store';

export interface EngineHarness {
  engine: SyncEngine;
  store: LocalStore;
  /** Every outbox outcome, in order. */
  outbox: OutboxEvent[];
  /** Every row the engine changed, in order. */
  applied: StoreChange[];
  resets: string[];
  /** Every HTTP request the engine made, with the answer's status (0 = no answer). */
  requests: Array<{ method: string; path: string; status: number }>;
  token(): string;
}

/** Quick retries so that reconnects and resends happen within a test. */
export const fastEngine: Partial<EngineOptions> = {
  backoff: { baseMs: 50, maxMs: 800 },
  requestTimeoutMs: 8_000,
  connectTimeoutMs: 5_000,
  cursorRefreshMs: 300,
};

export function createEngine(store: LocalStore, opts: Partial<EngineOptions> = {}): EngineHarness {
  const requests: EngineHarness['requests'] = [];
  const recording: FetchFn = async (input, init) => {
    const u = new URL(input);
    const entry = { method: init.method ?? 'GET', path: `${u.pathname}${u.search}`, status: 0 };
    requests.push(entry);
    const res = await fetch(input, init);
    entry.status = res.status;
    return res;
  };
  const engine = new SyncEngine({ store, fetch: recording, ...fastEngine, ...opts });
  let token = '';
  const h: EngineHarness = { engine, store, outbox: [], applied: [], resets: [], requests, token: () => token };
  engine.on('outbox', (e) => h.outbox.push(e));
  engine.on('changes', (c) => h.applied.push(...c));
  engine.on('reset', (r) => h.resets.push(r));
  engine.on('session', (s) => (token = s.token));
  return h;
}

export async function signedIn(h: EngineHarness, url: string, email: string): Promise<void> {
  const r = await h.engine.signIn(url, email, PASSWORD);
  if (!r.ok) throw new Error(`sign-in of ${email} failed: ${r.code} ${r.message}`);
  await settled(h);
}

/** Online, caught up, nothing syncing. */
export function settled(h: EngineHarness, ms = 30_000): Promise<void> {
  return waitUntil(() => {
    const s = h.engine.status;
    return s.state === 'online' && !s.syncing && h.store.getSession()?.cursor != null;
  }, ms, () => `the engine to be online and caught up (now ${JSON.stringify(h.engine.status)})`);
}

export async function waitUntil(pred: () => boolean, ms: number, what: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what()}`);
    await sleep(25);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every message of a ticket in server order, following `before` pages. */
export async function serverMessages(api: ApiClient, ticketId: string): Promise<Message[]> {
  const all: Message[] = [];
  let before: string | undefined;
  for (;;) {
    const r = await api.get<{ items: Message[]; hasMore: boolean }>(`/api/v1/tickets/${ticketId}/messages?limit=200${before ? `&before=${before}` : ''}`);
    if (r.status !== 200) throw new Error(`messages of ${ticketId}: ${r.status}`);
    all.unshift(...r.body.items);
    if (!r.body.hasMore || r.body.items.length === 0) return all;
    before = r.body.items[0]!.id;
  }
}

export async function serverNotes(api: ApiClient, target: { ticketId: string } | { contactId: string }): Promise<Note[]> {
  const path = 'ticketId' in target ? `/api/v1/tickets/${target.ticketId}/notes` : `/api/v1/contacts/${target.contactId}/notes`;
  const r = await api.get<{ items: Note[] }>(path);
  if (r.status !== 200) throw new Error(`notes: ${r.status}`);
  return r.body.items;
}

/** A customer writing `count` messages, delivered as one signed webhook (Meta batches them like this). */
export async function customerBurst(serverUrl: string, phoneNumberId: string, waId: string, count: number, prefix: string): Promise<void> {
  const now = new Date();
  const body = metaJson(inboundPayload({
    phoneNumberId, waId, name: `Cliente ${waId.slice(-4)}`,
    messages: Array.from({ length: count }, (_, i) => customerMessage('text', waId, now, { text: { body: `${prefix} ${i}` } })),
  }));
  const res = await fetch(`${serverUrl}/webhooks/whatsapp`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, DEV_APP_SECRET) }, body,
  });
  if (res.status !== 200) throw new Error(`webhook refused: ${res.status} ${await res.text()}`);
}

/** Uploads a small JPEG for number `numberId` and answers its media id. */
export async function uploadImage(api: ApiClient, numberId: string): Promise<string> {
  const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Array<number>(64).fill(7), 0xff, 0xd9]);
  const res = await fetch(`${api.baseUrl}/api/v1/media?numberId=${numberId}&filename=foto.jpg`, {
    method: 'POST', headers: { authorization: `Bearer ${api.token}`, 'content-type': 'image/jpeg' }, body: bytes,
  });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** The caller's changes after `since`, every page. */
export async function countChanges(api: ApiClient, since: number): Promise<number> {
  let n = 0;
  let cursor = since;
  for (;;) {
    const r = await api.get<{ changes: unknown[]; next: number; hasMore: boolean }>(`/api/v1/sync?since=${cursor}&limit=1000`);
    if (r.status !== 200) throw new Error(`sync: ${r.status}`);
    n += r.body.changes.length;
    cursor = r.body.next;
    if (!r.body.hasMore) return n;
  }
}
