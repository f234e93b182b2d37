import { z } from 'zod';
import { meResponseSchema, type MeResponse } from '../api/auth';
import { agentStatusSchema } from '../api/common';
import { messageSchema, type Message } from '../api/messages';
import { mediaInfoSchema, mediaUrlSchema, templateInfoSchema, type TemplateInfo } from '../api/templates';
import { contactSchema, ticketSchema, type Contact, type Ticket } from '../api/tickets';
import type { TransferTargets } from '../desktop-api';
import { putAnswer, type StoreChange } from '../sync/apply';
import type { SyncEngine } from '../sync/engine';
import type { LocalStore } from '../sync/store';
import { uuidv7 } from '../uuid';

const agentsSchema = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), status: agentStatusSchema, online: z.boolean() })) });
const tagsSchema = z.object({ items: z.array(z.object({ name: z.string() })) });
const ticketsSchema = z.object({ items: z.array(ticketSchema) });
const templatesSchema = z.object({ items: z.array(templateInfoSchema) });
const messagePageSchema = z.object({ items: z.array(messageSchema), hasMore: z.boolean() });
const activeMessageSchema = z.object({ ticket: ticketSchema, message: messageSchema });

export interface TemplateFields {
  template: string;
  language: string;
  variables: string[];
  headerVariables: string[];
  buttonVariables: string[];
}

/**
 * The calls that need the server now (online only: `engine.request` fails with `offline`
 * otherwise). What they bring that the cache holds (older messages, a template just sent, a
 * ticket just started) is put in the store the way the engine puts REST answers.
 */
export class ServerCalls {
  constructor(
    private readonly engine: SyncEngine,
    private readonly store: LocalStore,
    private readonly changed: (changes: StoreChange[]) => void,
  ) {}

  me(): Promise<MeResponse> {
    return this.engine.request('GET', '/api/v1/me', { schema: meResponseSchema });
  }

  contact(contactId: string): Promise<Contact> {
    return this.engine.request('GET', `/api/v1/contacts/${contactId}`, { schema: contactSchema });
  }

  async contactTickets(contactId: string): Promise<Ticket[]> {
    const { items } = await this.engine.request('GET', `/api/v1/contacts/${contactId}/tickets`, { schema: ticketsSchema });
    return [...items].sort((a, b) => (a.lastMessageAt < b.lastMessageAt ? 1 : a.lastMessageAt > b.lastMessageAt ? -1 : 0));
  }

  async templates(numberId: string): Promise<TemplateInfo[]> {
    return (await this.engine.request('GET', `/api/v1/numbers/${numberId}/templates`, { schema: templatesSchema })).items;
  }

  /** The number's other agents, and its queues (from /me, which lists them per number). */
  async transferTargets(numberId: string, me: MeResponse | null): Promise<TransferTargets> {
    const { items } = await this.engine.request('GET', `/api/v1/numbers/${numberId}/agents`, { schema: agentsSchema });
    const number = me?.numbers.find((n) => n.id === numberId) ?? this.store.get('number', numberId)?.data ?? null;
    const self = me?.user.id ?? this.store.getSession()?.userId;
    return { agents: items.filter((a) => a.id !== self), queues: number?.queues ?? [] };
  }

  async tags(numberId?: string): Promise<string[]> {
    const path = numberId ? `/api/v1/tags?numberId=${numberId}` : '/api/v1/tags';
    return (await this.engine.request('GET', path, { schema: tagsSchema })).items.map((t) => t.name);
  }

  /** A URL an element can load: the server's signed link made absolute. */
  async mediaUrl(mediaId: string): Promise<string> {
    const { url } = await this.engine.request('GET', `/api/v1/media/${encodeURIComponent(mediaId)}/url`, { schema: mediaUrlSchema });
    return new URL(url, `${this.engine.baseUrl ?? ''}/`).toString();
  }

  async loadOlderMessages(ticketId: string, before: string): Promise<{ loaded: number; hasMore: boolean }> {
    const page = await this.engine.request('GET', `/api/v1/tickets/${ticketId}/messages?before=${before}&limit=50`, { schema: messagePageSchema });
    const changes: StoreChange[] = [];
    this.store.transaction(() => {
      // Older messages predate the cursor: only ones the cache never saw are written.
      for (const m of page.items) {
        if (this.store.versionOf('message', m.id) !== null) continue;
        if (putAnswer(this.store, 'message', m.id, m, null)) changes.push(answerChange('message', m.id, m.ticketId, m.numberId));
      }
    });
    this.changed(changes);
    return { loaded: changes.length, hasMore: page.hasMore };
  }

  async uploadMedia(numberId: string, file: { filename: string; mimeType: string; bytes: Uint8Array }): Promise<string> {
    const query = `numberId=${numberId}&filename=${encodeURIComponent(file.filename)}`;
    const info = await this.engine.request('POST', `/api/v1/media?${query}`, { raw: { bytes: file.bytes, contentType: file.mimeType }, schema: mediaInfoSchema });
    return info.id;
  }

  async sendTemplate(ticketId: string, fields: TemplateFields): Promise<Message> {
    const message = await this.engine.request('POST', `/api/v1/tickets/${ticketId}/messages`, {
      body: { clientId: uuidv7(), type: 'template', ...fields }, schema: messageSchema,
    });
    this.keep({ message });
    return message;
  }

  async startConversation(numberId: string, to: string, fields: TemplateFields): Promise<{ ticketId: string }> {
    const { ticket, message } = await this.engine.request('POST', `/api/v1/numbers/${numberId}/active-messages`, {
      body: { clientId: uuidv7(), to, ...fields }, schema: activeMessageSchema,
    });
    this.keep({ ticket, message });
    return { ticketId: ticket.id };
  }

  /** Puts rows the server answered with, unless the feed already brought them (it is never older than an answer). */
  private keep(rows: { ticket?: Ticket; message: Message }): void {
    const changes: StoreChange[] = [];
    this.store.transaction(() => {
      const { ticket, message } = rows;
      if (ticket && putAnswer(this.store, 'ticket', ticket.id, ticket, null)) {
        changes.push(answerChange('ticket', ticket.id, ticket.id, ticket.numberId));
      }
      if (putAnswer(this.store, 'message', message.id, message, null)) {
        changes.push(answerChange('message', message.id, message.ticketId, message.numberId));
      }
    });
    this.changed(changes);
  }
}

function answerChange(entity: 'ticket' | 'message', id: string, ticketId: string, numberId: string): StoreChange {
  return { entity, op: 'upsert', id, ticketId, numberId, seq: null, source: 'answer' };
}
