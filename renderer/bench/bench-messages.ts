import type { Message, MessageType } from '../../shared/api/messages';
import type { Note } from '../../shared/api/notes';
import type { AuthorKind } from '../../shared/api/tickets';
import { benchId, iso, weights, type Random } from './bench-random';
import * as text from './bench-texts';

export const kinds = { ticket: 1, contact: 2, message: 3, note: 4, user: 5, other: 6 } as const;

export interface Conversation {
  messages: Message[];
  notes: Note[];
}

interface Where {
  ticketId: string;
  numberId: string;
  contactId: string;
  /** The signed-in agent (their messages read "You"). */
  meId: string;
  /** Another agent of the team. */
  colleague: { id: string; name: string };
  meName: string;
}

const customerTypes = weights<MessageType>({
  text: 72, image: 7, audio: 6, document: 3, sticker: 2, video: 1, location: 2, contacts: 1, interactive: 2, button: 1, reaction: 2, unsupported: 1,
});
const agentTypes = weights<MessageType>({ text: 82, image: 4, document: 6, audio: 1, template: 3, reaction: 2, location: 1, video: 1 });
const outboundStatus = weights({ read: 86, delivered: 7, sent: 4, failed: 3 });
const sentences = weights({ one: 6, two: 3, three: 1 });

/** Several sentences of one side, joined as people write them (sometimes on separate lines). */
function say(r: Random, lines: readonly string[]): string {
  const n = r.weighted(sentences);
  const count = n === 'one' ? 1 : n === 'two' ? 2 : 3;
  const parts = Array.from({ length: count }, () => r.pick(lines));
  return parts.join(r.chance(0.3) ? '\n' : ' ');
}

/**
 * One message of `author` at `at`: its type drawn like a real conversation's, with the content,
 * media and delivery status that type carries. `earlier` are the ids a reply or reaction may point at.
 */
export function makeMessage(r: Random, w: Where, n: number, author: AuthorKind, at: number, earlier: readonly string[]): Message {
  const inbound = author === 'customer';
  const type: MessageType = author === 'system' ? 'system' : author === 'bot' ? 'text' : r.weighted(inbound ? customerTypes : agentTypes);
  const base: Message = {
    id: benchId(kinds.message, n),
    ticketId: w.ticketId,
    numberId: w.numberId,
    direction: inbound ? 'in' : 'out',
    author,
    authorId: author === 'agent' ? (r.chance(0.75) ? w.meId : w.colleague.id) : null,
    type,
    text: null,
    media: null,
    content: null,
    replyToId: null,
    wamid: `wamid.bench${n}`,
    status: inbound ? 'received' : 'read',
    error: null,
    clientId: null,
    createdAt: iso(at),
  };
  if (!inbound && author !== 'system') {
    const s = r.weighted(outboundStatus);
    base.status = s;
    if (s === 'failed') base.error = { code: 131047, title: 'Re-engagement message', reason: 'Mais de 24 horas desde a última mensagem do cliente' };
  }
  if (type !== 'reaction' && earlier.length > 5 && r.chance(0.06)) base.replyToId = earlier[earlier.length - r.int(1, Math.min(30, earlier.length))]!;
  const lines = inbound ? text.customerLines : author === 'bot' ? text.botLines : text.agentLines;
  switch (type) {
    case 'text':
      return { ...base, text: say(r, lines) };
    case 'system':
      return { ...base, status: 'sent', text: r.pick(text.systemLines) };
    case 'image':
    case 'sticker':
    case 'video': {
      const mime = type === 'video' ? 'video/mp4' : type === 'sticker' ? 'image/webp' : 'image/jpeg';
      const caption = type === 'sticker' ? '' : r.pick(text.captions);
      return { ...base, text: caption || null, media: { id: `bench-${type}-${n}`, mimeType: mime, filename: null } };
    }
    case 'audio':
      return { ...base, media: { id: `bench-${type}-${n}`, mimeType: 'audio/ogg', filename: null } };
    case 'document': {
      const file = r.pick(text.documents);
      return { ...base, text: r.chance(0.3) ? r.pick(text.captions) || null : null, media: { id: `bench-${type}-${n}`, mimeType: file.endsWith('.pdf') ? 'application/pdf' : 'application/octet-stream', filename: file } };
    }
    case 'location': {
      const street = r.pick(text.streets);
      return { ...base, content: { latitude: -23.5 - r.next() / 10, longitude: -46.6 - r.next() / 10, name: r.pick(text.companies), address: `${street}, ${r.int(10, 2999)} - ${r.pick(text.cities)}` } };
    }
    case 'contacts': {
      const first = r.pick(text.firstNames);
      const last = r.pick(text.lastNames);
      return { ...base, content: { contacts: [{ name: { formatted_name: `${first} ${last}`, first_name: first, last_name: last }, phones: [{ phone: `+55119${r.int(10000000, 99999999)}`, type: 'CELL' }], org: { company: r.pick(text.companies) } }] } };
    }
    case 'interactive':
      return r.chance(0.5)
        ? { ...base, content: { button_reply: { id: 'opt-1', title: r.pick(['Pedidos', 'Financeiro', 'Falar com um atendente']) } } }
        : { ...base, content: { list_reply: { id: 'item-2', title: r.pick(['Segunda via de boleto', 'Rastrear pedido']), description: 'Escolhido no menu do assistente' } } };
    case 'button':
      return { ...base, text: 'Sim, confirmo', content: { text: 'Sim, confirmo', payload: 'confirm' } };
    case 'reaction':
      return { ...base, replyToId: earlier.length > 0 ? earlier[earlier.length - r.int(1, Math.min(10, earlier.length))]! : null, text: r.pick(text.emojis) };
    case 'template': {
      const name = r.pick(text.templates);
      return { ...base, text: `Olá! ${r.pick(text.agentLines)}`, content: { template: { name, language: 'pt_BR' } } };
    }
    case 'unsupported':
      return { ...base, content: { originalType: r.pick(['poll', 'order', 'ephemeral']) } };
    default:
      return { ...base, text: say(r, lines) };
  }
}

/** Who writes next: mostly the other side, sometimes the same side twice, now and then the bot or a system line. */
function nextAuthor(r: Random, previous: AuthorKind, sessionStart: boolean): AuthorKind {
  if (sessionStart) return r.chance(0.9) ? 'customer' : 'agent';
  if (previous === 'customer' && r.chance(0.08)) return 'bot';
  if (r.chance(0.025)) return 'system';
  if (previous === 'customer') return r.chance(0.6) ? 'agent' : 'customer';
  return r.chance(0.55) ? 'customer' : 'agent';
}

/**
 * A conversation of `count` messages ending shortly before `end`: sessions of quick exchanges
 * separated by hours or days (so many day separators), replies, reactions, every type, and
 * `noteCount` private notes slotted between messages. The last message is the customer's.
 */
export function makeConversation(r: Random, w: Where, opts: { count: number; firstN: number; noteCount: number; noteFirstN: number; end: number }): Conversation {
  const times: number[] = new Array<number>(opts.count);
  const sessionStarts = new Set<number>();
  let t = opts.end;
  for (let i = opts.count - 1; i >= 0; i--) {
    times[i] = t;
    const newSession = r.chance(0.14);
    if (newSession) sessionStarts.add(i);
    t -= newSession ? r.int(1, 30) * 3600_000 + r.int(0, 3599) * 1000 : r.int(15, 480) * 1000;
  }
  const messages: Message[] = [];
  const ids: string[] = [];
  let author: AuthorKind = 'customer';
  for (let i = 0; i < opts.count; i++) {
    author = i === opts.count - 1 ? 'customer' : nextAuthor(r, author, i === 0 || sessionStarts.has(i));
    const m = makeMessage(r, w, opts.firstN + i, author, times[i]!, ids);
    messages.push(i === opts.count - 1 && m.type !== 'text' ? { ...m, type: 'text', media: null, content: null, replyToId: null, text: r.pick(text.customerLines) } : m);
    ids.push(m.id);
  }
  const notes: Note[] = [];
  for (let k = 0; k < opts.noteCount; k++) {
    const after = times[Math.floor(((k + r.next()) / opts.noteCount) * (opts.count - 1))]!;
    const by = r.chance(0.7) ? { id: w.meId, name: w.meName } : w.colleague;
    const at = iso(after + r.int(5, 60) * 1000);
    notes.push({ id: benchId(kinds.note, opts.noteFirstN + k), numberId: w.numberId, ticketId: w.ticketId, contactId: null, authorId: by.id, authorName: by.name, text: r.pick(text.noteLines), createdAt: at, updatedAt: at });
  }
  return { messages, notes };
}
