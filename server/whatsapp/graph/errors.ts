import { z } from 'zod';

/**
 * retryable: try the same call again later (5xx, network). throttled: again, but slower (rate limits).
 * auth: the token or its permissions are wrong; nothing helps until an administrator fixes them.
 * permanent: this request will never succeed as it is.
 */
export type GraphErrorKind = 'retryable' | 'throttled' | 'permanent' | 'auth';

/** Codes for failures that never got a Meta answer we could read. Negative, so never one of Meta's. */
export const LOCAL_CODES = {
  network: -1,
  timeout: -2,
  badResponse: -3,
  tooLarge: -4,
  noToken: -5,
} as const;

const THROTTLED = new Set([4, 80007, 130429, 131048, 131056]);
const RETRYABLE = new Set([1, 2, 131000, 131057, LOCAL_CODES.network, LOCAL_CODES.timeout]);

export function isAuthCode(code: number): boolean {
  return code === 0 || code === 190 || code === 10 || (code >= 200 && code <= 299) || code === LOCAL_CODES.noToken;
}

/** How to react to an error code; `httpStatus` decides for codes we do not know (and unreadable answers). */
export function classifyGraphError(code: number, httpStatus?: number, isTransient?: boolean): GraphErrorKind {
  if (isAuthCode(code)) return 'auth';
  if (THROTTLED.has(code)) return 'throttled';
  if (RETRYABLE.has(code)) return 'retryable';
  if (code === LOCAL_CODES.tooLarge) return 'permanent';
  if (httpStatus !== undefined) {
    if (httpStatus >= 500) return 'retryable';
    if (httpStatus === 429) return 'throttled';
    if (code === LOCAL_CODES.badResponse) {
      if (httpStatus === 401 || httpStatus === 403) return 'auth';
      if (httpStatus < 400) return 'retryable';
    }
  }
  if (isTransient) return 'retryable';
  return 'permanent';
}

/**
 * Plain-language reasons for the agent, by code. The UI translates by code (see `reasonCode`);
 * this English table is the fallback and the source text.
 */
export const PLAIN_REASONS: Readonly<Record<number, string>> = {
  [LOCAL_CODES.network]: 'Could not reach WhatsApp (network problem). Try again in a moment.',
  [LOCAL_CODES.timeout]: 'WhatsApp did not answer in time. Try again in a moment.',
  [LOCAL_CODES.badResponse]: 'WhatsApp gave an answer we could not read. Try again in a moment.',
  [LOCAL_CODES.tooLarge]: 'The media file is larger than WhatsApp allows.',
  [LOCAL_CODES.noToken]: 'No WhatsApp access token is configured for this number: an administrator must add it.',
  0: 'WhatsApp refused our credentials: an administrator must check the access token of this number.',
  190: 'The WhatsApp access token was refused or has expired: an administrator must update it in the number settings.',
  10: 'The WhatsApp access token lacks a permission for this number: an administrator must grant it.',
  200: 'The WhatsApp access token lacks a permission for this number: an administrator must grant it.',
  1: 'WhatsApp had an unknown error. Try again in a moment.',
  2: 'WhatsApp is temporarily unavailable. Try again in a moment.',
  4: 'Too many requests to WhatsApp from this app: wait a little and try again.',
  80007: 'This WhatsApp Business account reached its request limit: wait a little and try again.',
  130429: 'This number is sending faster than WhatsApp allows: the message is throttled, try again in a moment.',
  131048: 'WhatsApp is limiting this number because customers reported its messages as spam: wait before sending more.',
  131056: 'Too many messages were sent to this customer in a short time: the message is throttled, wait a moment before sending again.',
  100: 'WhatsApp rejected the request because a parameter is invalid.',
  131000: 'WhatsApp had an internal error. Try again in a moment.',
  131008: 'A required part of the message is missing.',
  131009: 'A value in the message is not valid (for example a media id, link or button).',
  131021: 'The customer number is this business number itself.',
  131026: 'The message could not be delivered: the number may not be on WhatsApp, or the customer uses an old WhatsApp version.',
  131031: 'The WhatsApp Business account is locked by Meta: an administrator must check it in Business Manager.',
  368: 'The WhatsApp Business account is blocked by Meta for policy reasons: an administrator must check it in Business Manager.',
  131047: 'More than 24 hours have passed since the customer last wrote: send an approved template (active message) instead.',
  131051: 'WhatsApp does not support this message type.',
  131053: 'The media could not be uploaded or sent: check its type and size.',
  131057: 'The WhatsApp account is in maintenance (for example a throughput upgrade). Try again in a few minutes.',
  132000: 'The number of template variables does not match the approved template: fill in exactly the variables it expects.',
  132001: 'This template does not exist or is not approved in this language: choose an approved template and language.',
  132012: 'A template variable has the wrong format (for example text where an image is expected).',
  132015: 'This template is paused by Meta because of low quality: choose another template.',
  132016: 'This template was disabled by Meta: choose another template.',
  133000: 'A previous deregistration of this number did not finish: deregister it again.',
  133005: 'The two-step verification PIN is wrong.',
  133006: 'The number must be verified again before it can be registered.',
  133008: 'Too many wrong PIN attempts: wait before trying again.',
  133009: 'PIN attempts were too fast: wait before trying again.',
  133010: 'This number is not registered on the WhatsApp Cloud API: an administrator must register it.',
  133015: 'This number was deleted recently: wait 5 minutes and try again.',
  133016: 'Too many registration attempts for this number: wait before trying again.',
  136024: 'WhatsApp could not send the verification code: check the number and try again later.',
  136025: 'The verification code is wrong or has expired.',
};

/** The key of `PLAIN_REASONS` that explains `code`, or null when only the generic text applies. */
export function reasonCode(code: number): number | null {
  const key = code > 200 && code <= 299 ? 200 : code;
  return key in PLAIN_REASONS ? key : null;
}

/** A short English sentence for the agent; Meta's `details` only when we have no text of our own. */
export function plainReason(code: number, details?: string | null): string {
  const key = reasonCode(code);
  if (key !== null) return PLAIN_REASONS[key]!;
  return `WhatsApp refused this (error ${code})${details ? `: ${details}` : ''}.`;
}

export type GraphErrorInit = {
  httpStatus: number;
  code: number;
  subcode?: number;
  title: string;
  details?: string;
  fbtraceId?: string;
  type?: string;
  isTransient?: boolean;
  /** The request may have reached Meta and taken effect (a send that timed out): repeating it could send twice. */
  mayHaveSucceeded?: boolean;
};

/** A failed Graph call. Never carries the access token: the client redacts every text it copies in. */
export class GraphError extends Error {
  override readonly name = 'GraphError';
  readonly httpStatus: number;
  readonly code: number;
  readonly subcode?: number;
  readonly title: string;
  readonly details?: string;
  readonly fbtraceId?: string;
  readonly type?: string;
  readonly kind: GraphErrorKind;
  readonly mayHaveSucceeded: boolean;

  constructor(init: GraphErrorInit) {
    super(`WhatsApp API error ${init.code}${init.subcode !== undefined ? `/${init.subcode}` : ''}${init.httpStatus ? ` (HTTP ${init.httpStatus})` : ''}: ${init.title}${init.details ? ` (${init.details})` : ''}`);
    this.httpStatus = init.httpStatus;
    this.code = init.code;
    if (init.subcode !== undefined) this.subcode = init.subcode;
    this.title = init.title;
    if (init.details !== undefined) this.details = init.details;
    if (init.fbtraceId !== undefined) this.fbtraceId = init.fbtraceId;
    if (init.type !== undefined) this.type = init.type;
    this.kind = classifyGraphError(init.code, init.httpStatus, init.isTransient);
    this.mayHaveSucceeded = init.mayHaveSucceeded ?? false;
  }

  /** Plain-language reason for the agent. */
  get reason(): string {
    return plainReason(this.code, this.details);
  }

  toJSON() {
    return {
      httpStatus: this.httpStatus, code: this.code, subcode: this.subcode, title: this.title, details: this.details,
      fbtraceId: this.fbtraceId, kind: this.kind, mayHaveSucceeded: this.mayHaveSucceeded,
    };
  }

  /** Reads Meta's `{error:{message,type,code,error_subcode,error_data:{details},fbtrace_id}}`; anything else is judged by status. */
  static fromResponse(httpStatus: number, body: string, redact: (s: string) => string = (s) => s): GraphError {
    const parsed = metaErrorSchema.safeParse(safeJson(body));
    if (!parsed.success) {
      return new GraphError({
        httpStatus,
        code: LOCAL_CODES.badResponse,
        title: `Unexpected HTTP ${httpStatus} answer`,
        ...(body.trim() ? { details: redact(body.trim().slice(0, 200)) } : {}),
      });
    }
    const e = parsed.data.error;
    const message = e.message ?? '';
    return new GraphError({
      httpStatus,
      code: e.code,
      ...(e.error_subcode !== undefined ? { subcode: e.error_subcode } : {}),
      title: redact(message.replace(/^\(#\d+\)\s*/, '') || e.error_user_title || 'Unknown error'),
      ...(e.error_data?.details ? { details: redact(e.error_data.details) } : {}),
      ...(e.fbtrace_id ? { fbtraceId: e.fbtrace_id } : {}),
      ...(e.type ? { type: e.type } : {}),
      ...(e.is_transient !== undefined ? { isTransient: e.is_transient } : {}),
    });
  }
}

const metaErrorSchema = z.object({
  error: z.object({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.coerce.number().int(),
    error_subcode: z.coerce.number().int().optional(),
    error_data: z.object({ details: z.string().optional() }).loose().optional(),
    fbtrace_id: z.string().optional(),
    is_transient: z.boolean().optional(),
    error_user_title: z.string().optional(),
  }).loose(),
}).loose();

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A payload we refuse to send because Meta would reject it (limits, shapes). Nothing was sent. */
export class PayloadError extends Error {
  override readonly name = 'PayloadError';
  constructor(readonly field: string, problem: string) {
    super(field ? `${field}: ${problem}` : problem);
  }
}
