import { z } from 'zod';
import { accessLevelSchema } from './auth';
import { agentStatusSchema, idSchema, isoDate } from './common';
import { messageSchema } from './messages';
import { noteSchema, quickReplyCategorySchema } from './notes';
import { contactSchema, readMarkerSchema, ticketSchema } from './tickets';

const base = {
  /** Position in the organisation's change feed; visible in commit order, never reused. */
  seq: z.number().int().positive(),
  id: z.string(),
  numberId: idSchema.nullable(),
  at: isoDate,
};
function entity<E extends string, T extends z.ZodType>(name: E, data: T) {
  return z.object({ ...base, entity: z.literal(name), op: z.enum(['upsert', 'delete']), data: data.nullable() });
}

/**
 * One change a client may cache. `delete` carries no data: the entity left the caller's view
 * (deleted, or e.g. a ticket assigned to a colleague).
 */
export const changeSchema = z.discriminatedUnion('entity', [
  entity('ticket', ticketSchema),
  entity('message', messageSchema),
  entity('note', noteSchema),
  entity('contact', contactSchema),
  entity('quick_reply_category', quickReplyCategorySchema),
  entity('read_marker', readMarkerSchema),
  entity('agent_status', z.object({ userId: idSchema, status: agentStatusSchema })),
  /** The caller's access to a number changed: `none` = wipe it; otherwise reload that number. */
  entity('access', z.object({ numberId: idSchema, level: z.union([accessLevelSchema, z.literal('none')]) })),
]);
export type Change = z.infer<typeof changeSchema>;
export type ChangeEntity = Change['entity'];

export const syncQuerySchema = z.object({
  since: z.coerce.number().int().min(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export const syncResponseSchema = z.object({
  changes: z.array(changeSchema),
  /** Pass as `since` next time. */
  next: z.number().int().min(0),
  hasMore: z.boolean(),
});
export type SyncResponse = z.infer<typeof syncResponseSchema>;
export const syncHeadSchema = z.object({ seq: z.number().int().min(0) });
