import type { MeResponse } from '../../shared/api/auth';
import type { QuickReplyCategory } from '../../shared/api/notes';
import type { CloseReason, Contact, Ticket } from '../../shared/api/tickets';
import type { MemoryStore } from '../../shared/sync/memory-store';
import { kinds, makeConversation, type Conversation } from './bench-messages';
import { benchId, iso, Random, weights } from './bench-random';
import * as text from './bench-texts';

/** How much the bench page holds (the figures). */
export interface BenchSize {
  tickets: number;
  /** Messages of the one long conversation (the first ticket of "Mine"). */
  messages: number;
}

export const ids = {
  org: benchId(kinds.other, 1),
  profile: benchId(kinds.other, 2),
  number: benchId(kinds.other, 3),
  queue: benchId(kinds.other, 4),
  me: benchId(kinds.user, 1),
  colleague: benchId(kinds.user, 2),
  bigTicket: benchId(kinds.ticket, 0),
};

export const ORG_TIME_ZONE = 'America/Sao_Paulo';
const ME_NAME = 'Ana Lima';
const COLLEAGUE = { id: ids.colleague, name: 'Bruno Teixeira' };

/** Ana, an agent of one number in an organisation on São Paulo time. */
export function benchMe(): MeResponse {
  return {
    user: { id: ids.me, email: 'ana@horizonte.example', name: ME_NAME, status: 'online', profileId: ids.profile },
    organization: { id: ids.org, name: 'Distribuidora Horizonte', timeZone: ORG_TIME_ZONE },
    profile: { id: ids.profile, name: 'Agente', key: 'agent', permissions: ['home', 'service.desk', 'service.contacts', 'service.quickReplies', 'help'] },
    numbers: [{
      id: ids.number, wabaId: 'bench-waba', phoneNumberId: 'bench-phone', displayPhone: '+55 11 4000-0001', identification: 'Vendas SP',
      ownerId: ids.me, quality: 'GREEN', access: 'agent', queues: [{ id: ids.queue, name: 'Comercial', isDefault: true }],
    }],
  };
}

const listOf = weights({ mine: 60, queue: 15, closed: 25 });
const lastAuthor = weights({ customer: 55, agent: 35, bot: 6, system: 4 });
const closeReasons = weights<CloseReason>({ attended: 70, abandoned: 10, lost: 10, inactive: 10 });

function phoneOf(r: Random): string {
  return `5511${r.int(910000000, 999999999)}`;
}

/**
 * The tickets of the number, latest activity first: the first is Ana's long conversation; the
 * rest are hers (open or waiting, 60 %), waiting in the queue (15 %) or closed (25 %), with
 * previews, unread counts, windows and close tags.
 */
function makeTickets(r: Random, count: number, now: number, big: Conversation): Ticket[] {
  const tickets: Ticket[] = [];
  const lastBig = big.messages[big.messages.length - 1]!;
  const lastInbound = [...big.messages].reverse().find((m) => m.direction === 'in')!;
  tickets.push({
    id: ids.bigTicket, numberId: ids.number, queueId: ids.queue, assigneeId: ids.me, state: 'open', closeReason: null, tags: [],
    createdAt: big.messages[0]!.createdAt, assignedAt: big.messages[0]!.createdAt, firstResponseAt: big.messages[1]?.createdAt ?? null, closedAt: null,
    lastMessageAt: lastBig.createdAt, lastMessageAuthor: lastBig.author, lastMessagePreview: lastBig.text,
    windowExpiresAt: iso(Date.parse(lastInbound.createdAt) + 24 * 3600_000),
    contact: { id: benchId(kinds.contact, 0), name: 'Mariana Vasconcelos', waId: '5511987654321', phone: '5511987654321' }, unread: 2,
  });
  let t = now - 3 * 60_000;
  for (let i = 1; i < count; i++) {
    t -= r.int(30, 600) * 1000;
    const kind = r.weighted(listOf);
    const state = kind === 'closed' ? 'closed' : kind === 'queue' ? 'waiting' : r.chance(0.8) ? 'open' : 'waiting';
    const created = t - r.int(5, 60 * 48) * 60_000;
    const author = r.weighted(lastAuthor);
    const lines = author === 'customer' ? text.customerLines : author === 'agent' ? text.agentLines : author === 'bot' ? text.botLines : text.systemLines;
    const phone = phoneOf(r);
    const named = r.chance(0.85);
    tickets.push({
      id: benchId(kinds.ticket, i), numberId: ids.number, queueId: ids.queue,
      assigneeId: kind === 'mine' ? ids.me : kind === 'closed' ? (r.chance(0.7) ? ids.me : ids.colleague) : null,
      state, closeReason: state === 'closed' ? r.weighted(closeReasons) : null,
      tags: state === 'closed' ? Array.from(new Set(Array.from({ length: r.int(0, 3) }, () => r.pick(text.tags)))) : [],
      createdAt: iso(created), assignedAt: kind === 'queue' ? null : iso(created + 60_000), firstResponseAt: kind === 'queue' ? null : iso(created + 120_000),
      closedAt: state === 'closed' ? iso(t + 60_000) : null,
      lastMessageAt: iso(t), lastMessageAuthor: author, lastMessagePreview: r.chance(0.97) ? r.pick(lines) : null,
      windowExpiresAt: author === 'customer' ? iso(t + 24 * 3600_000) : r.chance(0.5) ? iso(t + r.int(1, 23) * 3600_000) : null,
      contact: { id: benchId(kinds.contact, i), name: named ? `${r.pick(text.firstNames)} ${r.pick(text.lastNames)}` : null, waId: phone, phone },
      unread: state === 'closed' ? 0 : r.chance(0.35) ? r.int(1, 12) : 0,
    });
  }
  return tickets;
}

export interface BenchData {
  tickets: Ticket[];
  big: Conversation;
  quickReplies: QuickReplyCategory[];
}

/** Everything the page serves, from a fixed seed: the same rows every run (times follow `now`). */
export function generateDeskData(size: BenchSize, now: number): BenchData {
  const r = new Random(0x5eed_0006);
  const where = { ticketId: ids.bigTicket, numberId: ids.number, contactId: benchId(kinds.contact, 0), meId: ids.me, meName: ME_NAME, colleague: COLLEAGUE };
  const big = makeConversation(r, where, { count: size.messages, firstN: 0, noteCount: Math.round(size.messages / 40), noteFirstN: 0, end: now - 60_000 });
  const tickets = makeTickets(r, size.tickets, now, big);
  const at = iso(now - 90 * 86400_000);
  const quickReplies: QuickReplyCategory[] = [{
    id: benchId(kinds.other, 10), name: 'Comercial', authorId: ids.me, updatedAt: at,
    replies: text.agentLines.slice(0, 8).map((line, i) => ({ id: benchId(kinds.other, 100 + i), title: line.split(/[,.!?]/)[0]!.slice(0, 40), text: line })),
  }];
  return { tickets, big, quickReplies };
}

/** Puts the data into the cache the way the sync engine leaves it after a snapshot. */
export function fillStore(store: MemoryStore, data: BenchData): void {
  store.setSession({ userId: ids.me, userName: ME_NAME, orgId: ids.org, baseUrl: 'http://bench.invalid', cursor: 1 });
  store.put('number', ids.number, benchMe().numbers[0]!, 1);
  for (const c of data.quickReplies) store.put('quick_reply_category', c.id, c, 1);
  for (const t of data.tickets) store.put('ticket', t.id, t, 1);
  for (const m of data.big.messages) store.put('message', m.id, m, 1);
  for (const n of data.big.notes) store.put('note', n.id, n, 1);
}

/**
 * A short conversation for any other ticket, made the first time it is opened (the bench only
 * measures the long one; these keep the page usable by hand), ending at the ticket's last activity.
 */
export function shortConversation(ticket: Ticket): Conversation {
  const n = Number.parseInt(ticket.id.slice(-12), 16);
  const r = new Random(n + 1);
  const where = { ticketId: ticket.id, numberId: ticket.numberId, contactId: ticket.contact.id, meId: ids.me, meName: ME_NAME, colleague: COLLEAGUE };
  return makeConversation(r, where, { count: r.int(3, 14), firstN: 1_000_000 + n * 20, noteCount: r.chance(0.2) ? 1 : 0, noteFirstN: 1_000_000 + n, end: Date.parse(ticket.lastMessageAt) });
}

/** The contact's details (the server's answer in the app). */
export function contactOf(ticket: Ticket): Contact {
  const r = new Random(Number.parseInt(ticket.contact.id.slice(-12), 16) + 7);
  const first = ticket.contact.name?.split(' ')[0]?.toLowerCase();
  return {
    id: ticket.contact.id, numberId: ticket.numberId, waId: ticket.contact.waId, phone: ticket.contact.phone,
    name: ticket.contact.name, profileName: ticket.contact.name, email: first ? `${first}@${r.pick(['gmail.com', 'empresa.com.br', 'outlook.com'])}` : null,
    city: r.pick(text.cities), document: r.chance(0.5) ? `${r.int(10, 99)}.${r.int(100, 999)}.${r.int(100, 999)}/0001-${r.int(10, 99)}` : null,
    lastInteractionAt: ticket.lastMessageAt, windowExpiresAt: ticket.windowExpiresAt, createdAt: ticket.createdAt,
  };
}
