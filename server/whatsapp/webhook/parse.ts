import type { MessageType } from '../../../shared/api/messages';
import type { InboundMessage } from '../../services/inbound';
import {
  envelopeSchema, inboundMessageSchema, messagesValueSchema, qualityValueSchema, statusSchema, templateStatusValueSchema, type WaInboundMessage,
} from './schemas';

export interface StatusEvent {
  kind: 'status';
  phoneNumberId: string;
  wamid: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  at: Date;
  recipientId: string | null;
  /** Our message id, echoed from the send request. */
  callbackData: string | null;
  error: { code: number; title: string; details: string | null } | null;
}
export interface TemplateStatusEvent {
  kind: 'template_status';
  wabaId: string;
  metaId: string | null;
  name: string;
  language: string;
  event: string;
  reason: string | null;
}
export interface QualityEvent {
  kind: 'quality';
  wabaId: string;
  displayPhone: string;
  event: string;
  tier: string | null;
}
export interface SkippedEvent {
  kind: 'skipped';
  reason: string;
}
export type WebhookEvent = ({ kind: 'message' } & InboundMessage) | StatusEvent | TemplateStatusEvent | QualityEvent | SkippedEvent;

const fromUnix = (s: string) => new Date(Number(s) * 1000);
const MEDIA_TYPES = ['image', 'document', 'audio', 'video', 'sticker'] as const;

/** Turns one webhook body into the events it carries; anything unreadable becomes a `skipped` event. */
export function parseWebhook(body: string): WebhookEvent[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return [{ kind: 'skipped', reason: 'body is not JSON' }];
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success || envelope.data.object !== 'whatsapp_business_account') return [{ kind: 'skipped', reason: 'not a WhatsApp Business Account notification' }];
  const events: WebhookEvent[] = [];
  for (const entry of envelope.data.entry) {
    for (const change of entry.changes) {
      if (change.field === 'messages') events.push(...parseMessagesValue(change.value));
      else if (change.field === 'message_template_status_update') {
        const v = templateStatusValueSchema.safeParse(change.value);
        events.push(v.success
          ? { kind: 'template_status', wabaId: entry.id, metaId: v.data.message_template_id === undefined ? null : String(v.data.message_template_id), name: v.data.message_template_name, language: v.data.message_template_language, event: v.data.event, reason: v.data.reason ?? null }
          : { kind: 'skipped', reason: 'unreadable template status update' });
      } else if (change.field === 'phone_number_quality_update') {
        const v = qualityValueSchema.safeParse(change.value);
        events.push(v.success
          ? { kind: 'quality', wabaId: entry.id, displayPhone: v.data.display_phone_number, event: v.data.event, tier: v.data.max_daily_conversations_per_business ?? v.data.current_limit ?? null }
          : { kind: 'skipped', reason: 'unreadable quality update' });
      } else events.push({ kind: 'skipped', reason: `field ${change.field} is not handled` });
    }
  }
  return events;
}

function parseMessagesValue(value: unknown): WebhookEvent[] {
  const v = messagesValueSchema.safeParse(value);
  if (!v.success) return [{ kind: 'skipped', reason: 'unreadable messages value' }];
  const pnid = v.data.metadata.phone_number_id;
  const names = new Map((v.data.contacts ?? []).map((c) => [c.wa_id, c.profile?.name ?? null]));
  const events: WebhookEvent[] = [];
  for (const raw of v.data.messages ?? []) {
    const m = inboundMessageSchema.safeParse(raw);
    events.push(m.success ? { kind: 'message', ...toInbound(pnid, m.data, names.get(m.data.from) ?? null) } : { kind: 'skipped', reason: 'unreadable message' });
  }
  for (const raw of v.data.statuses ?? []) {
    const s = statusSchema.safeParse(raw);
    if (!s.success || !['sent', 'delivered', 'read', 'failed'].includes(s.data.status)) {
      events.push({ kind: 'skipped', reason: 'unreadable or ignored status' });
      continue;
    }
    const e = s.data.errors?.[0];
    events.push({
      kind: 'status', phoneNumberId: pnid, wamid: s.data.id, status: s.data.status as StatusEvent['status'], at: fromUnix(s.data.timestamp),
      recipientId: s.data.recipient_id ?? null, callbackData: s.data.biz_opaque_callback_data ?? null,
      error: e ? { code: e.code, title: e.title ?? e.message ?? 'Error', details: e.error_data?.details ?? null } : null,
    });
  }
  for (const e of v.data.errors ?? []) events.push({ kind: 'skipped', reason: `system error ${e.code} ${e.title ?? ''}`.trim() });
  return events;
}

/** Maps one Cloud API message to what we store: type, a readable text, and type-specific content. */
export function toInbound(phoneNumberId: string, m: WaInboundMessage, profileName: string | null): InboundMessage {
  const base = { phoneNumberId, waId: m.from, profileName, wamid: m.id, waTimestamp: fromUnix(m.timestamp), replyToWamid: m.context?.id ?? null };
  const known = (type: MessageType, text: string | null, content: Record<string, unknown> | null = null): InboundMessage => ({ ...base, type, text, content, media: null });
  switch (m.type) {
    case 'text':
      return known('text', m.text?.body ?? '', m.context?.forwarded ? { forwarded: true } : null);
    case 'location':
      return known('location', m.location?.name ?? m.location?.address ?? null, m.location ? { ...m.location } : null);
    case 'contacts':
      return known('contacts', null, { contacts: m.contacts ?? [] });
    case 'interactive': {
      const reply = m.interactive?.button_reply ?? m.interactive?.list_reply;
      return known('interactive', reply?.title ?? null, m.interactive ? { ...m.interactive } : null);
    }
    case 'button':
      return known('button', m.button?.text ?? null, m.button ? { ...m.button } : null);
    case 'reaction':
      return { ...known('reaction', m.reaction?.emoji ?? null, m.reaction ? { ...m.reaction } : null), replyToWamid: m.reaction?.message_id ?? null };
    case 'system':
      return known('system', m.system?.body ?? null, m.system ? { ...m.system } : null);
    default: {
      const kind = MEDIA_TYPES.find((t) => t === m.type);
      const body = kind ? m[kind] : undefined;
      if (kind && body) {
        return {
          ...base, type: kind, text: body.caption ?? null, content: { sha256: body.sha256 ?? null, ...(body.voice !== undefined ? { voice: body.voice } : {}), ...(body.animated !== undefined ? { animated: body.animated } : {}) },
          media: { id: body.id, mimeType: body.mime_type ?? null, filename: body.filename ?? null },
        };
      }
      return known('unsupported', null, { originalType: m.type, errors: m.errors ?? [] });
    }
  }
}
