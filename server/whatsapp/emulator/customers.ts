import type { EmulatorContext } from './context';
import { inboundEnvelope } from './envelopes';
import { ControlError } from './errors';
import { checkUpload } from './media-types';
import { storeMedia } from './media';
import { sampleFile } from './sample-files';
import type { CustomerMediaInput, CustomerMessageInput } from './schemas';
import { windowKey, type OutboundRecord } from './state';
import { newWamid } from './wamid';
import type { MediaKind, WireContact, WireInboundMessage, WireMedia } from './wire';

export interface InboundResult {
  id: string;
  deliveryIds: number[];
  mediaId?: string;
  message: WireInboundMessage;
}

const DEFAULT_MIME: Record<MediaKind, string> = {
  image: 'image/jpeg',
  document: 'application/pdf',
  audio: 'audio/ogg; codecs=opus',
  video: 'video/mp4',
  sticker: 'image/webp',
};

function inboundMedia(ctx: EmulatorContext, phoneNumberId: string, kind: MediaKind, input: CustomerMediaInput): WireMedia {
  const mimeType = input.mime_type ?? DEFAULT_MIME[kind];
  const filename = kind === 'document' ? (input.filename ?? 'documento.pdf') : undefined;
  const bytes = input.data_base64 !== undefined ? Buffer.from(input.data_base64, 'base64') : sampleFile(mimeType, { animated: input.animated === true, label: filename });
  try {
    checkUpload(mimeType, bytes);
  } catch (err) {
    throw new ControlError(400, `customer media rejected: ${err instanceof Error ? err.message : String(err)}`);
  }
  const media = storeMedia(ctx, { phoneNumberId, mimeType, bytes, origin: 'inbound', ...(filename ? { filename } : {}) });
  return {
    ...(input.caption !== undefined && kind !== 'audio' && kind !== 'sticker' ? { caption: input.caption } : {}),
    ...(filename ? { filename } : {}),
    mime_type: mimeType,
    // Webhooks carry the checksum in base64 (the media endpoint answers it in hex).
    sha256: media.sha256.toString('base64'),
    id: media.id,
    ...(kind === 'audio' ? { voice: input.voice ?? false } : {}),
    ...(kind === 'sticker' ? { animated: input.animated ?? false } : {}),
  };
}

/** The business message a button or list reply answers when the caller gives no context. */
function latestOutbound(ctx: EmulatorContext, phoneNumberId: string, waId: string, types: string[]): OutboundRecord | undefined {
  let found: OutboundRecord | undefined;
  for (const record of ctx.state.outbound.values()) {
    if (record.phoneNumberId === phoneNumberId && record.to === waId && types.includes(record.type)) found = record;
  }
  return found;
}

function withMedia(ctx: EmulatorContext, phoneNumberId: string, kind: MediaKind, input: CustomerMediaInput | undefined): { body: Partial<WireInboundMessage>; mediaId: string } {
  const media = inboundMedia(ctx, phoneNumberId, kind, input ?? {});
  return { body: { [kind]: media }, mediaId: media.id };
}

function typeBody(ctx: EmulatorContext, input: CustomerMessageInput, name: string): { body: Partial<WireInboundMessage>; mediaId?: string } {
  switch (input.type) {
    case 'text':
      return { body: { text: { body: input.text.body } } };
    case 'image':
      return withMedia(ctx, input.phoneNumberId, 'image', input.image);
    case 'document':
      return withMedia(ctx, input.phoneNumberId, 'document', input.document);
    case 'audio':
      return withMedia(ctx, input.phoneNumberId, 'audio', input.audio);
    case 'video':
      return withMedia(ctx, input.phoneNumberId, 'video', input.video);
    case 'sticker':
      return withMedia(ctx, input.phoneNumberId, 'sticker', input.sticker);
    case 'location':
      return { body: { location: input.location } };
    case 'contacts':
      return { body: { contacts: input.contacts } };
    case 'interactive':
      return { body: { interactive: input.interactive } };
    case 'button':
      return { body: { button: input.button } };
    case 'reaction':
      return { body: { reaction: input.reaction } };
    case 'unsupported':
      return {
        body: {
          errors: [{ code: 131051, title: 'Message type unknown', message: 'Message type unknown', error_data: { details: 'Message type is currently not supported.' } }],
          ...(input.unsupported ? { unsupported: input.unsupported } : {}),
        },
      };
    case 'system':
      return {
        body: {
          system: {
            body: input.system.body ?? `${name} changed from ${input.from} to ${input.system.wa_id}`,
            wa_id: input.system.wa_id,
            type: 'user_changed_number',
          },
        },
      };
  }
}

/** A simulated customer sends a message: builds Meta's inbound webhook and queues it. */
export function customerSends(ctx: EmulatorContext, input: CustomerMessageInput): InboundResult {
  const number = ctx.state.numbers.get(input.phoneNumberId);
  if (!number) throw new ControlError(404, `unknown phone number id ${input.phoneNumberId}`);
  const customer = ctx.state.customer(input.from);
  if (input.name) customer.name = input.name;
  const timestamp = input.timestamp ?? ctx.clock.nowSeconds();
  let context = input.context && 'id' in input.context ? { from: input.context.from ?? number.displayDigits, id: input.context.id } : input.context;
  if (!context && (input.type === 'interactive' || input.type === 'button')) {
    const answered = latestOutbound(ctx, number.id, input.from, input.type === 'button' ? ['template'] : ['interactive']);
    if (answered) context = { from: number.displayDigits, id: answered.wamid };
  }
  const { body, mediaId } = typeBody(ctx, input, customer.name);
  const message: WireInboundMessage = {
    ...(context ? { context } : {}),
    from: input.from,
    id: input.id ?? newWamid(input.from),
    timestamp: String(timestamp),
    type: input.type,
    ...body,
  };
  const contact: WireContact | null = input.type === 'system' ? null : { profile: { name: customer.name }, wa_id: input.from };
  // Only a customer's own message opens or renews the 24-hour window.
  if (input.type !== 'system') {
    const key = windowKey(number.id, input.from);
    ctx.state.windows.set(key, Math.max(ctx.state.windows.get(key) ?? 0, timestamp * 1000));
  }
  ctx.state.addInbound({ wamid: message.id, phoneNumberId: number.id, from: input.from, at: ctx.clock.now(), readByBusiness: false, message });
  const payload = inboundEnvelope(number, contact, message);
  const deliveryIds: number[] = [];
  for (let i = 0; i < (input.times ?? 1); i++) {
    deliveryIds.push(ctx.webhooks.enqueue(payload, { kind: 'message', field: 'messages', wamid: message.id }).id);
  }
  return { id: message.id, deliveryIds, message, ...(mediaId ? { mediaId } : {}) };
}
