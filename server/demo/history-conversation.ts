import type { messages } from '../db/schema';
import { previewOf } from '../domain/tickets';
import type { CustomerLine } from './history-lines';
import type { Random } from './random';

export type MessageRow = typeof messages.$inferInsert;
type Author = 'customer' | 'agent' | 'bot';

export interface ConversationTarget {
  ticketId: string;
  numberId: string;
  contactId: string;
  waId: string;
}

/**
 * The messages of one ticket, written in time order: each message comes after the previous one,
 * and the builder remembers what the ticket row needs (last message, last customer message).
 */
export class Conversation {
  readonly messages: MessageRow[] = [];
  /** Time of the latest message. */
  at: number;
  lastCustomerAt: number | null = null;
  lastAuthor: Author | null = null;
  lastPreview: string | null = null;

  constructor(
    private readonly random: Random,
    private readonly target: ConversationTarget,
    /** Fills {cliente}, {agente}, {pedido}, {saudacao}… as of the message's time. */
    private readonly fill: (text: string, at: number, agentName?: string) => string,
    /** The first message is written at this time. */
    start: number,
  ) {
    this.at = start - 1000;
  }

  /** Moves the clock to `at` (never backwards: messages keep their order). */
  private stamp(at: number): number {
    this.at = Math.max(at, this.at + 1000);
    return this.at;
  }

  private wamid(): string {
    return `wamid.HBgN${this.target.waId}FQIAEhgU${this.random.hex(20).toUpperCase()}AA==`;
  }

  private push(at: number, make: (t: number) => Omit<MessageRow, 'id' | 'ticketId' | 'numberId' | 'contactId' | 'createdAt' | 'wamid'>, author: Author): MessageRow {
    const t = this.stamp(at);
    const row = make(t);
    const message: MessageRow = {
      id: this.random.uuid7(t), ticketId: this.target.ticketId, numberId: this.target.numberId, contactId: this.target.contactId,
      wamid: this.wamid(), createdAt: new Date(t), ...row,
    };
    this.messages.push(message);
    this.lastAuthor = author;
    this.lastPreview = previewOf(message.type, message.text ?? null);
    return message;
  }

  customer(line: CustomerLine, at: number, extra: { replyToId?: string; type?: 'button'; content?: Record<string, unknown> } = {}): MessageRow {
    const base = { direction: 'in' as const, author: 'customer' as const, status: 'received', replyToId: extra.replyToId ?? null };
    const message = this.push(at, (t) => {
      const fill = (text: string) => this.fill(text, t);
      if (extra.type === 'button' && typeof line === 'string') return { ...base, type: 'button', text: line, content: extra.content ?? null };
      if (typeof line === 'string') return { ...base, type: 'text', text: fill(line) };
      switch (line.type) {
        case 'location': {
          const { name, address, latitude, longitude } = line;
          return { ...base, type: 'location', text: name, content: { name, address, latitude, longitude } };
        }
        // History attachments carry no file: the placeholder keeps the type, caption and file name.
        case 'document':
          return { ...base, type: 'document', text: line.caption ? fill(line.caption) : null, content: { filename: line.filename } };
        case 'image':
          return { ...base, type: 'image', text: line.caption ? fill(line.caption) : null };
        case 'audio':
          return { ...base, type: 'audio', text: null, content: { voice: true } };
      }
    }, 'customer');
    // WhatsApp's own timestamp: whole seconds, a moment before we received it.
    const receivedAt = message.createdAt!.getTime();
    message.waTimestamp = new Date(Math.floor((receivedAt - this.random.int(0, 2000)) / 1000) * 1000);
    this.lastCustomerAt = receivedAt;
    return message;
  }

  /** An outbound message; customers read most of what they get. */
  private outbound(at: number, author: 'agent' | 'bot', authorId: string | null, row: (t: number) => { type: string; text: string; content?: Record<string, unknown> | null; origin: string }): MessageRow {
    const status = this.random.chance(0.9) ? 'read' : 'delivered';
    const message = this.push(at, (t) => {
      const r = row(t);
      return { direction: 'out', author, authorId, status, ...r, content: r.content ?? null };
    }, author);
    message.statusAt = new Date(message.createdAt!.getTime() + this.random.int(2_000, 90_000));
    return message;
  }

  agent(text: string, agentId: string, agentName: string, at: number): MessageRow {
    return this.outbound(at, 'agent', agentId, (t) => ({ type: 'text', text: this.fill(text, t, agentName), origin: 'desk' }));
  }

  bot(text: string, at: number): MessageRow {
    return this.outbound(at, 'bot', null, (t) => ({ type: 'text', text: this.fill(text, t), origin: 'bot' }));
  }

  template(agentId: string, at: number, t: { text: string; content: Record<string, unknown>; origin: 'desk' | 'out_of_hours' }): MessageRow {
    return this.outbound(at, 'agent', agentId, () => ({ type: 'template', text: t.text, content: t.content, origin: t.origin }));
  }
}
