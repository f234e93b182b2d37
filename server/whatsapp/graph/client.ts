import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { GraphError, LOCAL_CODES, PayloadError } from './errors';
import { MAX_MEDIA_BYTES } from './limits';
import { validateOutgoing } from './payloads';
import type { ThroughputLimiter } from './throughput';
import {
  businessProfileResponseSchema, businessProfileUpdateSchema, mediaInfoSchema, mediaUploadSchema, PHONE_NUMBER_FIELDS,
  phoneNumberSchema, phoneNumbersPageSchema, sendResponseSchema, successSchema, templatesPageSchema,
  type BusinessProfile, type BusinessProfileUpdate, type DownloadedMedia, type MediaInfo, type OutgoingMessage,
  type PhoneNumberDetails, type PhoneNumberField, type SendResult, type Template, type TemplateFilters, type UploadedMedia,
} from './types';

export const DEFAULT_GRAPH_URL = 'https://graph.facebook.com/v21.0';

/** Returns the access token for a WABA id or phone-number id (per-WABA credentials or the global one). */
export type TokenSource = (wabaIdOrPhoneNumberId: string) => Promise<string> | string;

export type GraphClientOptions = {
  /** WHATSAPP_GRAPH_URL, with the API version: `https://graph.facebook.com/v21.0`, or the emulator. */
  baseUrl: string;
  tokenFor: TokenSource;
  fetch?: typeof fetch;
  /** Per API call, reading the answer included. Default 15 s. */
  timeoutMs?: number;
  /** Media upload and download. Default 120 s. */
  mediaTimeoutMs?: number;
  /** When given, sendMessage first waits for a throughput slot of the sending number. */
  limiter?: ThroughputLimiter;
  /** Safety stop when following `paging.next`. Default 100. */
  maxPages?: number;
};

const TEMPLATE_FIELDS = 'name,status,category,language,components,id,quality_score,parameter_format';
const PROFILE_FIELDS = 'about,address,description,email,profile_picture_url,websites,vertical';
/** Failures that happen before a byte of the request left: repeating cannot double anything. */
const CONNECT_PHASE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

type Exchange = { token: string; timeoutMs: number; sideEffect: boolean };

type Call<T> = {
  key: string;
  method: 'GET' | 'POST';
  url: string;
  json?: unknown;
  form?: FormData;
  schema: z.ZodType<T>;
  timeoutMs?: number;
  /** Repeating it after an unclear outcome could act twice (a send). */
  sideEffect?: boolean;
};

/** The WhatsApp Cloud API (Graph) calls we use. An adapter: no database, no logging, tokens never in errors. */
export class GraphClient {
  private readonly baseUrl: string;
  private readonly tokenFor: TokenSource;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly mediaTimeoutMs: number;
  private readonly limiter: ThroughputLimiter | undefined;
  private readonly maxPages: number;

  constructor(opts: GraphClientOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.tokenFor = opts.tokenFor;
    this.fetchImpl = opts.fetch ?? fetch;
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.mediaTimeoutMs = opts.mediaTimeoutMs ?? 120_000;
    this.limiter = opts.limiter;
    this.maxPages = opts.maxPages ?? 100;
  }

  // ---- messages ----------------------------------------------------------------------------------

  async sendMessage(phoneNumberId: string, payload: OutgoingMessage): Promise<SendResult> {
    validateOutgoing(payload);
    await this.limiter?.acquire(phoneNumberId);
    const res = await this.call({
      key: phoneNumberId, method: 'POST', url: this.url([phoneNumberId, 'messages']), json: payload, schema: sendResponseSchema, sideEffect: true,
    });
    const message = res.messages[0]!;
    return {
      wamid: message.id,
      waId: res.contacts?.[0]?.wa_id ?? payload.to.replace(/^\+/, ''),
      ...(message.message_status !== undefined ? { messageStatus: message.message_status } : {}),
    };
  }

  async markRead(phoneNumberId: string, wamid: string, opts: { typingIndicator?: boolean } = {}): Promise<void> {
    await this.call({
      key: phoneNumberId, method: 'POST', url: this.url([phoneNumberId, 'messages']), schema: successSchema,
      json: { messaging_product: 'whatsapp', status: 'read', message_id: wamid, ...(opts.typingIndicator ? { typing_indicator: { type: 'text' } } : {}) },
    });
  }

  // ---- media -------------------------------------------------------------------------------------

  async uploadMedia(phoneNumberId: string, file: { bytes: Uint8Array; mimeType: string; filename: string }): Promise<UploadedMedia> {
    if (file.bytes.byteLength === 0) throw new PayloadError('file', 'is empty');
    if (file.bytes.byteLength > MAX_MEDIA_BYTES) throw new PayloadError('file', `is larger than WhatsApp's ${MAX_MEDIA_BYTES} bytes`);
    if (!file.mimeType) throw new PayloadError('type', 'a MIME type is required');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }), file.filename);
    form.append('type', file.mimeType);
    form.append('messaging_product', 'whatsapp');
    const res = await this.call({
      key: phoneNumberId, method: 'POST', url: this.url([phoneNumberId, 'media']), form, schema: mediaUploadSchema, timeoutMs: this.mediaTimeoutMs,
    });
    return { id: res.id };
  }

  /** Resolves a media id to its short-lived download URL. The number only picks the token. */
  async getMedia(phoneNumberId: string, mediaId: string): Promise<MediaInfo> {
    const m = await this.call({ key: phoneNumberId, method: 'GET', url: this.url([mediaId]), schema: mediaInfoSchema });
    return { id: m.id, url: m.url, mimeType: m.mime_type, sha256: m.sha256, fileSize: m.file_size };
  }

  /** Downloads a URL from getMedia with the token, refusing (and stopping) past `maxBytes`. */
  async downloadMedia(phoneNumberId: string, url: string, maxBytes: number): Promise<DownloadedMedia> {
    if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) throw new PayloadError('url', 'must be the http(s) URL returned by getMedia');
    const token = await this.token(phoneNumberId);
    const redact = redactor(token);
    const tooLarge = (status: number) => new GraphError({ httpStatus: status, code: LOCAL_CODES.tooLarge, title: `Media is larger than the ${maxBytes} bytes allowed` });
    return this.exchange(url, { method: 'GET' }, { token, timeoutMs: this.mediaTimeoutMs, sideEffect: false }, async (res) => {
      if (!res.ok) throw GraphError.fromResponse(res.status, await readText(res, 64 * 1024), redact);
      const declared = Number(res.headers.get('content-length') ?? NaN);
      if (declared > maxBytes) {
        await res.body?.cancel();
        throw tooLarge(res.status);
      }
      const chunks: Uint8Array[] = [];
      const hash = createHash('sha256');
      let total = 0;
      const reader = res.body?.getReader();
      for (;;) {
        if (!reader) break;
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > maxBytes) {
          await reader.cancel();
          throw tooLarge(res.status);
        }
        hash.update(value);
        chunks.push(value);
      }
      return {
        bytes: Buffer.concat(chunks, total),
        mimeType: res.headers.get('content-type') ?? 'application/octet-stream',
        sha256: hash.digest('hex'),
      };
    });
  }

  // ---- templates and numbers ---------------------------------------------------------------------

  /** Every template of the WABA, all pages. */
  async listTemplates(wabaId: string, filters: TemplateFilters = {}): Promise<Template[]> {
    const url = this.url([wabaId, 'message_templates'], {
      fields: TEMPLATE_FIELDS, status: filters.status, name: filters.name, language: filters.language, category: filters.category, limit: filters.limit ?? 100,
    });
    const rows = await this.allPages(wabaId, url, templatesPageSchema);
    return rows.map((t) => ({
      id: t.id,
      name: t.name,
      language: t.language,
      status: t.status,
      ...(t.category !== undefined ? { category: t.category } : {}),
      ...(t.parameter_format !== undefined ? { parameterFormat: t.parameter_format } : {}),
      ...(t.quality_score?.score !== undefined ? { qualityScore: t.quality_score.score } : {}),
      components: t.components,
    }));
  }

  async getPhoneNumber(phoneNumberId: string, fields: readonly PhoneNumberField[] = PHONE_NUMBER_FIELDS): Promise<PhoneNumberDetails> {
    const p = await this.call({
      key: phoneNumberId, method: 'GET', url: this.url([phoneNumberId], { fields: fields.join(',') }), schema: phoneNumberSchema,
    });
    return toPhoneNumber(p);
  }

  async listPhoneNumbers(wabaId: string): Promise<PhoneNumberDetails[]> {
    const url = this.url([wabaId, 'phone_numbers'], { fields: PHONE_NUMBER_FIELDS.join(',') });
    return (await this.allPages(wabaId, url, phoneNumbersPageSchema)).map(toPhoneNumber);
  }

  // ---- business profile --------------------------------------------------------------------------

  async getBusinessProfile(phoneNumberId: string): Promise<BusinessProfile> {
    const res = await this.call({
      key: phoneNumberId, method: 'GET', url: this.url([phoneNumberId, 'whatsapp_business_profile'], { fields: PROFILE_FIELDS }),
      schema: businessProfileResponseSchema,
    });
    const p = res.data[0]!;
    return definedOnly({
      about: p.about, address: p.address, description: p.description, email: p.email,
      profilePictureUrl: p.profile_picture_url, websites: p.websites, vertical: p.vertical,
    });
  }

  /** Checks Meta's field limits first: nothing is sent when one is broken. */
  async updateBusinessProfile(phoneNumberId: string, fields: BusinessProfileUpdate): Promise<void> {
    const parsed = businessProfileUpdateSchema.safeParse(fields);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new PayloadError(issue?.path.join('.') ?? '', issue?.message ?? 'invalid profile');
    }
    const { profilePictureHandle, ...rest } = parsed.data;
    await this.call({
      key: phoneNumberId, method: 'POST', url: this.url([phoneNumberId, 'whatsapp_business_profile']), schema: successSchema,
      json: { messaging_product: 'whatsapp', ...definedOnly(rest), ...(profilePictureHandle !== undefined ? { profile_picture_handle: profilePictureHandle } : {}) },
    });
  }

  // ---- registration ------------------------------------------------------------------------------

  async requestCode(phoneNumberId: string, method: 'SMS' | 'VOICE', language = 'en_US'): Promise<void> {
    await this.call({
      key: phoneNumberId, method: 'POST', url: this.url([phoneNumberId, 'request_code']), schema: successSchema,
      json: { code_method: method, language },
    });
  }

  async verifyCode(phoneNumberId: string, code: string): Promise<void> {
    const digits = code.replace(/[\s-]/g, '');
    if (!/^\d{6}$/.test(digits)) throw new PayloadError('code', 'must be the 6-digit code WhatsApp sent');
    await this.call({ key: phoneNumberId, method: 'POST', url: this.url([phoneNumberId, 'verify_code']), schema: successSchema, json: { code: digits } });
  }

  async register(phoneNumberId: string, pin: string, opts: { dataLocalizationRegion?: string } = {}): Promise<void> {
    if (!/^\d{6}$/.test(pin)) throw new PayloadError('pin', 'must be 6 digits');
    await this.call({
      key: phoneNumberId, method: 'POST', url: this.url([phoneNumberId, 'register']), schema: successSchema,
      json: { messaging_product: 'whatsapp', pin, ...(opts.dataLocalizationRegion ? { data_localization_region: opts.dataLocalizationRegion } : {}) },
    });
  }

  // ---- plumbing ----------------------------------------------------------------------------------

  private url(segments: string[], query: Record<string, string | number | undefined> = {}): string {
    const qs = Object.entries(query)
      .filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '')
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v)).replace(/%2C/g, ',')}`)
      .join('&');
    return `${this.baseUrl}/${segments.map(encodeURIComponent).join('/')}${qs ? `?${qs}` : ''}`;
  }

  private async token(key: string): Promise<string> {
    const token = await this.tokenFor(key);
    if (!token) throw new GraphError({ httpStatus: 0, code: LOCAL_CODES.noToken, title: `No WhatsApp access token for ${key}` });
    return token;
  }

  private async call<T>(c: Call<T>): Promise<T> {
    const token = await this.token(c.key);
    const redact = redactor(token);
    const init: RequestInit = { method: c.method };
    if (c.json !== undefined) {
      init.body = JSON.stringify(c.json);
      init.headers = { 'Content-Type': 'application/json' };
    } else if (c.form) {
      init.body = c.form;
    }
    const sideEffect = c.sideEffect ?? false;
    const { status, text } = await this.exchange(c.url, init, { token, timeoutMs: c.timeoutMs ?? this.timeoutMs, sideEffect },
      async (res) => ({ status: res.status, text: await res.text() }));
    if (status < 200 || status >= 300) throw GraphError.fromResponse(status, text, redact);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const parsed = c.schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new GraphError({
        httpStatus: status, code: LOCAL_CODES.badResponse, title: 'Unexpected answer from WhatsApp',
        details: body === undefined ? 'not JSON' : `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
        mayHaveSucceeded: sideEffect,
      });
    }
    return parsed.data;
  }

  /** One HTTP exchange with the token and a deadline covering the answer's body; fetch failures become GraphErrors. */
  private async exchange<R>(url: string, init: RequestInit, x: Exchange, read: (res: Response) => Promise<R>): Promise<R> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, x.timeoutMs);
    try {
      const headers = new Headers(init.headers);
      headers.set('Authorization', `Bearer ${x.token}`);
      const res = await this.fetchImpl(url, { ...init, headers, signal: controller.signal });
      return await read(res);
    } catch (error) {
      if (error instanceof GraphError || error instanceof PayloadError) throw error;
      const redact = redactor(x.token);
      const code = errorCode(error);
      throw new GraphError({
        httpStatus: 0,
        code: timedOut ? LOCAL_CODES.timeout : LOCAL_CODES.network,
        title: timedOut ? `No answer within ${x.timeoutMs} ms` : `Network error${code ? ` (${code})` : ''}`,
        ...(timedOut ? {} : { details: redact(errorMessage(error)) }),
        mayHaveSucceeded: x.sideEffect && !(code && CONNECT_PHASE.has(code)),
      });
    } finally {
      clearTimeout(timer);
    }
  }

  private async allPages<I>(key: string, firstUrl: string, schema: z.ZodType<{ data: I[]; paging?: { next?: string } | undefined }>): Promise<I[]> {
    const origin = new URL(this.baseUrl).origin;
    const seen = new Set<string>();
    const rows: I[] = [];
    const stop = (title: string, details?: string) =>
      new GraphError({ httpStatus: 200, code: LOCAL_CODES.badResponse, title, ...(details ? { details } : {}) });
    for (let url: string | undefined = firstUrl; url !== undefined;) {
      if (seen.has(url)) throw stop('Paging loops back to a page already read');
      if (seen.size >= this.maxPages) throw stop(`More than ${this.maxPages} pages`);
      seen.add(url);
      const page: { data: I[]; paging?: { next?: string } | undefined } = await this.call({ key, method: 'GET', url, schema });
      rows.push(...page.data);
      const next = page.paging?.next;
      if (!next) break;
      const nextUrl: URL | null = URL.canParse(next, url) ? new URL(next, url) : null;
      // An absolute `next` elsewhere would receive our Bearer token: refuse rather than leak it.
      if (!nextUrl || nextUrl.origin !== origin) throw stop('Paging points outside the Graph API; the token is not sent there', nextUrl?.origin ?? 'not a URL');
      url = nextUrl.toString();
    }
    return rows;
  }
}

function toPhoneNumber(p: z.infer<typeof phoneNumberSchema>): PhoneNumberDetails {
  return definedOnly({
    id: p.id,
    displayPhoneNumber: p.display_phone_number,
    verifiedName: p.verified_name,
    qualityRating: p.quality_rating,
    throughputLevel: p.throughput?.level,
    messagingLimitTier: p.whatsapp_business_manager_messaging_limit ?? p.messaging_limit_tier,
    status: p.status,
    codeVerificationStatus: p.code_verification_status,
    nameStatus: p.name_status,
    platformType: p.platform_type,
    accountMode: p.account_mode,
  }) as PhoneNumberDetails;
}

function definedOnly<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** Removes the token (and any bearer or access_token look-alike) from text we copy into errors. */
export function redactor(token: string): (s: string) => string {
  return (s) => {
    let out = s.replace(/access_token=[^&\s"']+/gi, 'access_token=[redacted]').replace(/Bearer\s+[^\s"']+/gi, 'Bearer [redacted]');
    if (token.length >= 4) out = out.split(token).join('[redacted]');
    return out;
  };
}

async function readText(res: Response, limit: number): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
    if (total >= limit) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function errorMessage(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof Error && e.message) parts.push(e.message);
  }
  return parts.join(': ') || 'fetch failed';
}
