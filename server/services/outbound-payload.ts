import { eq } from 'drizzle-orm';
import type { Tx, Db } from '../db/client';
import { contacts, media, messages, numbers } from '../db/schema';
import type { MediaKind } from '../whatsapp/graph/limits';
import { mediaMessage, templateMessage, textMessage, type TemplateInput } from '../whatsapp/graph/payloads';
import { PayloadError } from '../whatsapp/graph/errors';
import type { OutgoingMessage } from '../whatsapp/graph/types';
import type { ServiceContext } from './context';

type MessageRow = typeof messages.$inferSelect;
const MEDIA_KINDS: readonly MediaKind[] = ['image', 'document', 'audio', 'video', 'sticker'];
/** Ids of media uploaded to WhatsApp live 30 days; re-upload a little before. */
const UPLOAD_REUSE_MS = 29 * 24 * 3600_000;

/** What we keep in `messages.content` for a template message. */
export interface TemplateContent {
  template: { name: string; language: string; body: string[]; header?: string[]; buttons?: Array<{ index: number; subType: 'quick_reply' | 'url'; value: string }> };
}

/**
 * Builds the Cloud API request for one of our outbound messages: recipient, reply context, our id as
 * biz_opaque_callback_data, and for media the WhatsApp media id (uploading our copy when needed).
 */
export async function buildOutgoing(ctx: ServiceContext, db: Db | Tx, m: MessageRow): Promise<{ phoneNumberId: string; payload: OutgoingMessage }> {
  const [number] = await db.select({ phoneNumberId: numbers.phoneNumberId }).from(numbers).where(eq(numbers.id, m.numberId));
  const [contact] = await db.select({ waId: contacts.waId }).from(contacts).where(eq(contacts.id, m.contactId));
  if (!number || !contact) throw new PayloadError('to', 'the number or the contact of this message no longer exists');
  let replyTo: string | undefined;
  if (m.replyToId) {
    const [quoted] = await db.select({ wamid: messages.wamid }).from(messages).where(eq(messages.id, m.replyToId));
    replyTo = quoted?.wamid ?? undefined;
  }
  const opts = { bizOpaqueCallbackData: m.id, ...(replyTo ? { replyTo } : {}) };
  const to = contact.waId;
  if (m.type === 'text') return { phoneNumberId: number.phoneNumberId, payload: textMessage(to, m.text ?? '', opts) };
  if (m.type === 'template') {
    const t = (m.content as TemplateContent | null)?.template;
    if (!t) throw new PayloadError('template', 'the message has no template');
    const input: TemplateInput = {
      name: t.name, language: t.language, body: t.body,
      ...(t.header?.length ? { header: t.header.map((text) => ({ type: 'text' as const, text })) } : {}),
      ...(t.buttons?.length ? { buttons: t.buttons.map((b) => (b.subType === 'url' ? { subType: 'url' as const, index: b.index, text: b.value } : { subType: 'quick_reply' as const, index: b.index, payload: b.value })) } : {}),
    };
    return { phoneNumberId: number.phoneNumberId, payload: templateMessage(to, input, opts) };
  }
  const kind = MEDIA_KINDS.find((k) => k === m.type);
  if (kind && m.media) {
    const waId = await uploadedMediaId(ctx, db, number.phoneNumberId, m.media.id);
    const caption = m.text ?? undefined;
    const source = { id: waId };
    const input = kind === 'document'
      ? { kind, ...source, ...(caption ? { caption } : {}), ...(m.media.filename ? { filename: m.media.filename } : {}) }
      : kind === 'image' || kind === 'video'
        ? { kind, ...source, ...(caption ? { caption } : {}) }
        : { kind, ...source };
    return { phoneNumberId: number.phoneNumberId, payload: mediaMessage(to, input, opts) };
  }
  throw new PayloadError('type', `messages of type ${m.type} cannot be sent`);
}

async function uploadedMediaId(ctx: ServiceContext, db: Db | Tx, phoneNumberId: string, mediaId: string): Promise<string> {
  const [row] = await db.select().from(media).where(eq(media.id, mediaId));
  if (!row || row.status !== 'ready' || !row.storageKey) throw new PayloadError('media', 'the attachment is not available');
  if (row.waMediaId && ctx.clock.now().getTime() - row.createdAt.getTime() < UPLOAD_REUSE_MS) return row.waMediaId;
  const bytes = await ctx.media.readBytes(row.storageKey);
  const uploaded = await ctx.graph.uploadMedia(phoneNumberId, { bytes, mimeType: row.mimeType ?? 'application/octet-stream', filename: row.filename ?? 'file' });
  await db.update(media).set({ waMediaId: uploaded.id }).where(eq(media.id, mediaId));
  return uploaded.id;
}
