import { asc, eq } from 'drizzle-orm';
import type { Note } from '../../shared/api/notes';
import { uuidv7 } from '../../shared/uuid';
import { contacts, notes, users } from '../db/schema';
import type { AccessScope } from './access';
import type { ServiceContext } from './context';
import { notFound } from './errors';
import { authorName, loadTicketRow, presentNote } from './presenters';
import type { UnitOfWork } from './unit-of-work';

type Target = { kind: 'ticket'; id: string } | { kind: 'contact'; id: string };

/** Resolves a note target the caller may see: a ticket (its visibility) or a contact (its number's). */
async function resolveTarget(db: UnitOfWork['tx'] | ServiceContext['db'], scope: AccessScope, target: Target) {
  if (target.kind === 'ticket') {
    const t = await loadTicketRow(db, target.id);
    if (!t) throw notFound('The ticket');
    await scope.requireTicket(t);
    return { orgId: t.orgId, numberId: t.numberId, ticketId: t.id, contactId: null, assigneeId: t.assigneeId, queueId: t.queueId };
  }
  const [c] = await db.select().from(contacts).where(eq(contacts.id, target.id));
  if (!c || !(await scope.numbers()).has(c.numberId)) throw notFound('The contact');
  return { orgId: c.orgId, numberId: c.numberId, ticketId: null, contactId: c.id, assigneeId: null, queueId: null };
}

/** A private note (never sent to the customer) on a ticket or a contact. */
export async function addNote(uow: UnitOfWork, scope: AccessScope, target: Target, text: string): Promise<Note> {
  const t = await resolveTarget(uow.tx, scope, target);
  const now = uow.ctx.clock.now();
  const [row] = await uow.tx
    .insert(notes)
    .values({ id: uuidv7(now.getTime()), orgId: t.orgId, numberId: t.numberId, ticketId: t.ticketId, contactId: t.contactId, authorId: scope.actor.userId, text, createdAt: now, updatedAt: now })
    .returning();
  const view = presentNote(row!, await authorName(uow.tx, scope.actor.userId));
  uow.record({
    orgId: t.orgId, ticketId: t.ticketId, queueId: t.queueId, assigneeId: t.assigneeId, prevAssigneeId: null, userId: null,
    change: { entity: 'note', op: 'upsert', id: view.id, numberId: t.numberId, at: now.toISOString(), data: view },
  });
  return view;
}

export async function listNotes(ctx: ServiceContext, scope: AccessScope, target: Target): Promise<Note[]> {
  await resolveTarget(ctx.db, scope, target);
  const found = await ctx.db
    .select({ n: notes, name: users.name })
    .from(notes)
    .innerJoin(users, eq(users.id, notes.authorId))
    .where(target.kind === 'ticket' ? eq(notes.ticketId, target.id) : eq(notes.contactId, target.id))
    .orderBy(asc(notes.createdAt), asc(notes.id));
  return found.map((r) => presentNote(r.n, r.name));
}
