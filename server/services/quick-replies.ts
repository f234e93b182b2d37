import { asc, eq, inArray } from 'drizzle-orm';
import type { QuickReplyCategory } from '../../shared/api/notes';
import { uuidv7 } from '../../shared/uuid';
import type { DbOrTx } from '../db/client';
import { quickReplies, quickReplyCategories } from '../db/schema';
import type { ServiceContext } from './context';
import { AppError } from './errors';
import { inTransaction } from './unit-of-work';

/**
 * The organisation's quick replies by category. One library serves every number, so an edit
 * applies at once wherever its author (or anyone) works (SPEC ATD-7).
 */
export async function listQuickReplies(db: DbOrTx, orgId: string): Promise<QuickReplyCategory[]> {
  const cats = await db.select().from(quickReplyCategories).where(eq(quickReplyCategories.orgId, orgId)).orderBy(asc(quickReplyCategories.name));
  if (cats.length === 0) return [];
  const replies = await db
    .select()
    .from(quickReplies)
    .where(inArray(quickReplies.categoryId, cats.map((c) => c.id)))
    .orderBy(asc(quickReplies.position), asc(quickReplies.title));
  return cats.map((c) => ({
    id: c.id,
    name: c.name,
    authorId: c.authorId,
    updatedAt: c.updatedAt.toISOString(),
    replies: replies.filter((r) => r.categoryId === c.id).map((r) => ({ id: r.id, title: r.title, text: r.text })),
  }));
}

export interface QuickReplyCategoryInput {
  orgId: string;
  authorId: string;
  /** Omit to create a category; give to replace an existing one (its replies are replaced too). */
  id?: string;
  name: string;
  replies: Array<{ title: string; text: string }>;
}

/**
 * Creates or replaces a category with its replies (name ≤ 60, title ≤ 30, text only) and
 * records it in the change feed for every desk of the organisation.
 */
export async function saveQuickReplyCategory(ctx: ServiceContext, input: QuickReplyCategoryInput): Promise<QuickReplyCategory> {
  const name = input.name.trim();
  if (!name || name.length > 60) throw new AppError('validation', 'A category name needs 1 to 60 characters.', 'name');
  input.replies.forEach((r, i) => {
    if (!r.title.trim() || r.title.trim().length > 30) throw new AppError('validation', 'A quick reply title needs 1 to 30 characters.', `replies.${i}.title`);
    if (!r.text.trim()) throw new AppError('validation', 'A quick reply needs a text.', `replies.${i}.text`);
  });
  return inTransaction(ctx, async (uow) => {
    const now = ctx.clock.now();
    const id = input.id ?? uuidv7(now.getTime());
    if (input.id) {
      const [existing] = await uow.tx.select().from(quickReplyCategories).where(eq(quickReplyCategories.id, input.id));
      if (!existing || existing.orgId !== input.orgId) throw new AppError('not_found', 'The quick-reply category was not found.');
      await uow.tx.update(quickReplyCategories).set({ name, updatedAt: now }).where(eq(quickReplyCategories.id, id));
      await uow.tx.delete(quickReplies).where(eq(quickReplies.categoryId, id));
    } else {
      await uow.tx.insert(quickReplyCategories).values({ id, orgId: input.orgId, authorId: input.authorId, name, updatedAt: now });
    }
    if (input.replies.length > 0) {
      await uow.tx.insert(quickReplies).values(input.replies.map((r, position) => ({ id: uuidv7(now.getTime()), categoryId: id, title: r.title.trim(), text: r.text, position })));
    }
    const [view] = (await listQuickReplies(uow.tx, input.orgId)).filter((c) => c.id === id);
    uow.record({
      orgId: input.orgId, ticketId: null, queueId: null, assigneeId: null, prevAssigneeId: null, userId: null,
      change: { entity: 'quick_reply_category', op: 'upsert', id, numberId: null, at: now.toISOString(), data: view! },
    });
    return view!;
  });
}
