import type { Message } from '../shared/api/messages';
import type { Ticket } from '../shared/api/tickets';

/** Rows as the cache holds them, for the main process's unit tests. */

const NUMBER = '01940000-0000-7000-8000-00000000000a';
let seq = 0;
const id = (prefix: number) => `0194${String(prefix).padStart(4, '0')}-0000-7000-8000-${String(++seq).padStart(12, '0')}`;

export const ME = '01940000-0000-7000-8000-000000000001';
export const OTHER_AGENT = '01940000-0000-7000-8000-000000000002';

export function ticketRow(overrides: Partial<Ticket> & { contactName?: string | null } = {}): Ticket {
  const { contactName = 'Ana Souza', ...rest } = overrides;
  const at = '2026-11-25T12:00:00.000Z';
  return {
    id: id(1), numberId: NUMBER, queueId: id(2), assigneeId: ME, state: 'open', closeReason: null, tags: [],
    createdAt: at, assignedAt: at, firstResponseAt: null, closedAt: null, lastMessageAt: at,
    lastMessageAuthor: 'customer', lastMessagePreview: 'Olá', windowExpiresAt: null,
    contact: { id: id(3), name: contactName, waId: '5511999990001', phone: '+55 11 99999-0001' },
    ...rest,
  };
}

export function messageRow(ticket: Ticket, overrides: Partial<Message> = {}): Message {
  return {
    id: id(4), ticketId: ticket.id, numberId: ticket.numberId, direction: 'in', author: 'customer', authorId: null,
    type: 'text', text: 'Oi, tudo bem?', media: null, content: null, replyToId: null, wamid: null, status: 'received',
    error: null, clientId: null, createdAt: new Date(Date.UTC(2026, 10, 25, 12, 0, seq)).toISOString(),
    ...overrides,
  };
}
