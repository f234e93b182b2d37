import type { PhoneNumberRecord, TemplateRecord } from './state';
import type { TemplateStatusInput } from './schemas';
import type {
  WebhookEnvelope, WireContact, WireError, WireInboundMessage, WireMessagesValue, WireQualityValue, WireStatus, WireTemplateStatusValue,
} from './wire';

function messagesValue(number: PhoneNumberRecord, rest: Pick<WireMessagesValue, 'contacts' | 'messages' | 'statuses' | 'errors'>): WireMessagesValue {
  return {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: number.displayDigits, phone_number_id: number.id },
    ...rest,
  };
}

function envelope<V>(wabaId: string, field: WebhookEnvelope['entry'][number]['changes'][number]['field'], value: V, time?: number): WebhookEnvelope<V> {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: wabaId, ...(time === undefined ? {} : { time }), changes: [{ value, field }] }],
  };
}

/** An inbound customer message. System messages come without `contacts`, as Meta sends them. */
export function inboundEnvelope(number: PhoneNumberRecord, contact: WireContact | null, message: WireInboundMessage): WebhookEnvelope<WireMessagesValue> {
  const value = messagesValue(number, contact ? { contacts: [contact], messages: [message] } : { messages: [message] });
  return envelope(number.wabaId, 'messages', value);
}

export function statusEnvelope(number: PhoneNumberRecord, status: WireStatus): WebhookEnvelope<WireMessagesValue> {
  return envelope(number.wabaId, 'messages', messagesValue(number, { statuses: [status] }));
}

/** System-level asynchronous errors (`value.errors[]`, no messages or statuses). */
export function systemErrorEnvelope(number: PhoneNumberRecord, error: WireError): WebhookEnvelope<WireMessagesValue> {
  return envelope(number.wabaId, 'messages', messagesValue(number, { errors: [error] }));
}

export function templateStatusEnvelope(
  template: TemplateRecord,
  change: TemplateStatusInput,
  nowSeconds: number,
): WebhookEnvelope<WireTemplateStatusValue> {
  const value: WireTemplateStatusValue = {
    event: change.status,
    message_template_id: Number(template.id),
    message_template_name: template.name,
    message_template_language: template.language,
    reason: change.reason ?? (change.status === 'REJECTED' ? 'INVALID_FORMAT' : 'NONE'),
    message_template_category: template.category,
    ...(change.rejectionInfo ? { rejection_info: change.rejectionInfo } : {}),
    ...(change.status === 'DISABLED' ? { disable_info: { disable_date: nowSeconds } } : {}),
    ...(change.otherInfo ? { other_info: change.otherInfo } : {}),
  };
  return envelope(template.wabaId, 'message_template_status_update', value, nowSeconds);
}

export function qualityEnvelope(number: PhoneNumberRecord, event: string, oldLimit: string | undefined, nowSeconds: number): WebhookEnvelope<WireQualityValue> {
  const value: WireQualityValue = {
    display_phone_number: number.displayDigits,
    event,
    ...(oldLimit === undefined ? {} : { old_limit: oldLimit }),
    current_limit: number.messagingLimitTier,
    max_daily_conversations_per_business: number.messagingLimitTier,
  };
  return envelope(number.wabaId, 'phone_number_quality_update', value, nowSeconds);
}
