import type { Message } from '../../shared/api/messages';
import type { Ticket } from '../../shared/api/tickets';
import type { StoreChange } from '../../shared/sync/apply';

export type MediaKind = 'image' | 'audio' | 'video' | 'document' | 'sticker' | 'location' | 'contacts' | 'other';
/** What a notification may quote of a message: its text, or what kind of media it is. */
export type Preview = { text: string } | { media: MediaKind; caption: string | null };

/** Something the agent may want to hear about. */
export type NotableEvent =
  /** `preview`: the customer's last message as the ticket row tells it (it usually came before the assignment). */
  | { kind: 'assigned'; ticketId: string; numberId: string; contact: string; preview: Preview | null }
  | { kind: 'message'; ticketId: string; numberId: string; contact: string; messageId: string; preview: Preview };

/** Reads from the cache (after the changes were applied). */
export interface WatchSource {
  ticket(id: string): Ticket | null;
  message(id: string): Message | null;
  /** Ids of the open or waiting tickets assigned to the user now. */
  assignedTo(userId: string): string[];
}

/** A customer message older than this is history (a catch-up after days away, an update of an old row), not news. */
export const MAX_MESSAGE_AGE_MS = 12 * 3600_000;
const REMEMBERED_MESSAGES = 5000;
const PREVIEW_CHARS = 140;

const NEWS: ReadonlySet<StoreChange['source']> = new Set(['live', 'catch-up']);

export function contactLabel(ticket: Ticket): string {
  return ticket.contact.name?.trim() || ticket.contact.phone || ticket.contact.waId;
}

export function previewOf(m: Message): Preview {
  const text = m.text?.replace(/\s+/g, ' ').trim() ?? '';
  const clipped = text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;
  if (m.type === 'text' || m.type === 'button' || m.type === 'interactive') return clipped ? { text: clipped } : { media: 'other', caption: null };
  const kinds: Partial<Record<Message['type'], MediaKind>> = { image: 'image', audio: 'audio', video: 'video', document: 'document', sticker: 'sticker', location: 'location', contacts: 'contacts' };
  return { media: kinds[m.type] ?? 'other', caption: clipped || (m.type === 'document' ? (m.media?.filename ?? null) : null) };
}

function lastCustomerWords(ticket: Ticket): Preview | null {
  const text = ticket.lastMessageAuthor === 'customer' ? ticket.lastMessagePreview?.replace(/\s+/g, ' ').trim() : '';
  if (!text) return null;
  return { text: text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text };
}

/**
 * Turns the cache's changes into news for the agent: a ticket newly assigned to them, and a new
 * customer message on one of their tickets. Only changes from the server's feed count (live or a
 * catch-up after being offline); a snapshot, the agent's own actions and answers are not news.
 * It remembers which tickets were already theirs, so a later update of a ticket is not "new".
 */
export class ChangeDetector {
  private userId: string | null = null;
  private readonly mine = new Set<string>();
  private readonly announced = new Set<string>();

  /** Starts over from what the cache holds now (start, sign-in, snapshot, another user). */
  reset(userId: string | null, source: WatchSource): void {
    this.userId = userId;
    this.mine.clear();
    this.announced.clear();
    if (userId) for (const id of source.assignedTo(userId)) this.mine.add(id);
  }

  detect(changes: readonly StoreChange[], source: WatchSource, now: number): NotableEvent[] {
    const me = this.userId;
    if (!me) return [];
    const events: NotableEvent[] = [];
    for (const c of changes) {
      if (c.entity === 'ticket') {
        const ticket = c.op === 'upsert' ? source.ticket(c.id) : null;
        const isMine = ticket !== null && ticket.assigneeId === me && ticket.state !== 'closed';
        if (!isMine) {
          this.mine.delete(c.id);
          continue;
        }
        if (this.mine.has(c.id)) continue;
        this.mine.add(c.id);
        if (NEWS.has(c.source)) events.push({ kind: 'assigned', ticketId: ticket.id, numberId: ticket.numberId, contact: contactLabel(ticket), preview: lastCustomerWords(ticket) });
      } else if (c.entity === 'message' && c.op === 'upsert' && NEWS.has(c.source)) {
        const message = source.message(c.id);
        if (!message || message.direction !== 'in' || message.author !== 'customer' || this.announced.has(message.id)) continue;
        if (now - Date.parse(message.createdAt) > MAX_MESSAGE_AGE_MS) continue;
        const ticket = source.ticket(message.ticketId);
        if (!ticket || ticket.assigneeId !== me || ticket.state === 'closed') continue;
        this.remember(message.id);
        events.push({ kind: 'message', ticketId: ticket.id, numberId: ticket.numberId, contact: contactLabel(ticket), messageId: message.id, preview: previewOf(message) });
      }
    }
    return events;
  }

  private remember(messageId: string): void {
    this.announced.add(messageId);
    if (this.announced.size > REMEMBERED_MESSAGES) this.announced.delete(this.announced.values().next().value!);
  }
}
