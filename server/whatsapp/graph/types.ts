import { z } from 'zod';
import { LIMITS, charCount } from './limits';

// ---- Outgoing message payloads (POST /{phone-number-id}/messages, reference §2) ------------------
// Strict objects: a key Meta does not expect (a caption on audio) is an error, not silently sent.

const text = (label: string, max: number) =>
  z.string().refine((s) => s.length > 0 && charCount(s) <= max, { message: `${label} must be 1 to ${max} characters` });

const httpUrl = z.string().regex(/^https?:\/\/\S+$/i, 'must be an http(s) URL');

const oneSource = (m: { id?: string | undefined; link?: string | undefined }) => (m.id === undefined) !== (m.link === undefined);
const sourceShape = { id: z.string().min(1).optional(), link: httpUrl.optional() };
const sourceRule = { message: 'give exactly one of id or link' };

const captioned = z.strictObject({ ...sourceShape, caption: text('caption', LIMITS.caption).optional() }).refine(oneSource, sourceRule);
const documentMedia = z.strictObject({ ...sourceShape, caption: text('caption', LIMITS.caption).optional(), filename: z.string().min(1).optional() })
  .refine(oneSource, sourceRule);
const bareMedia = z.strictObject(sourceShape).refine(oneSource, sourceRule);
const namedDocument = z.strictObject({ ...sourceShape, filename: z.string().min(1).optional() }).refine(oneSource, sourceRule);

const common = {
  messaging_product: z.literal('whatsapp'),
  recipient_type: z.literal('individual'),
  to: z.string().regex(/^\+?\d{6,15}$/, 'must be a phone number in international format (digits, optional +)'),
  context: z.strictObject({ message_id: z.string().min(1) }).optional(),
  biz_opaque_callback_data: text('biz_opaque_callback_data', LIMITS.bizOpaqueCallbackData).optional(),
};

const templateParameter = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text'), text: z.string().min(1), parameter_name: z.string().min(1).optional() }),
  z.strictObject({ type: z.literal('payload'), payload: z.string().min(1) }),
  z.strictObject({ type: z.literal('image'), image: bareMedia }),
  z.strictObject({ type: z.literal('video'), video: bareMedia }),
  z.strictObject({ type: z.literal('document'), document: namedDocument }),
]);

const templateComponent = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('header'), parameters: z.array(templateParameter).min(1) }),
  z.strictObject({ type: z.literal('body'), parameters: z.array(templateParameter).min(1) }),
  z.strictObject({
    type: z.literal('button'),
    sub_type: z.enum(['quick_reply', 'url']),
    index: z.string().regex(/^\d+$/),
    parameters: z.array(templateParameter).length(1),
  }),
]);

const interactiveHeader = z.strictObject({ type: z.literal('text'), text: text('header', LIMITS.interactiveHeader) });
const interactiveBody = z.strictObject({ text: text('body', LIMITS.interactiveBody) });
const interactiveFooter = z.strictObject({ text: text('footer', LIMITS.interactiveFooter) });

const replyButtons = z.strictObject({
  type: z.literal('button'),
  header: interactiveHeader.optional(),
  body: interactiveBody,
  footer: interactiveFooter.optional(),
  action: z.strictObject({
    buttons: z.array(z.strictObject({
      type: z.literal('reply'),
      reply: z.strictObject({ id: text('button id', LIMITS.replyButtonId), title: text('button title', LIMITS.replyButtonTitle) }),
    })).min(1).max(LIMITS.replyButtons, `at most ${LIMITS.replyButtons} reply buttons`)
      .refine((b) => new Set(b.map((x) => x.reply.id)).size === b.length, 'button ids must be unique'),
  }),
});

const listRow = z.strictObject({
  id: text('row id', LIMITS.listRowId),
  title: text('row title', LIMITS.listRowTitle),
  description: text('row description', LIMITS.listRowDescription).optional(),
});

const list = z.strictObject({
  type: z.literal('list'),
  header: interactiveHeader.optional(),
  body: interactiveBody,
  footer: interactiveFooter.optional(),
  action: z.strictObject({
    button: text('list button', LIMITS.listButton),
    sections: z.array(z.strictObject({ title: text('section title', LIMITS.listSectionTitle).optional(), rows: z.array(listRow).min(1) }))
      .min(1).max(LIMITS.listSections, `at most ${LIMITS.listSections} sections`)
      .refine((s) => s.reduce((n, x) => n + x.rows.length, 0) <= LIMITS.listRowsTotal, `at most ${LIMITS.listRowsTotal} rows in total`)
      .refine((s) => { const ids = s.flatMap((x) => x.rows.map((r) => r.id)); return new Set(ids).size === ids.length; }, 'row ids must be unique'),
  }),
});

export const outgoingMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...common, type: z.literal('text'), text: z.strictObject({ preview_url: z.boolean(), body: text('text', LIMITS.textBody) }) }),
  z.strictObject({ ...common, type: z.literal('image'), image: captioned }),
  z.strictObject({ ...common, type: z.literal('video'), video: captioned }),
  z.strictObject({ ...common, type: z.literal('document'), document: documentMedia }),
  z.strictObject({ ...common, type: z.literal('audio'), audio: bareMedia }),
  z.strictObject({ ...common, type: z.literal('sticker'), sticker: bareMedia }),
  z.strictObject({
    ...common,
    type: z.literal('template'),
    template: z.strictObject({
      name: z.string().regex(/^[a-z0-9_]+$/, 'template names are lowercase letters, digits and _'),
      language: z.strictObject({ code: z.string().min(2), policy: z.literal('deterministic') }),
      components: z.array(templateComponent).min(1).optional(),
    }),
  }),
  z.strictObject({ ...common, type: z.literal('interactive'), interactive: z.discriminatedUnion('type', [replyButtons, list]) }),
  z.strictObject({
    ...common,
    type: z.literal('location'),
    location: z.strictObject({
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
      name: z.string().min(1).optional(),
      address: z.string().min(1).optional(),
    }),
  }),
  z.strictObject({
    ...common,
    type: z.literal('reaction'),
    // An empty emoji removes the reaction.
    reaction: z.strictObject({ message_id: z.string().min(1), emoji: z.string() }),
  }),
]);

export type OutgoingMessage = z.infer<typeof outgoingMessageSchema>;
export type TemplateParameter = z.infer<typeof templateParameter>;
export type TemplateComponentParams = z.infer<typeof templateComponent>;

// ---- Responses (read leniently: unknown fields pass) ---------------------------------------------

export const sendResponseSchema = z.object({
  contacts: z.array(z.object({ input: z.string().optional(), wa_id: z.string() }).loose()).optional(),
  messages: z.array(z.object({ id: z.string().min(1), message_status: z.string().optional() }).loose()).min(1),
}).loose();

export const successSchema = z.object({ success: z.literal(true) }).loose();

export const mediaUploadSchema = z.object({ id: z.string().min(1) }).loose();

export const mediaInfoSchema = z.object({
  id: z.string().min(1),
  url: z.string().min(1),
  mime_type: z.string(),
  sha256: z.string(),
  file_size: z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number),
}).loose();

const paging = z.object({ next: z.string().optional() }).loose().optional();

/** Template components are kept in Meta's shape (HEADER/BODY/FOOTER/BUTTONS); readers need the `{{n}}` texts. */
export const templateComponentSchema = z.object({
  type: z.string(),
  format: z.string().optional(),
  text: z.string().optional(),
  example: z.record(z.string(), z.unknown()).optional(),
  buttons: z.array(z.object({ type: z.string(), text: z.string().optional(), url: z.string().optional(), phone_number: z.string().optional() }).loose()).optional(),
}).loose();

export const templateSchema = z.object({
  id: z.string(),
  name: z.string(),
  language: z.string(),
  status: z.string(),
  category: z.string().optional(),
  parameter_format: z.string().optional(),
  quality_score: z.object({ score: z.string().optional() }).loose().optional(),
  components: z.array(templateComponentSchema).default([]),
}).loose();

export const templatesPageSchema = z.object({ data: z.array(templateSchema), paging }).loose();

export const phoneNumberSchema = z.object({
  id: z.string(),
  verified_name: z.string().optional(),
  display_phone_number: z.string().optional(),
  quality_rating: z.string().optional(),
  code_verification_status: z.string().optional(),
  name_status: z.string().optional(),
  status: z.string().optional(),
  throughput: z.object({ level: z.string() }).loose().optional(),
  messaging_limit_tier: z.string().optional(),
  whatsapp_business_manager_messaging_limit: z.string().optional(),
  platform_type: z.string().optional(),
  account_mode: z.string().optional(),
}).loose();

export const phoneNumbersPageSchema = z.object({ data: z.array(phoneNumberSchema), paging }).loose();

export const businessProfileResponseSchema = z.object({
  data: z.array(z.object({
    about: z.string().optional(),
    address: z.string().optional(),
    description: z.string().optional(),
    email: z.string().optional(),
    profile_picture_url: z.string().optional(),
    websites: z.array(z.string()).optional(),
    vertical: z.string().optional(),
  }).loose()).min(1),
}).loose();

export const BUSINESS_VERTICALS = [
  'UNDEFINED', 'OTHER', 'AUTO', 'BEAUTY', 'APPAREL', 'EDU', 'ENTERTAIN', 'EVENT_PLAN', 'FINANCE', 'GROCERY',
  'GOVT', 'HOTEL', 'HEALTH', 'NONPROFIT', 'PROF_SERVICES', 'RETAIL', 'TRAVEL', 'RESTAURANT', 'NOT_A_BIZ',
] as const;

export const businessProfileUpdateSchema = z.strictObject({
  about: text('about', LIMITS.profileAbout).optional(),
  address: text('address', LIMITS.profileAddress).optional(),
  description: text('description', LIMITS.profileDescription).optional(),
  email: z.email('must be an e-mail address').max(LIMITS.profileEmail).optional(),
  websites: z.array(httpUrl.max(LIMITS.profileWebsite)).max(LIMITS.profileWebsites, `at most ${LIMITS.profileWebsites} websites`).optional(),
  vertical: z.enum(BUSINESS_VERTICALS).optional(),
  profilePictureHandle: z.string().min(1).optional(),
}).refine((f) => Object.values(f).some((v) => v !== undefined), 'give at least one field to update');

// ---- What the client returns (camelCase, ours) ---------------------------------------------------

export type SendResult = { wamid: string; waId: string; messageStatus?: string };
export type UploadedMedia = { id: string };
export type MediaInfo = { id: string; url: string; mimeType: string; sha256: string; fileSize: number };
export type DownloadedMedia = { bytes: Buffer; mimeType: string; sha256: string };
export type TemplateComponent = z.infer<typeof templateComponentSchema>;
export type Template = {
  id: string;
  name: string;
  language: string;
  status: string;
  category?: string;
  parameterFormat?: string;
  qualityScore?: string;
  components: TemplateComponent[];
};
export type TemplateFilters = { status?: string; name?: string; language?: string; category?: string; limit?: number };

/** Values are Meta's strings (new ones appear over time, so they are not closed enums). */
export type PhoneNumberDetails = {
  id: string;
  displayPhoneNumber?: string;
  verifiedName?: string;
  qualityRating?: string;
  throughputLevel?: string;
  /** `whatsapp_business_manager_messaging_limit`, or the deprecated `messaging_limit_tier`. */
  messagingLimitTier?: string;
  status?: string;
  codeVerificationStatus?: string;
  nameStatus?: string;
  platformType?: string;
  accountMode?: string;
};

export const PHONE_NUMBER_FIELDS = [
  'id', 'display_phone_number', 'verified_name', 'quality_rating', 'throughput', 'messaging_limit_tier',
  'whatsapp_business_manager_messaging_limit', 'status', 'code_verification_status', 'name_status', 'platform_type', 'account_mode',
] as const;
export type PhoneNumberField = (typeof PHONE_NUMBER_FIELDS)[number];

export type BusinessProfile = {
  about?: string;
  address?: string;
  description?: string;
  email?: string;
  profilePictureUrl?: string;
  websites?: string[];
  vertical?: string;
};
export type BusinessProfileUpdate = z.input<typeof businessProfileUpdateSchema>;
