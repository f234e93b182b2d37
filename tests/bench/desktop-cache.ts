import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrations } from '../../main/store/migrations';
import { SqliteStore } from '../../main/store/sqlite-store';
import { previewOf } from '../../server/domain/tickets';
import type { NumberInfo } from '../../shared/api/auth';
import type { Message, MessageType } from '../../shared/api/messages';
import type { Contact, Ticket, TicketState } from '../../shared/api/tickets';
import { agentText, between, customerText, documentName, person, pick, seededRandom, type Person, type Random } from './phrases';

/** Bump when the generated data changes meaning, so cached files of the old shape are not reused. */
const GENERATOR_VERSION = 1;
export const LONG_CONVERSATION = 1_000;
export const SEARCH_WORD = 'pedido';

export interface CachePlan {
  tickets: number;
  messages: number;
  numbers: number;
  /** Open tickets of the signed-in agent with LONG_CONVERSATION messages each. */
  longConversations: number;
}

/** scale 1 = 50,000 tickets and 500,000 messages on 5 numbers (the figure); at least 200 tickets. */
export function cachePlan(scale: number): CachePlan {
  const tickets = Math.max(200, Math.round(50_000 * scale));
  return { tickets, messages: tickets * 10, numbers: 5, longConversations: Math.max(1, Math.round((3 * tickets) / 50_000)) };
}

/** What the probes need to know about a generated cache (written beside it). */
export interface CacheManifest {
  plan: CachePlan;
  userId: string;
  busiestNumberId: string;
  conversationTicketId: string;
  searchWord: string;
  counts: { tickets: number; messages: number; contacts: number; mineOnBusiest: number };
  generatedInMs: number;
}

export interface CacheFiles {
  dir: string;
  db: string;
  manifest: string;
}

/** The folder of a cache of this size, in the system's temporary folder (kept between runs). */
export function cacheFiles(plan: CachePlan): CacheFiles {
  const schema = migrations[migrations.length - 1]!.version;
  const dir = path.join(os.tmpdir(), 'gpd-bench', `desktop-store-${plan.tickets}t-${plan.messages}m-g${GENERATOR_VERSION}-s${schema}`);
  return { dir, db: path.join(dir, 'cache.db'), manifest: path.join(dir, 'manifest.json') };
}

export function readManifest(files: CacheFiles): CacheManifest | null {
  if (!fs.existsSync(files.db) || !fs.existsSync(files.manifest)) return null;
  return JSON.parse(fs.readFileSync(files.manifest, 'utf8')) as CacheManifest;
}

const DAY = 86_400_000;
const END = Date.UTC(2026, 10, 20, 18, 0, 0);
const SPAN = 90 * DAY;
const NUMBER_SHARE = [0.4, 0.25, 0.15, 0.12, 0.08];
const AGENTS_PER_NUMBER = 8;
/** The newest 12 % of each period's tickets are still active (as in server/bench). */
const ACTIVE_FROM = 0.88;
const TAGS = ['Venda', 'Troca', 'Entrega', 'Financeiro', 'Dúvida'];

/** A UUID v7 made from a time and a counter, so the same plan always gives the same ids. */
export function idAt(ms: number, n: number): string {
  const t = Math.floor(ms).toString(16).padStart(12, '0');
  const s = n.toString(16).padStart(18, '0');
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${s.slice(0, 3)}-8${s.slice(3, 6)}-${s.slice(6, 18)}`;
}

/** A contact and who they are; reused for a later ticket only while they have no active one. */
interface ContactSlot { contact: Contact; person: Person }

/**
 * Writes the cache through SqliteStore.put (the sync engine's own path, triggers and all), into
 * `<db>.partial`, renamed only once complete, then the manifest. `log` gets progress lines.
 */
export function generateCache(plan: CachePlan, files: CacheFiles, log: (line: string) => void): CacheManifest {
  const started = Date.now();
  fs.rmSync(files.dir, { recursive: true, force: true });
  fs.mkdirSync(files.dir, { recursive: true });
  const partial = `${files.db}.partial`;
  const store = SqliteStore.open(partial);
  // Loading only: a crash leaves a .partial file that is never used.
  store.db.pragma('synchronous = OFF');
  const rnd = seededRandom(plan.tickets);
  let serial = 0;
  let version = 0;
  const nextId = (ms: number) => idAt(ms, ++serial);
  let pending = 0;
  const counts = { tickets: 0, messages: 0, contacts: 0, mineOnBusiest: 0 };
  const batch: Array<() => void> = [];
  const flush = () => {
    store.transaction(() => batch.forEach((write) => write()));
    batch.length = 0;
    pending = 0;
  };
  const put = (write: () => void) => {
    batch.push(write);
    if (++pending >= 2_000) flush();
  };

  const org = nextId(END - SPAN);
  const me = nextId(END - SPAN);
  const numbers: NumberInfo[] = NUMBER_SHARE.map((_, i) => ({
    id: nextId(END - SPAN), wabaId: `2000000000000${i}`, phoneNumberId: `1000000000000${i}`, displayPhone: `+55 11 4000-000${i + 1}`,
    identification: ['Vendas SP', 'Pós-venda', 'Financeiro', 'Vendas RJ', 'Assistência'][i]!, ownerId: me, quality: 'GREEN',
    access: i === 0 ? 'agent' : i === 1 ? 'full' : 'agent', queues: [{ id: nextId(END - SPAN), name: 'Geral', isDefault: true }],
  }));
  const agentsOf = numbers.map(() => [me, ...Array.from({ length: AGENTS_PER_NUMBER - 1 }, () => nextId(END - SPAN))]);
  store.transaction(() => {
    store.setSession({ userId: me, userName: 'Ana Lima', orgId: org, baseUrl: 'http://127.0.0.1:3100', cursor: null });
    for (const n of numbers) store.put('number', n.id, n, ++version);
  });

  const free: ContactSlot[][] = numbers.map(() => []);
  const contactFor = (numberIndex: number, at: number, active: boolean): ContactSlot => {
    const pool = free[numberIndex]!;
    if (pool.length > 0 && rnd() < 0.35) {
      const slot = pool.splice(Math.floor(rnd() * pool.length), 1)[0]!;
      if (!active) pool.push(slot);
      return slot;
    }
    const p = person(rnd);
    const contact: Contact = {
      id: nextId(at), numberId: numbers[numberIndex]!.id, waId: p.waId, phone: p.phone, name: rnd() < 0.7 ? p.name : null, profileName: p.name.split(' ')[0]!,
      email: rnd() < 0.3 ? `${p.name.split(' ')[0]!.toLowerCase()}@exemplo.com.br` : null, city: p.city, document: null,
      lastInteractionAt: new Date(at).toISOString(), windowExpiresAt: null, createdAt: new Date(at).toISOString(),
    };
    counts.contacts++;
    put(() => store.put('contact', contact.id, contact, ++version));
    const slot = { contact, person: p };
    if (!active) pool.push(slot);
    return slot;
  };

  const writeTicket = (o: { numberIndex: number; createdAt: number; state: TicketState; assigneeId: string | null; closeReason: Ticket['closeReason']; length: number; maxGapS: number }) => {
    const number = numbers[o.numberIndex]!;
    const slot = contactFor(o.numberIndex, o.createdAt, o.state !== 'closed');
    const ticketId = nextId(o.createdAt);
    const assigned = o.assigneeId !== null;
    let at = o.createdAt;
    let lastCustomer: Message | null = null;
    let firstAgentAt: number | null = null;
    let last: Message | null = null;
    for (let i = 0; i < o.length; i++) {
      const fromAgent = assigned && i > 0 && (last?.direction === 'in' ? rnd() < 0.75 : rnd() < 0.3);
      const m = message(rnd, { id: nextId(at), ticketId, numberId: number.id, at, fromAgent, authorId: fromAgent ? o.assigneeId : null, name: slot.person.name, closed: o.state === 'closed' });
      if (fromAgent) firstAgentAt ??= at;
      else lastCustomer = m;
      last = m;
      counts.messages++;
      put(() => store.put('message', m.id, m, ++version));
      at += between(rnd, 20, o.maxGapS) * 1000;
    }
    const lastAt = Date.parse(last!.createdAt);
    const ticket: Ticket = {
      id: ticketId, numberId: number.id, queueId: number.queues[0]!.id, assigneeId: o.assigneeId, state: o.state, closeReason: o.closeReason,
      tags: o.closeReason === 'attended' ? [pick(rnd, TAGS)] : [], createdAt: new Date(o.createdAt).toISOString(),
      assignedAt: assigned ? new Date(o.createdAt + 60_000).toISOString() : null,
      firstResponseAt: firstAgentAt === null ? null : new Date(firstAgentAt).toISOString(),
      closedAt: o.state === 'closed' ? new Date(lastAt + 600_000).toISOString() : null,
      lastMessageAt: last!.createdAt, lastMessageAuthor: last!.author, lastMessagePreview: previewOf(last!.type, last!.text),
      windowExpiresAt: lastCustomer ? new Date(Date.parse(lastCustomer.createdAt) + DAY).toISOString() : null,
      contact: { id: slot.contact.id, name: slot.contact.name, waId: slot.contact.waId, phone: slot.contact.phone },
    };
    counts.tickets++;
    put(() => store.put('ticket', ticket.id, ticket, ++version));
    const mine = o.assigneeId === me && o.state !== 'closed';
    if (mine && o.numberIndex === 0) counts.mineOnBusiest++;
    if (mine && lastCustomer) {
      const marker = { ticketId, upTo: lastCustomer.id, at: lastCustomer.createdAt };
      put(() => store.put('read_marker', ticketId, marker, ++version));
    }
    return ticketId;
  };

  const long = plan.longConversations;
  const normal = plan.tickets - long;
  const lengths = messageCounts(rnd, normal, plan.messages - long * LONG_CONVERSATION);
  let reported = 0;
  for (let k = 0; k < normal; k++) {
    const numberIndex = weighted(rnd, NUMBER_SHARE);
    const createdAt = END - SPAN + ((k + rnd()) / normal) * (SPAN - DAY);
    const active = k >= normal * ACTIVE_FROM;
    const state: TicketState = active ? (rnd() < 0.25 ? 'waiting' : 'open') : 'closed';
    const reasonRoll = rnd();
    const closeReason: Ticket['closeReason'] = state !== 'closed' ? null : reasonRoll < 0.8 ? 'attended' : reasonRoll < 0.92 ? 'abandoned' : 'lost';
    const assigneeId = state === 'waiting' || closeReason === 'lost' ? null : pick(rnd, agentsOf[numberIndex]!);
    writeTicket({ numberIndex, createdAt, state, assigneeId, closeReason, length: lengths[k]!, maxGapS: 180 });
    if (k / normal >= reported + 0.1) {
      reported = Math.floor((k / normal) * 10) / 10;
      log(`  ${Math.round(reported * 100)} %: ${counts.tickets.toLocaleString('en-US')} tickets, ${counts.messages.toLocaleString('en-US')} messages (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
  }
  // The long conversations: the agent's own open tickets on the busiest number, active for days.
  let conversationTicketId = '';
  for (let i = 0; i < long; i++) {
    const id = writeTicket({ numberIndex: 0, createdAt: END - 12 * DAY + i * DAY, state: 'open', assigneeId: me, closeReason: null, length: LONG_CONVERSATION, maxGapS: 900 });
    conversationTicketId ||= id;
  }
  flush();
  store.transaction(() => store.setSession({ ...store.getSession()!, cursor: version }));
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  fs.renameSync(partial, files.db);
  const manifest: CacheManifest = {
    plan, userId: me, busiestNumberId: numbers[0]!.id, conversationTicketId, searchWord: SEARCH_WORD, counts, generatedInMs: Date.now() - started,
  };
  fs.writeFileSync(files.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function message(rnd: Random, o: { id: string; ticketId: string; numberId: string; at: number; fromAgent: boolean; authorId: string | null; name: string; closed: boolean }): Message {
  const roll = rnd();
  const type: MessageType = roll < 0.04 ? 'image' : roll < 0.06 ? 'document' : roll < 0.08 ? 'audio' : roll < 0.085 ? 'sticker' : 'text';
  const say = () => (o.fromAgent ? agentText(rnd, o.name) : customerText(rnd, o.name));
  const text = type === 'text' ? say() : type === 'image' && rnd() < 0.5 ? say() : null;
  const mimeType = MIME[type] ?? null;
  return {
    id: o.id, ticketId: o.ticketId, numberId: o.numberId, direction: o.fromAgent ? 'out' : 'in', author: o.fromAgent ? 'agent' : 'customer',
    authorId: o.authorId, type, text, media: type === 'text' ? null : { id: `media-${o.id}`, mimeType, filename: type === 'document' ? documentName(rnd) : null },
    content: null, replyToId: null, wamid: `wamid.${o.id.replaceAll('-', '')}`,
    status: o.fromAgent ? (o.closed || rnd() < 0.7 ? 'read' : 'delivered') : 'received', error: null, clientId: null, createdAt: new Date(o.at).toISOString(),
  };
}

const MIME: Partial<Record<MessageType, string>> = { image: 'image/jpeg', document: 'application/pdf', audio: 'audio/ogg', sticker: 'image/webp' };

/** `n` conversation lengths from 2 up, summing exactly to `total`. */
function messageCounts(rnd: Random, n: number, total: number): number[] {
  const mean = total / n;
  const counts = Array.from({ length: n }, () => Math.max(1, Math.round(2 + rnd() * (2 * mean - 4))));
  let diff = total - counts.reduce((a, b) => a + b, 0);
  while (diff !== 0) {
    const i = Math.floor(rnd() * n);
    if (diff > 0) {
      counts[i]!++;
      diff--;
    } else if (counts[i]! > 1) {
      counts[i]!--;
      diff++;
    }
  }
  return counts;
}

function weighted(rnd: Random, shares: readonly number[]): number {
  let roll = rnd();
  for (let i = 0; i < shares.length; i++) {
    roll -= shares[i]!;
    if (roll < 0) return i;
  }
  return shares.length - 1;
}
