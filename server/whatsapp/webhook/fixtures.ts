/**
 * Builders of webhook bodies in Meta's shapes (see the Cloud API reference), for tests and the bench.
 * Timestamps are Unix seconds as strings, ids are digit strings, wa_ids have no "+".
 */
export const WABA_ID = '102290129340398';

const unix = (d: Date) => String(Math.floor(d.getTime() / 1000));

function envelope(field: string, value: unknown, wabaId = WABA_ID) {
  return { object: 'whatsapp_business_account', entry: [{ id: wabaId, changes: [{ field, value }] }] };
}

export function inboundPayload(opts: { phoneNumberId: string; displayPhone?: string; waId: string; name?: string; messages: Array<Record<string, unknown>> }) {
  return envelope('messages', {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: opts.displayPhone ?? '5511400000001', phone_number_id: opts.phoneNumberId },
    contacts: [{ profile: { name: opts.name ?? 'Cliente Teste' }, wa_id: opts.waId }],
    messages: opts.messages,
  });
}

let counter = 0;
export const fakeWamid = () => `wamid.TEST${Date.now().toString(36)}${(counter++).toString(36).padStart(6, '0')}`;

/** One customer message of a given type, with the fields Meta sends for it. */
export function customerMessage(type: string, waId: string, at: Date, fields: Record<string, unknown> = {}, id = fakeWamid()): Record<string, unknown> {
  return { from: waId, id, timestamp: unix(at), type, ...fields };
}

export const messageBodies = {
  text: { text: { body: 'Olá, tudo bem? Quero saber do meu pedido 😮' } },
  image: { image: { mime_type: 'image/jpeg', sha256: 'aGFzaA==', id: '1479537139650973', caption: 'Foto do produto' } },
  document: { document: { caption: 'Nota fiscal', filename: 'nota.pdf', mime_type: 'application/pdf', sha256: 'ZG9j', id: '1479537139650974' } },
  audio: { audio: { mime_type: 'audio/ogg; codecs=opus', sha256: 'YXVk', id: '1479537139650975', voice: true } },
  video: { video: { mime_type: 'video/mp4', sha256: 'dmlk', id: '1479537139650976' } },
  sticker: { sticker: { mime_type: 'image/webp', sha256: 'c3Rp', id: '1479537139650977', animated: false } },
  location: { location: { latitude: -23.5614, longitude: -46.6559, name: 'Loja Paulista', address: 'Av. Paulista, 1000, São Paulo' } },
  contacts: { contacts: [{ name: { formatted_name: 'Maria Souza', first_name: 'Maria' }, phones: [{ phone: '+55 11 98888-7777', wa_id: '5511988887777', type: 'CELL' }] }] },
  interactive_button: { interactive: { type: 'button_reply', button_reply: { id: 'opt-2', title: 'Falar com atendente' } } },
  interactive_list: { interactive: { type: 'list_reply', list_reply: { id: 'row-1', title: '2ª via de boleto', description: 'Financeiro' } } },
  button: { button: { payload: 'SIM', text: 'Sim' } },
  unsupported: { errors: [{ code: 131051, title: 'Message type unknown', message: 'Message type unknown', error_data: { details: 'Message type is currently not supported.' } }] },
  system: { system: { body: 'O cliente trocou de número', wa_id: '5511977776666', type: 'user_changed_number' } },
} as const;

export function statusPayload(opts: { phoneNumberId: string; wamid: string; status: 'sent' | 'delivered' | 'read' | 'failed'; recipient: string; at: Date; callbackData?: string; error?: { code: number; title: string; details: string } }) {
  return envelope('messages', {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: '5511400000001', phone_number_id: opts.phoneNumberId },
    statuses: [{
      id: opts.wamid, status: opts.status, timestamp: unix(opts.at), recipient_id: opts.recipient,
      ...(opts.callbackData ? { biz_opaque_callback_data: opts.callbackData } : {}),
      ...(opts.status === 'sent' ? { conversation: { id: 'c0ffee', expiration_timestamp: unix(new Date(opts.at.getTime() + 86400_000)), origin: { type: 'service' } }, pricing: { billable: true, pricing_model: 'PMP', category: 'service', type: 'free_customer_service' } } : {}),
      ...(opts.error ? { errors: [{ code: opts.error.code, title: opts.error.title, message: opts.error.title, error_data: { details: opts.error.details }, href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/' }] } : {}),
    }],
  });
}

export function templateStatusPayload(opts: { wabaId?: string; metaId: string; name: string; language: string; event: string; reason?: string }) {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: opts.wabaId ?? WABA_ID, time: 1751247548, changes: [{ field: 'message_template_status_update', value: { event: opts.event, message_template_id: Number(opts.metaId), message_template_name: opts.name, message_template_language: opts.language, reason: opts.reason ?? 'NONE', message_template_category: 'UTILITY' } }] }],
  };
}

export function qualityPayload(opts: { wabaId?: string; displayPhone: string; event: string; limit?: string }) {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: opts.wabaId ?? WABA_ID, time: 1731617831, changes: [{ field: 'phone_number_quality_update', value: { display_phone_number: opts.displayPhone, event: opts.event, ...(opts.limit ? { current_limit: opts.limit, max_daily_conversations_per_business: opts.limit } : {}) } }] }],
  };
}

/** Serialises like Meta: non-ASCII as lowercase \uXXXX escapes (emoji as surrogate pairs). */
export function metaJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
