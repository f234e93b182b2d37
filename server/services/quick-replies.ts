import { asc, eq, inArray } from 'drizzle-orm';
import type { QuickReplyCategory } from '../../shared/api/notes';
import type { DbOrTx } from '../db/client';
import { quickReplies, quickReplyCategories } from '../db/schema';

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
