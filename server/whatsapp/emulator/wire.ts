// Wire shapes of the WhatsApp Cloud API as this emulator sends and receives them
// (see the reference spec). Kept free of imports so tests and other tools can reuse them.

export type WebhookField =
  | 'messages'
  | 'message_template_status_update'
  | 'phone_number_quality_update';

export interface WebhookEnvelope<V = unknown> {
  object: 'whatsapp_business_account';
  entry: Array<{ id: string; time?: number; changes: Array<{ value: V; field: WebhookField }> }>;
}

export interface WireMetadata {
  display_phone_number: string;
  phone_number_id: string;
}

export interface WireContact {
  profile: { name: string };
  wa_id: string;
}

export interface WireError {
  code: number;
  title: string;
  message: string;
  error_data?: { details: string };
  href?: string;
}

export interface WireContext {
  from?: string;
  id?: string;
  forwarded?: boolean;
}

export interface WireMedia {
  id: string;
  mime_type: string;
  sha256: string;
  caption?: string;
  filename?: string;
  voice?: boolean;
  animated?: boolean;
}

export type MediaKind = 'image' | 'document' | 'audio' | 'video' | 'sticker';

/** An inbound message object (`value.messages[]`). Type-specific keys are optional. */
export interface WireInboundMessage {
  from: string;
  id: string;
  timestamp: string;
  type: string;
  context?: WireContext;
  text?: { body: string };
  image?: WireMedia;
  document?: WireMedia;
  audio?: WireMedia;
  video?: WireMedia;
  sticker?: WireMedia;
  location?: { latitude: number; longitude: number; name?: string; address?: string; url?: string };
  contacts?: unknown[];
  interactive?:
    | { type: 'button_reply'; button_reply: { id: string; title: string } }
    | { type: 'list_reply'; list_reply: { id: string; title: string; description?: string } };
  button?: { payload: string; text: string };
  reaction?: { message_id: string; emoji?: string };
  errors?: WireError[];
  unsupported?: { type: string };
  system?: { body: string; wa_id?: string; type: string };
}

export interface WireConversation {
  id: string;
  expiration_timestamp?: string;
  origin: { type: string };
}

export interface WirePricing {
  billable: boolean;
  pricing_model: 'PMP';
  category: string;
  type: 'regular' | 'free_customer_service' | 'free_entry_point';
}

export type WireStatusName = 'sent' | 'delivered' | 'read' | 'failed';

export interface WireStatus {
  id: string;
  status: WireStatusName;
  timestamp: string;
  recipient_id: string;
  conversation?: WireConversation;
  pricing?: WirePricing;
  biz_opaque_callback_data?: string;
  errors?: WireError[];
}

export interface WireMessagesValue {
  messaging_product: 'whatsapp';
  metadata: WireMetadata;
  contacts?: WireContact[];
  messages?: WireInboundMessage[];
  statuses?: WireStatus[];
  errors?: WireError[];
}

export interface WireTemplateStatusValue {
  event: string;
  message_template_id: number;
  message_template_name: string;
  message_template_language: string;
  reason: string;
  message_template_category?: string;
  rejection_info?: { reason: string; recommendation: string };
  disable_info?: { disable_date: number };
  other_info?: { title: string; description: string };
}

export interface WireQualityValue {
  display_phone_number: string;
  event: string;
  old_limit?: string;
  current_limit: string;
  max_daily_conversations_per_business: string;
}

/** Graph API error body (`{"error": …}`). */
export interface GraphErrorBody {
  error: {
    message: string;
    type: string;
    code: number;
    error_subcode?: number;
    error_data?: { messaging_product: 'whatsapp'; details: string };
    error_user_title?: string;
    error_user_msg?: string;
    is_transient?: boolean;
    fbtrace_id: string;
  };
}

export interface SendMessageResponse {
  messaging_product: 'whatsapp';
  contacts: Array<{ input: string; wa_id: string }>;
  messages: Array<{ id: string; message_status?: 'accepted' | 'held_for_quality_assessment' }>;
}

export interface TemplateComponent {
  type: string;
  format?: string;
  text?: string;
  buttons?: Array<{ type: string; text: string; url?: string; phone_number?: string; example?: unknown }>;
  example?: unknown;
  [key: string]: unknown;
}
