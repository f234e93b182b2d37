import { z } from 'zod';
import { clientIdSchema, idSchema, isoDate } from './common';

export const ticketStateSchema = z.enum(['waiting', 'open', 'closed']);
export type TicketState = z.infer<typeof ticketStateSchema>;
export const closeReasonSchema = z.enum(['attended', 'abandoned', 'lost', 'inactive']);
export type CloseReason = z.infer<typeof closeReasonSchema>;
export const authorKindSchema = z.enum(['customer', 'agent', 'bot', 'system']);
export type AuthorKind = z.infer<typeof authorKindSchema>;

export const contactSchema = z.object({
  id: idSchema,
  numberId: idSchema,
  waId: z.string(),
  phone: z.string(),
  name: z.string().nullable(),
  profileName: z.string().nullable(),
  email: z.string().nullable(),
  city: z.string().nullable(),
  document: z.string().nullable(),
  lastInteractionAt: isoDate.nullable(),
  windowExpiresAt: isoDate.nullable(),
  createdAt: isoDate,
});
export type Contact = z.infer<typeof contactSchema>;

export const ticketSchema = z.object({
  id: idSchema,
  numberId: idSchema,
  queueId: idSchema,
  assigneeId: idSchema.nullable(),
  state: ticketStateSchema,
  closeReason: closeReasonSchema.nullable(),
  tags: z.array(z.string()),
  createdAt: isoDate,
  assignedAt: isoDate.nullable(),
  firstResponseAt: isoDate.nullable(),
  closedAt: isoDate.nullable(),
  lastMessageAt: isoDate,
  lastMessageAuthor: authorKindSchema.nullable(),
  lastMessagePreview: z.string().nullable(),
  /** End of the customer-service window (24 h after the customer's last message); null = never opened. */
  windowExpiresAt: isoDate.nullable(),
  contact: z.object({ id: idSchema, name: z.string().nullable(), waId: z.string(), phone: z.string() }),
  /** Customer messages the caller has not read (only in REST answers; the change feed leaves it out). */
  unread: z.number().int().optional(),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const ticketListQuerySchema = z.object({
  numberId: idSchema,
  state: ticketStateSchema.optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type TicketListQuery = z.infer<typeof ticketListQuerySchema>;

export const transferBodySchema = z
  .object({ clientId: clientIdSchema, toUserId: idSchema.optional(), toQueueId: idSchema.optional() })
  .refine((b) => (b.toUserId ? 1 : 0) + (b.toQueueId ? 1 : 0) === 1, {
    message: 'Give exactly one of toUserId or toQueueId',
    path: ['toUserId'],
  });
export const closeBodySchema = z.object({
  clientId: clientIdSchema,
  tags: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
});
export const clientIdBodySchema = z.object({ clientId: clientIdSchema });
export const readBodySchema = z.object({ clientId: clientIdSchema, upTo: idSchema });

export const readMarkerSchema = z.object({ ticketId: idSchema, upTo: idSchema, at: isoDate });
export type ReadMarker = z.infer<typeof readMarkerSchema>;
