import type { Message, MessageType } from '../api/messages';
import type { Note } from '../api/notes';
import type { ReadMarker, Ticket } from '../api/tickets';
import { ticketOfAction, type OutboxAction } from './actions';
import { putAnswer, type StoreChange } from './apply';
import type { EntityData, EntityKind, LocalStore, OptimisticRow, OutboxItem, SessionRecord } from './store';

/** What the agent sees at once, before the server answers. */
export function optimisticRowFor(store: LocalStore, item: OutboxItem, session: SessionRecord): OptimisticRow {
  const a = item.action;
  const at = new Date(item.createdAt).toISOString();
  const base = { outboxId: item.id, order: item.order };
  const numberOfTicket = (id: string) => store.get('ticket', id)?.data.numberId ?? '';
  switch (a.type) {
    case 'send_text':
    case 'send_media': {
      const message: Message = {
        id: item.id, ticketId: a.ticketId, numberId: numberOfTicket(a.ticketId), direction: 'out', author: 'agent', authorId: session.userId,
        type: a.type === 'send_text' ? 'text' : mediaType(a.mimeType), text: a.type === 'send_text' ? a.text : (a.caption ?? null),
        media: a.type === 'send_media' ? { id: a.mediaId, mimeType: a.mimeType ?? null, filename: a.filename ?? null } : null,
        content: null, replyToId: a.replyTo ?? null, wamid: null, status: 'queued', error: null, clientId: item.id, createdAt: at,
      };
      return { ...base, kind: 'message', targetId: item.id, ticketId: a.ticketId, data: message };
    }
    case 'add_note': {
      const onTicket = a.target.kind === 'ticket';
      const numberId = onTicket ? numberOfTicket(a.target.id) : (store.get('contact', a.target.id)?.data.numberId ?? '');
      const note: Note = {
        id: item.id, numberId, ticketId: onTicket ? a.target.id : null, contactId: onTicket ? null : a.target.id,
        authorId: session.userId, authorName: session.userName, text: a.text, createdAt: at, updatedAt: at,
      };
      return { ...base, kind: 'note', targetId: item.id, ticketId: note.ticketId, data: note };
    }
    case 'close':
      return { ...base, kind: 'ticket', targetId: a.ticketId, ticketId: a.ticketId, data: { state: 'closed', closeReason: 'attended', closedAt: at, tags: a.tags } };
    case 'reopen':
      return { ...base, kind: 'ticket', targetId: a.ticketId, ticketId: a.ticketId, data: { state: 'open', closeReason: null, closedAt: null, assigneeId: session.userId } };
    case 'transfer':
      return {
        ...base, kind: 'ticket', targetId: a.ticketId, ticketId: a.ticketId,
        data: 'userId' in a.to ? { state: 'open', assigneeId: a.to.userId } : { state: 'waiting', assigneeId: null, queueId: a.to.queueId },
      };
    case 'mark_read':
      return { ...base, kind: 'read_marker', targetId: a.ticketId, ticketId: a.ticketId, data: { ticketId: a.ticketId, upTo: a.upTo, at } };
    case 'set_status':
      return { ...base, kind: 'agent_status', targetId: session.userId, ticketId: null, data: { userId: session.userId, status: a.status } };
  }
}

function mediaType(mime: string | undefined): MessageType {
  if (!mime) return 'document';
  if (mime === 'image/webp') return 'sticker';
  for (const t of ['image', 'video', 'audio'] as const) if (mime.startsWith(`${t}/`)) return t;
  return 'document';
}

/** The cached entity an action's answer replaces, and its version before the request was sent. */
export function answerTarget(store: LocalStore, action: OutboxAction, userId: string): { kind: EntityKind; id: string | null; version: number | null } {
  switch (action.type) {
    case 'send_text':
    case 'send_media':
      return { kind: 'message', id: null, version: null };
    case 'add_note':
      return { kind: 'note', id: null, version: null };
    case 'mark_read':
      return { kind: 'read_marker', id: action.ticketId, version: store.versionOf('read_marker', action.ticketId) };
    case 'set_status':
      return { kind: 'agent_status', id: userId, version: store.versionOf('agent_status', userId) };
    default:
      return { kind: 'ticket', id: action.ticketId, version: store.versionOf('ticket', action.ticketId) };
  }
}

/**
 * The server accepted the item: drop it and its optimistic row, and keep the server's answer
 * (real id, server order and status) unless the change feed already brought something newer.
 * Runs in the caller's transaction.
 */
export function reconcileAnswer(store: LocalStore, item: OutboxItem, answer: unknown, versionBefore: number | null, userId: string): StoreChange[] {
  store.removeOutboxItem(item.id);
  store.removeOptimistic(item.id);
  const a = item.action;
  const out: StoreChange[] = [{ entity: 'outbox', op: 'delete', id: item.id, ticketId: ticketOfAction(a), numberId: null, seq: null, source: 'answer' }];
  const put = <K extends EntityKind>(kind: K, id: string, data: EntityData[K], ticketId: string | null, numberId: string | null) => {
    if (putAnswer(store, kind, id, data, versionBefore)) out.push({ entity: kind, op: 'upsert', id, ticketId, numberId, seq: null, source: 'answer' });
  };
  switch (a.type) {
    case 'send_text':
    case 'send_media': {
      const m = answer as Message;
      put('message', m.id, m, m.ticketId, m.numberId);
      break;
    }
    case 'add_note': {
      const n = answer as Note;
      put('note', n.id, n, n.ticketId, n.numberId);
      break;
    }
    case 'mark_read': {
      const r = answer as ReadMarker;
      put('read_marker', r.ticketId, r, r.ticketId, null);
      break;
    }
    case 'set_status':
      put('agent_status', userId, { userId, status: (answer as { status: 'online' | 'paused' | 'invisible' }).status }, null, null);
      break;
    default: {
      const t = answer as Ticket;
      put('ticket', t.id, t, t.id, t.numberId);
    }
  }
  return out;
}
