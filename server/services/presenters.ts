import { eq, sql } from 'drizzle-orm';
import type { Message } from '../../shared/api/messages';
import type { Note } from '../../shared/api/notes';
import type { Contact, Ticket } from '../../shared/api/tickets';
import type { DbOrTx } from '../db/client';
import { contacts, messages, notes, tickets, users } from '../db/schema';
import type { UnitOfWork } from './unit-of-work';

type TicketRow = typeof tickets.$inferSelect;
type ContactRow = typeof contacts.$inferSelect;
type MessageRow = typeof messages.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentTicket(t: TicketRow, c: Pick<ContactRow, 'id' | 'name' | 'profileName' | 'waId' | 'phone'>, unread?: number): Ticket {
  return {
    id: t.id, numberId: t.numberId, queueId: t.queueId, assigneeId: t.assigneeId, state: t.state,
    closeReason: t.closeReason, tags: t.tags, createdAt: t.createdAt.toISOString(), assignedAt: iso(t.assignedAt),
    firstResponseAt: iso(t.firstResponseAt), closedAt: iso(t.closedAt), lastMessageAt: t.lastMessageAt.toISOString(),
    lastMessageAuthor: t.lastMessageAuthor, lastMessagePreview: t.lastMessagePreview, windowExpiresAt: iso(t.windowExpiresAt),
    contact: { id: c.id, name: c.name ?? c.profileName, waId: c.waId, phone: c.phone },
    ...(unread === undefined ? {} : { unread }),
  };
}

export function presentContact(c: ContactRow): Contact {
  return {
    id: c.id, numberId: c.numberId, waId: c.waId, phone: c.phone, name: c.name, profileName: c.profileName,
    email: c.email, city: c.city, document: c.document, lastInteractionAt: iso(c.lastInteractionAt),
    windowExpiresAt: iso(c.windowExpiresAt), createdAt: c.createdAt.toISOString(),
  };
}

export function presentMessage(m: MessageRow): Message {
  return {
    id: m.id, ticketId: m.ticketId, numberId: m.numberId, direction: m.direction, author: m.author, authorId: m.authorId,
    type: m.type as Message['type'], text: m.text, media: m.media ?? null, content: m.content ?? null, replyToId: m.replyToId,
    wamid: m.wamid, status: m.status as Message['status'], error: m.error ?? null, clientId: m.clientId,
    createdAt: m.createdAt.toISOString(),
  };
}

export function presentNote(n: typeof notes.$inferSelect, authorName: string): Note {
  return {
    id: n.id, numberId: n.numberId, ticketId: n.ticketId, contactId: n.contactId, authorId: n.authorId, authorName,
    text: n.text, createdAt: n.createdAt.toISOString(), updatedAt: n.updatedAt.toISOString(),
  };
}

export async function loadTicketRow(db: DbOrTx, id: string, lock = false): Promise<TicketRow | undefined> {
  const q = db.select().from(tickets).where(eq(tickets.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function loadTicket(db: DbOrTx, id: string): Promise<Ticket | undefined> {
  const [row] = await db.select({ t: tickets, c: contacts }).from(tickets).innerJoin(contacts, eq(contacts.id, tickets.contactId)).where(eq(tickets.id, id));
  return row ? presentTicket(row.t, row.c) : undefined;
}

/** Records the ticket as it is now in the change feed; `prevAssigneeId` tells a former assignee it left them. */
export async function recordTicket(uow: UnitOfWork, id: string, prevAssigneeId: string | null = null): Promise<Ticket> {
  const [row] = await uow.tx.select({ t: tickets, c: contacts }).from(tickets).innerJoin(contacts, eq(contacts.id, tickets.contactId)).where(eq(tickets.id, id));
  if (!row) throw new Error(`ticket ${id} vanished inside its own transaction`);
  return recordTicketRow(uow, row.t, row.c, prevAssigneeId);
}

/** The same when the caller already holds the ticket as it is now (saves a query on hot paths). */
export function recordTicketRow(uow: UnitOfWork, t: TicketRow, c: ContactRow, prevAssigneeId: string | null = null): Ticket {
  const row = { t, c };
  const id = t.id;
  const view = presentTicket(row.t, row.c);
  uow.record({
    orgId: row.t.orgId, ticketId: id, queueId: row.t.queueId, assigneeId: row.t.assigneeId,
    prevAssigneeId: prevAssigneeId !== row.t.assigneeId ? prevAssigneeId : null, userId: null,
    change: { entity: 'ticket', op: 'upsert', id, numberId: row.t.numberId, at: uow.ctx.clock.now().toISOString(), data: view },
  });
  return view;
}

export function recordMessage(uow: UnitOfWork, m: MessageRow, ticket: Pick<TicketRow, 'orgId' | 'queueId' | 'assigneeId'>): Message {
  const view = presentMessage(m);
  uow.record({
    orgId: ticket.orgId, ticketId: m.ticketId, queueId: ticket.queueId, assigneeId: ticket.assigneeId, prevAssigneeId: null, userId: null,
    change: { entity: 'message', op: 'upsert', id: m.id, numberId: m.numberId, at: uow.ctx.clock.now().toISOString(), data: view },
  });
  return view;
}

export function recordContact(uow: UnitOfWork, c: ContactRow): Contact {
  const view = presentContact(c);
  uow.record({
    orgId: c.orgId, ticketId: null, queueId: null, assigneeId: null, prevAssigneeId: null, userId: null,
    change: { entity: 'contact', op: 'upsert', id: c.id, numberId: c.numberId, at: uow.ctx.clock.now().toISOString(), data: view },
  });
  return view;
}

export async function authorName(db: DbOrTx, userId: string): Promise<string> {
  const [u] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return u?.name ?? '';
}

export const lowerEq = (col: unknown, value: string) => sql`lower(${col}) = ${value.toLowerCase()}`;
