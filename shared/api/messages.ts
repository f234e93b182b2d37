import { z } from 'zod';
import { authorKindSchema } from './tickets';
import { clientIdSchema, idSchema, isoDate } from './common';
import { templateVariablesSchema } from './templates';

export const messageTypeSchema = z.enum([
  'text', 'image', 'document', 'audio', 'video', 'sticker', 'location', 'contacts',
  'interactive', 'button', 'reaction', 'template', 'unsupported', 'system',
]);
export type MessageType = z.infer<typeof messageTypeSchema>;
export const deliveryStatusSchema = z.enum(['received', 'queued', 'sending', 'sent', 'delivered', 'read', 'failed']);
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

export const messageSchema = z.object({
  id: idSchema,
  ticketId: idSchema,
  numberId: idSchema,
  direction: z.enum(['in', 'out']),
  author: authorKindSchema,
  authorId: idSchema.nullable(),
  type: messageTypeSchema,
  text: z.string().nullable(),
  media: z.object({ id: z.string(), mimeType: z.string().nullable(), filename: z.string().nullable() }).nullable(),
  /** Type-specific content (location, contacts, interactive reply, template parameters…). */
  content: z.record(z.string(), z.unknown()).nullable(),
  replyToId: idSchema.nullable(),
  wamid: z.string().nullable(),
  status: deliveryStatusSchema,
  error: z.object({ code: z.number().int(), title: z.string(), reason: z.string() }).nullable(),
  clientId: z.string().nullable(),
  createdAt: isoDate,
});
export type Message = z.infer<typeof messageSchema>;

export const messageListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** A message id: answers the messages before it in server order. */
  before: idSchema.optional(),
});

export const sendTextBodySchema = z.object({
  clientId: clientIdSchema,
  type: z.literal('text'),
  text: z.string().trim().min(1, 'Type a message').max(4096, 'A WhatsApp text holds at most 4096 characters'),
  replyTo: idSchema.optional(),
});
export const sendMediaBodySchema = z.object({
  clientId: clientIdSchema,
  type: z.literal('media'),
  /** An id from POST /api/v1/media. */
  mediaId: idSchema,
  caption: z.string().trim().max(1024).optional(),
  replyTo: idSchema.optional(),
});
export const sendTemplateBodySchema = templateVariablesSchema.extend({ clientId: clientIdSchema, type: z.literal('template') });
export const sendMessageBodySchema = z.discriminatedUnion('type', [sendTextBodySchema, sendMediaBodySchema, sendTemplateBodySchema]);
export type SendMessageBody = z.infer<typeof sendMessageBodySchema>;
