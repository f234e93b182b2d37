import { z } from 'zod';

// Inputs of the control API (and of createEmulator's `seed`), validated with zod.

const digits = z.string().regex(/^\d+$/, 'digits only');

export const QUALITY_RATINGS = ['GREEN', 'YELLOW', 'RED', 'UNKNOWN'] as const;
export const THROUGHPUT_LEVELS = ['STANDARD', 'HIGH', 'NOT_APPLICABLE'] as const;
export const LIMIT_TIERS = ['TIER_50', 'TIER_250', 'TIER_1K', 'TIER_2K', 'TIER_10K', 'TIER_100K', 'TIER_UNLIMITED', 'TIER_NOT_SET'] as const;
export const NUMBER_STATUSES = ['CONNECTED', 'PENDING', 'DISCONNECTED', 'FLAGGED', 'RESTRICTED', 'RATE_LIMITED', 'DELETED'] as const;
export const CODE_VERIFICATION = ['NOT_VERIFIED', 'VERIFIED', 'EXPIRED'] as const;
export const NAME_STATUSES = ['APPROVED', 'AVAILABLE_WITHOUT_REVIEW', 'PENDING_REVIEW', 'DECLINED', 'EXPIRED', 'NONE'] as const;
export const TEMPLATE_STATUSES = ['APPROVED', 'PENDING', 'REJECTED', 'PAUSED', 'DISABLED', 'IN_APPEAL', 'PENDING_DELETION', 'DELETED', 'LIMIT_EXCEEDED', 'ARCHIVED'] as const;
export const TEMPLATE_EVENTS = [...TEMPLATE_STATUSES, 'FLAGGED', 'REINSTATED', 'UNARCHIVED', 'LOCKED'] as const;
export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;
export const QUALITY_EVENTS = ['DOWNGRADE', 'UPGRADE', 'FLAGGED', 'UNFLAGGED', 'ONBOARDING', 'THROUGHPUT_UPGRADE'] as const;
export const VERTICALS = ['UNDEFINED', 'OTHER', 'AUTO', 'BEAUTY', 'APPAREL', 'EDU', 'ENTERTAIN', 'EVENT_PLAN', 'FINANCE', 'GROCERY', 'GOVT', 'HOTEL', 'HEALTH', 'NONPROFIT', 'PROF_SERVICES', 'RETAIL', 'TRAVEL', 'RESTAURANT', 'NOT_A_BIZ'] as const;

export const profileInput = z.object({
  about: z.string().min(1).max(139).optional(),
  address: z.string().max(256).optional(),
  description: z.string().max(512).optional(),
  email: z.string().max(128).optional(),
  websites: z.array(z.string().max(256)).max(2).optional(),
  vertical: z.enum(VERTICALS).optional(),
  profilePictureUrl: z.string().optional(),
});

const numberFields = {
  displayPhoneNumber: z.string().regex(/^\+?[\d\s().-]{5,24}$/, 'a phone number such as "+55 11 4000-0001"'),
  verifiedName: z.string().min(1),
  qualityRating: z.enum(QUALITY_RATINGS),
  throughputLevel: z.enum(THROUGHPUT_LEVELS),
  /** Messages per second this number accepts before 130429 (default from the throughput level). */
  mps: z.number().int().positive(),
  messagingLimitTier: z.enum(LIMIT_TIERS),
  status: z.enum(NUMBER_STATUSES),
  codeVerificationStatus: z.enum(CODE_VERIFICATION),
  nameStatus: z.enum(NAME_STATUSES),
  accountMode: z.enum(['LIVE', 'SANDBOX']),
  isOfficialBusinessAccount: z.boolean(),
  pin: z.string().regex(/^\d{6}$/),
  profile: profileInput,
};

export const numberInput = z.object({
  id: digits.optional(),
  wabaId: digits,
  ...numberFields,
}).partial({
  verifiedName: true, qualityRating: true, throughputLevel: true, mps: true, messagingLimitTier: true, status: true,
  codeVerificationStatus: true, nameStatus: true, accountMode: true, isOfficialBusinessAccount: true, pin: true, profile: true,
});
export type NumberInput = z.infer<typeof numberInput>;

export const numberPatch = z.object(numberFields).omit({ displayPhoneNumber: true }).partial();
export type NumberPatch = z.infer<typeof numberPatch>;

export const templateComponent = z.looseObject({
  type: z.string().min(1),
  format: z.string().optional(),
  text: z.string().optional(),
  buttons: z.array(z.looseObject({ type: z.string(), text: z.string(), url: z.string().optional() })).optional(),
});

export const templateInput = z.object({
  id: digits.optional(),
  wabaId: digits,
  name: z.string().regex(/^[a-z0-9_]{1,512}$/, 'lowercase letters, digits and underscores'),
  language: z.string().min(2),
  category: z.enum(TEMPLATE_CATEGORIES),
  status: z.enum(TEMPLATE_STATUSES).optional(),
  parameterFormat: z.enum(['POSITIONAL', 'NAMED']).optional(),
  qualityScore: z.enum(QUALITY_RATINGS).optional(),
  components: z.array(templateComponent).min(1),
});
export type TemplateInput = z.infer<typeof templateInput>;

export const templateStatusInput = z.object({
  status: z.enum(TEMPLATE_EVENTS),
  reason: z.string().optional(),
  rejectionInfo: z.object({ reason: z.string(), recommendation: z.string() }).optional(),
  otherInfo: z.object({ title: z.string(), description: z.string() }).optional(),
});
export type TemplateStatusInput = z.infer<typeof templateStatusInput>;

const mediaInput = z.object({
  caption: z.string().max(1024).optional(),
  filename: z.string().optional(),
  mime_type: z.string().optional(),
  /** File content; a small placeholder of the right type is made when absent. */
  data_base64: z.string().optional(),
  voice: z.boolean().optional(),
  animated: z.boolean().optional(),
});
export type CustomerMediaInput = z.infer<typeof mediaInput>;

const messageCommon = {
  phoneNumberId: digits,
  from: digits.min(8).max(15),
  name: z.string().min(1).optional(),
  context: z.union([z.object({ id: z.string().min(1), from: z.string().optional() }), z.object({ forwarded: z.literal(true) })]).optional(),
  /** Unix seconds; defaults to the emulator clock. */
  timestamp: z.number().int().positive().optional(),
  /** A fixed wamid (to replay a message); a new one is made otherwise. */
  id: z.string().min(1).optional(),
  /** Deliver the same webhook this many times (Meta delivers at least once). */
  times: z.number().int().min(1).max(10).optional(),
};

export const customerMessageInput = z.discriminatedUnion('type', [
  z.object({ ...messageCommon, type: z.literal('text'), text: z.object({ body: z.string().min(1).max(65536) }) }),
  z.object({ ...messageCommon, type: z.literal('image'), image: mediaInput.optional() }),
  z.object({ ...messageCommon, type: z.literal('document'), document: mediaInput.optional() }),
  z.object({ ...messageCommon, type: z.literal('audio'), audio: mediaInput.optional() }),
  z.object({ ...messageCommon, type: z.literal('video'), video: mediaInput.optional() }),
  z.object({ ...messageCommon, type: z.literal('sticker'), sticker: mediaInput.optional() }),
  z.object({
    ...messageCommon,
    type: z.literal('location'),
    location: z.object({ latitude: z.number(), longitude: z.number(), name: z.string().optional(), address: z.string().optional(), url: z.string().optional() }),
  }),
  z.object({ ...messageCommon, type: z.literal('contacts'), contacts: z.array(z.looseObject({ name: z.looseObject({ formatted_name: z.string().min(1) }) })).min(1) }),
  z.object({
    ...messageCommon,
    type: z.literal('interactive'),
    interactive: z.discriminatedUnion('type', [
      z.object({ type: z.literal('button_reply'), button_reply: z.object({ id: z.string().min(1), title: z.string().min(1) }) }),
      z.object({ type: z.literal('list_reply'), list_reply: z.object({ id: z.string().min(1), title: z.string().min(1), description: z.string().optional() }) }),
    ]),
  }),
  z.object({ ...messageCommon, type: z.literal('button'), button: z.object({ payload: z.string(), text: z.string().min(1) }) }),
  z.object({ ...messageCommon, type: z.literal('reaction'), reaction: z.object({ message_id: z.string().min(1), emoji: z.string().optional() }) }),
  z.object({ ...messageCommon, type: z.literal('unsupported'), unsupported: z.object({ type: z.string().min(1) }).optional() }),
  z.object({
    ...messageCommon,
    type: z.literal('system'),
    system: z.object({ wa_id: digits, body: z.string().optional(), type: z.literal('user_changed_number').optional() }),
  }),
]);
export type CustomerMessageInput = z.infer<typeof customerMessageInput>;
/** A customer message without the number and sender (Omit spread over each message type). */
export type CustomerMessageBody = CustomerMessageInput extends infer T ? (T extends unknown ? Omit<T, 'phoneNumberId' | 'from'> : never) : never;

export const customerPatch = z.object({
  name: z.string().min(1).optional(),
  undeliverable: z.boolean().optional(),
  /** Whether this customer reads what the business sends (false = statuses stop at delivered). */
  autoRead: z.boolean().optional(),
});
export type CustomerPatch = z.infer<typeof customerPatch>;

export const windowInput = z.object({
  phoneNumberId: digits,
  waId: digits,
  /** Unix seconds of the customer's last message; null closes the window. */
  lastInboundAt: z.number().int().positive().nullable(),
});

export const seedInput = z.object({
  numbers: z.array(numberInput).default([]),
  templates: z.array(templateInput).default([]),
  customers: z.array(customerPatch.extend({ waId: digits })).default([]),
});
export type SeedInput = z.input<typeof seedInput>;

export const qualityInput = z.object({
  event: z.enum(QUALITY_EVENTS),
  qualityRating: z.enum(QUALITY_RATINGS).optional(),
  limit: z.enum(LIMIT_TIERS).optional(),
});
export type QualityInput = z.infer<typeof qualityInput>;

export const pairRateInput = z.object({
  enabled: z.boolean().default(true),
  /** Messages that may go to one customer at once before 131056. */
  burst: z.number().int().min(1).optional(),
  /** One more message is allowed every intervalMs (Meta: 6 s). */
  intervalMs: z.number().int().min(1).optional(),
});

export const clockAdvanceInput = z.object({
  ms: z.number().min(0).optional(),
  seconds: z.number().min(0).optional(),
  minutes: z.number().min(0).optional(),
  hours: z.number().min(0).optional(),
  days: z.number().min(0).optional(),
});

export const STATUS_FLOWS = ['normal', 'duplicates', 'read-before-delivered', 'no-delivered'] as const;

export const configPatch = z.object({
  webhookUrl: z.url().optional(),
  /** The token the Graph API accepts from now on; the previous one answers "expired" (190/463). */
  accessToken: z.string().min(1).optional(),
  statusDelays: z.object({ sentMs: z.number().min(0), deliveredMs: z.number().min(0), readMs: z.number().min(0) }).partial().optional(),
  statusFlow: z.enum(STATUS_FLOWS).optional(),
  autoRead: z.boolean().optional(),
  verifyWebhook: z.boolean().optional(),
});
export type ConfigPatch = z.infer<typeof configPatch>;

export const systemErrorInput = z.object({
  phoneNumberId: digits,
  code: z.number().int().default(130429),
  title: z.string().default('Rate limit hit'),
  details: z.string().default('Message failed to send because there were too many messages sent from this phone number in a short period of time'),
});
