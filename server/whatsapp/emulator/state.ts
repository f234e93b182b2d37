import { newConversationId, newNumericId } from './ids';
import type {
  CODE_VERIFICATION, LIMIT_TIERS, NAME_STATUSES, NUMBER_STATUSES, NumberInput, NumberPatch, QUALITY_RATINGS,
  TEMPLATE_CATEGORIES, TEMPLATE_STATUSES, TemplateInput, THROUGHPUT_LEVELS, VERTICALS,
} from './schemas';
import type { TemplateComponent, WireInboundMessage, WireStatusName } from './wire';

export interface BusinessProfile {
  about?: string;
  address?: string;
  description?: string;
  email?: string;
  websites?: string[];
  vertical?: (typeof VERTICALS)[number];
  profilePictureUrl?: string;
}

export interface PhoneNumberRecord {
  id: string;
  wabaId: string;
  /** Digits only, as in webhook metadata. */
  displayDigits: string;
  /** As the phone_numbers API shows it, e.g. "+55 11 4000-0001". */
  displayFormatted: string;
  verifiedName: string;
  qualityRating: (typeof QUALITY_RATINGS)[number];
  throughputLevel: (typeof THROUGHPUT_LEVELS)[number];
  mps: number;
  messagingLimitTier: (typeof LIMIT_TIERS)[number];
  status: (typeof NUMBER_STATUSES)[number];
  codeVerificationStatus: (typeof CODE_VERIFICATION)[number];
  nameStatus: (typeof NAME_STATUSES)[number];
  accountMode: 'LIVE' | 'SANDBOX';
  isOfficialBusinessAccount: boolean;
  pin: string | null;
  profile: BusinessProfile;
  codeRequested: boolean;
  wrongPinGuesses: number;
  /** Emulator-clock times of register/deregister calls (rate limit 133016). */
  registerCalls: number[];
}

export interface TemplateRecord {
  id: string;
  wabaId: string;
  name: string;
  language: string;
  category: (typeof TEMPLATE_CATEGORIES)[number];
  status: (typeof TEMPLATE_STATUSES)[number];
  parameterFormat: 'POSITIONAL' | 'NAMED';
  qualityScore: (typeof QUALITY_RATINGS)[number];
  components: TemplateComponent[];
}

export interface MediaRecord {
  id: string;
  phoneNumberId: string;
  mimeType: string;
  bytes: Buffer;
  sha256: Buffer;
  filename?: string;
  origin: 'upload' | 'inbound';
  expiresAt: number;
}

export interface CustomerRecord {
  waId: string;
  name: string;
  undeliverable: boolean;
  /** Undefined = the emulator-wide setting. */
  autoRead: boolean | undefined;
}

export interface OutboundRecord {
  wamid: string;
  phoneNumberId: string;
  to: string;
  type: string;
  body: Record<string, unknown>;
  template?: TemplateRecord;
  /** Quick-reply buttons of a template send, with the payload a tap returns. */
  quickReplies?: Array<{ index: number; text: string; payload: string }>;
  callbackData?: string;
  acceptedAt: number;
  statuses: Array<{ status: WireStatusName; at: number; errorCode?: number }>;
}

export interface InboundRecord {
  wamid: string;
  phoneNumberId: string;
  from: string;
  at: number;
  readByBusiness: boolean;
  message: WireInboundMessage;
}

export interface RequestLogEntry {
  seq: number;
  at: string;
  method: string;
  path: string;
  query: Record<string, string>;
  auth: 'ok' | 'missing' | 'invalid';
  contentType: string | undefined;
  body: unknown;
  status: number;
  response: unknown;
}

export interface UploadSession {
  id: string;
  fileName: string;
  fileLength: number;
  fileType: string;
  bytes: Buffer;
}

const LIMITS = { outbound: 10_000, inbound: 10_000, requests: 5_000 };
const DAY_MS = 24 * 60 * 60 * 1000;

function putBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.set(key, value);
  while (map.size > max) {
    const oldest = map.keys().next();
    if (oldest.done) break;
    map.delete(oldest.value);
  }
}

export function windowKey(phoneNumberId: string, waId: string): string {
  return `${phoneNumberId}:${waId}`;
}

/** Everything the emulator remembers; in memory only. */
export class EmulatorState {
  readonly numbers = new Map<string, PhoneNumberRecord>();
  readonly templates = new Map<string, TemplateRecord>();
  readonly media = new Map<string, MediaRecord>();
  readonly customers = new Map<string, CustomerRecord>();
  /** Last inbound message time (emulator clock, ms) per number and customer. */
  readonly windows = new Map<string, number>();
  readonly outbound = new Map<string, OutboundRecord>();
  readonly inbound = new Map<string, InboundRecord>();
  readonly conversations = new Map<string, { id: string; expiresAt: number }>();
  readonly uploads = new Map<string, UploadSession>();
  /** Upload handles (profile_picture_handle) to their bytes. */
  readonly handles = new Map<string, { bytes: Buffer; fileType: string }>();
  readonly pictures = new Map<string, { bytes: Buffer; fileType: string }>();
  readonly requests: RequestLogEntry[] = [];
  private requestSeq = 0;

  clear(): void {
    for (const m of [this.numbers, this.templates, this.media, this.customers, this.windows, this.outbound, this.inbound, this.conversations, this.uploads, this.handles, this.pictures]) m.clear();
    this.requests.length = 0;
  }

  addNumber(input: NumberInput, defaultMps: number): PhoneNumberRecord {
    const id = input.id ?? newNumericId();
    const throughputLevel = input.throughputLevel ?? 'STANDARD';
    const hasFormatting = /\D/.test(input.displayPhoneNumber.replace(/^\+/, ''));
    const digits = input.displayPhoneNumber.replace(/\D/g, '');
    const record: PhoneNumberRecord = {
      id,
      wabaId: input.wabaId,
      displayDigits: digits,
      displayFormatted: hasFormatting ? input.displayPhoneNumber : `+${digits}`,
      verifiedName: input.verifiedName ?? 'Go Personal Desk',
      qualityRating: input.qualityRating ?? 'GREEN',
      throughputLevel,
      mps: input.mps ?? mpsForLevel(throughputLevel, defaultMps),
      messagingLimitTier: input.messagingLimitTier ?? 'TIER_1K',
      status: input.status ?? 'CONNECTED',
      codeVerificationStatus: input.codeVerificationStatus ?? 'VERIFIED',
      nameStatus: input.nameStatus ?? 'APPROVED',
      accountMode: input.accountMode ?? 'LIVE',
      isOfficialBusinessAccount: input.isOfficialBusinessAccount ?? false,
      pin: input.pin ?? null,
      profile: input.profile ? { ...input.profile } : {},
      codeRequested: false,
      wrongPinGuesses: 0,
      registerCalls: [],
    };
    this.numbers.set(id, record);
    return record;
  }

  patchNumber(record: PhoneNumberRecord, patch: NumberPatch, defaultMps: number): PhoneNumberRecord {
    const { profile, ...rest } = patch;
    Object.assign(record, rest);
    if (profile) record.profile = { ...record.profile, ...profile };
    if (patch.throughputLevel && patch.mps === undefined) record.mps = mpsForLevel(patch.throughputLevel, defaultMps);
    return record;
  }

  numbersOfWaba(wabaId: string): PhoneNumberRecord[] {
    return [...this.numbers.values()].filter((n) => n.wabaId === wabaId);
  }

  isWaba(id: string): boolean {
    return [...this.numbers.values()].some((n) => n.wabaId === id) || [...this.templates.values()].some((t) => t.wabaId === id);
  }

  addTemplate(input: TemplateInput, status?: TemplateRecord['status']): TemplateRecord {
    const record: TemplateRecord = {
      id: input.id ?? newNumericId(),
      wabaId: input.wabaId,
      name: input.name,
      language: input.language,
      category: input.category,
      status: status ?? input.status ?? 'APPROVED',
      parameterFormat: input.parameterFormat ?? 'POSITIONAL',
      qualityScore: input.qualityScore ?? 'UNKNOWN',
      components: input.components as TemplateComponent[],
    };
    this.templates.set(record.id, record);
    return record;
  }

  findTemplate(wabaId: string, name: string, language: string): TemplateRecord | undefined {
    return [...this.templates.values()].find((t) => t.wabaId === wabaId && t.name === name && t.language === language);
  }

  customer(waId: string): CustomerRecord {
    let c = this.customers.get(waId);
    if (!c) {
      c = { waId, name: `Cliente ${waId.slice(-4)}`, undeliverable: false, autoRead: undefined };
      this.customers.set(waId, c);
    }
    return c;
  }

  windowOpen(phoneNumberId: string, waId: string, now: number): boolean {
    const last = this.windows.get(windowKey(phoneNumberId, waId));
    return last !== undefined && now - last < DAY_MS;
  }

  addOutbound(record: OutboundRecord): void {
    putBounded(this.outbound, record.wamid, record, LIMITS.outbound);
  }

  addInbound(record: InboundRecord): void {
    putBounded(this.inbound, record.wamid, record, LIMITS.inbound);
  }

  logRequest(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
    const full = { seq: ++this.requestSeq, ...entry };
    this.requests.push(full);
    if (this.requests.length > LIMITS.requests) this.requests.splice(0, this.requests.length - LIMITS.requests);
    return full;
  }

  /** A conversation id that lives 24 h per number, customer and category (for status payloads). */
  conversation(phoneNumberId: string, waId: string, category: string, now: number): { id: string; expiresAt: number; isNew: boolean } {
    const key = `${phoneNumberId}:${waId}:${category}`;
    const existing = this.conversations.get(key);
    if (existing && existing.expiresAt > now) return { ...existing, isNew: false };
    const created = { id: newConversationId(), expiresAt: now + DAY_MS };
    this.conversations.set(key, created);
    return { ...created, isNew: true };
  }
}

export function mpsForLevel(level: PhoneNumberRecord['throughputLevel'], defaultMps: number): number {
  return level === 'HIGH' ? 1000 : defaultMps;
}

/** The newer `whatsapp_business_manager_messaging_limit` ladder for a legacy tier. */
export function managerLimit(tier: PhoneNumberRecord['messagingLimitTier']): string {
  switch (tier) {
    case 'TIER_50':
    case 'TIER_250':
      return 'TIER_250';
    case 'TIER_1K':
    case 'TIER_2K':
      return 'TIER_2K';
    default:
      return tier;
  }
}
