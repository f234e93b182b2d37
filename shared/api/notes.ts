import { z } from 'zod';
import { clientIdSchema, idSchema, isoDate } from './common';

export const noteSchema = z.object({
  id: idSchema,
  numberId: idSchema,
  ticketId: idSchema.nullable(),
  contactId: idSchema.nullable(),
  authorId: idSchema,
  authorName: z.string(),
  text: z.string(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Note = z.infer<typeof noteSchema>;

export const noteBodySchema = z.object({
  clientId: clientIdSchema,
  text: z.string().trim().min(1, 'Write the note').max(10000),
});

export const quickReplySchema = z.object({ id: idSchema, title: z.string(), text: z.string() });
export const quickReplyCategorySchema = z.object({
  id: idSchema,
  name: z.string(),
  authorId: idSchema,
  replies: z.array(quickReplySchema),
  updatedAt: isoDate,
});
export type QuickReplyCategory = z.infer<typeof quickReplyCategorySchema>;
