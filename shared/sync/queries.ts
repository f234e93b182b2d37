import type { NumberInfo } from '../api/auth';
import type { AgentStatus } from '../api/common';
import type { Message } from '../api/messages';
import type { Note, QuickReplyCategory } from '../api/notes';
import type { ReadMarker, Ticket } from '../api/tickets';
import { blockedItems } from './outbox';
import type { LocalStore, NoteTarget, OptimisticRow, OutboxItem, OutboxStatus, TicketQuery } from './store';

/** The outbox state of an optimistic row. */
export interface LocalState {
  outboxId: string;
  status: OutboxStatus;
  error: { code: string; message: string } | null;
}
export type MessageView = Message & { local: LocalState | null };
export type NoteView = Note & { local: LocalState | null };
/** A ticket as the agent sees it: the server's copy with their unsent actions applied, in order. */
export type TicketView = Ticket & { pending: LocalState[] };
export type OutboxItemView = OutboxItem & { blocked: boolean };

/**
 * Read helpers for the UI: the server's rows with the agent's unsent actions shown on top
 * (optimistic messages and notes after the server's ones, ticket changes applied).
 */
export class Queries {
  constructor(private readonly store: LocalStore) {}

  tickets(query: TicketQuery = {}): TicketView[] {
    const patches = this.patchesByTicket();
    const base = this.store.tickets({ ...query, ...(query.limit === undefined ? {} : { limit: query.limit + patches.size }) });
    const out: TicketView[] = base.filter((t) => !patches.has(t.id)).map((t) => ({ ...t, pending: [] }));
    for (const [id, rows] of patches) {
      const t = this.viewTicket(id, rows);
      if (!t) continue;
      if (query.numberId && t.numberId !== query.numberId) continue;
      if (query.states && !query.states.includes(t.state)) continue;
      out.push(t);
    }
    out.sort((a, b) => (a.lastMessageAt === b.lastMessageAt ? (a.id < b.id ? 1 : -1) : a.lastMessageAt < b.lastMessageAt ? 1 : -1));
    return query.limit === undefined ? out : out.slice(0, query.limit);
  }

  ticket(id: string): TicketView | null {
    return this.viewTicket(id, this.store.optimistic({ ticketId: id, kind: 'ticket' }));
  }

  /** Server order, then the unsent ones in the order they were written. */
  messages(ticketId: string, limit?: number): MessageView[] {
    const server: MessageView[] = this.store.messages(ticketId, limit).map((m) => ({ ...m, local: null }));
    const local = this.store.optimistic({ ticketId, kind: 'message' }).map((r) => ({ ...(r.data as Message), local: this.localState(r) }));
    return [...server, ...local];
  }

  notes(target: NoteTarget): NoteView[] {
    const server: NoteView[] = this.store.notes(target).map((n) => ({ ...n, local: null }));
    const local = this.store
      .optimistic({ kind: 'note' })
      .filter((r) => ('ticketId' in target ? r.ticketId === target.ticketId : (r.data as Note).contactId === target.contactId))
      .map((r) => ({ ...(r.data as Note), local: this.localState(r) }));
    return [...server, ...local];
  }

  outbox(filter: { status?: readonly OutboxStatus[]; ticketId?: string } = {}): OutboxItemView[] {
    const items = this.store.outbox();
    const blocked = new Set(blockedItems(items).map((i) => i.id));
    return items
      .filter((i) => !filter.status || filter.status.includes(i.status))
      .filter((i) => !filter.ticketId || i.lane === `ticket:${filter.ticketId}`)
      .map((i) => ({ ...i, blocked: blocked.has(i.id) }));
  }

  /** The agent's status, their own unsent change first. */
  agentStatus(userId: string): AgentStatus | null {
    const mine = this.store.optimistic({ kind: 'agent_status' }).filter((r) => r.targetId === userId);
    const last = mine[mine.length - 1];
    if (last) return (last.data as { status: AgentStatus }).status;
    return this.store.get('agent_status', userId)?.data.status ?? null;
  }

  readMarker(ticketId: string): ReadMarker | null {
    const mine = this.store.optimistic({ ticketId, kind: 'read_marker' });
    const last = mine[mine.length - 1];
    return last ? (last.data as ReadMarker) : (this.store.get('read_marker', ticketId)?.data ?? null);
  }

  numbers(): NumberInfo[] {
    return this.store.list('number');
  }

  quickReplies(): QuickReplyCategory[] {
    return this.store.list('quick_reply_category');
  }

  private patchesByTicket(): Map<string, OptimisticRow[]> {
    const map = new Map<string, OptimisticRow[]>();
    for (const r of this.store.optimistic({ kind: 'ticket' })) {
      const list = map.get(r.targetId) ?? [];
      list.push(r);
      map.set(r.targetId, list);
    }
    return map;
  }

  private viewTicket(id: string, patches: readonly OptimisticRow[]): TicketView | null {
    const row = this.store.get('ticket', id);
    if (!row) return null;
    let t: Ticket = row.data;
    for (const p of patches) t = { ...t, ...(p.data as Partial<Ticket>) };
    return { ...t, pending: patches.map((p) => this.localState(p)) };
  }

  private localState(row: OptimisticRow): LocalState {
    const item = this.store.getOutboxItem(row.outboxId);
    return { outboxId: row.outboxId, status: item?.status ?? 'pending', error: item?.error ?? null };
  }
}
