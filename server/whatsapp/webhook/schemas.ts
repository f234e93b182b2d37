import { z } from 'zod';

/** Meta's webhook envelope, read leniently: unknown fields pass, unknown shapes are skipped, never fatal. */
const mediaBody = z.object({ id: z.string(), mime_type: z.string().optional(), sha256: z.string().optional(), caption: z.string().optional(), filename: z.string().optional(), voice: z.boolean().optional(), animated: z.boolean().optional() }).loose();

export const inboundMessageSchema = z.object({
  from: z.string(),
  id: z.string(),
  timestamp: z.string().regex(/^\d+$/),
  type: z.string(),
  context: z.object({ from: z.string().optional(), id: z.string().optional(), forwarded: z.boolean().optional() }).loose().optional(),
  text: z.object({ body: z.string() }).loose().optional(),
  image: mediaBody.optional(),
  document: mediaBody.optional(),
  audio: mediaBody.optional(),
  video: mediaBody.optional(),
  sticker: mediaBody.optional(),
  location: z.object({ latitude: z.number(), longitude: z.number(), name: z.string().optional(), address: z.string().optional(), url: z.string().optional() }).loose().optional(),
  contacts: z.array(z.record(z.string(), z.unknown())).optional(),
  interactive: z.object({
    type: z.string(),
    button_reply: z.object({ id: z.string(), title: z.string() }).loose().optional(),
    list_reply: z.object({ id: z.string(), title: z.string(), description: z.string().optional() }).loose().optional(),
  }).loose().optional(),
  button: z.object({ payload: z.string().optional(), text: z.string() }).loose().optional(),
  reaction: z.object({ message_id: z.string(), emoji: z.string().optional() }).loose().optional(),
  system: z.object({ body: z.string().optional(), wa_id: z.string().optional(), type: z.string().optional() }).loose().optional(),
  errors: z.array(z.object({ code: z.number(), title: z.string().optional(), message: z.string().optional() }).loose()).optional(),
}).loose();
export type WaInboundMessage = z.infer<typeof inboundMessageSchema>;

export const statusSchema = z.object({
  id: z.string(),
  status: z.enum(['sent', 'delivered', 'read', 'failed', 'played', 'deleted']),
  timestamp: z.string().regex(/^\d+$/),
  recipient_id: z.string().optional(),
  biz_opaque_callback_data: z.string().optional(),
  errors: z.array(z.object({ code: z.number(), title: z.string().optional(), message: z.string().optional(), error_data: z.object({ details: z.string().optional() }).loose().optional() }).loose()).optional(),
}).loose();
export type WaStatus = z.infer<typeof statusSchema>;

export const messagesValueSchema = z.object({
  messaging_product: z.literal('whatsapp').optional(),
  metadata: z.object({ display_phone_number: z.string().optional(), phone_number_id: z.string() }).loose(),
  contacts: z.array(z.object({ wa_id: z.string(), profile: z.object({ name: z.string().optional() }).loose().optional() }).loose()).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(z.object({ code: z.number(), title: z.string().optional(), message: z.string().optional() }).loose()).optional(),
}).loose();

export const templateStatusValueSchema = z.object({
  event: z.string(),
  message_template_id: z.union([z.number(), z.string()]).optional(),
  message_template_name: z.string(),
  message_template_language: z.string(),
  reason: z.string().nullable().optional(),
  message_template_category: z.string().optional(),
}).loose();

export const qualityValueSchema = z.object({
  display_phone_number: z.string(),
  event: z.string(),
  current_limit: z.string().optional(),
  max_daily_conversations_per_business: z.string().optional(),
}).loose();

export const envelopeSchema = z.object({
  object: z.string(),
  entry: z.array(z.object({
    id: z.string(),
    changes: z.array(z.object({ field: z.string(), value: z.unknown() }).loose()),
  }).loose()),
}).loose();
