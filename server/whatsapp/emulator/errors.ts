import { newFbtraceId } from './ids';
import type { GraphErrorBody, WireError } from './wire';

interface GraphErrorExtra {
  type?: string;
  subcode?: number;
  /** Full `message` when Meta does not use the "(#code) title" form (tokens, unknown objects). */
  message?: string;
  userTitle?: string;
  userMsg?: string;
}

/** A synchronous Graph API error: HTTP status plus Meta's `{"error": …}` body. */
export class GraphError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: number,
    readonly title: string,
    readonly details?: string,
    readonly extra: GraphErrorExtra = {},
  ) {
    super(extra.message ?? `(#${code}) ${title}`);
  }

  body(): GraphErrorBody {
    return {
      error: {
        message: this.message,
        type: this.extra.type ?? 'OAuthException',
        code: this.code,
        ...(this.extra.subcode === undefined ? {} : { error_subcode: this.extra.subcode }),
        ...(this.details === undefined ? {} : { error_data: { messaging_product: 'whatsapp' as const, details: this.details } }),
        ...(this.extra.userTitle === undefined ? {} : { error_user_title: this.extra.userTitle }),
        ...(this.extra.userMsg === undefined ? {} : { error_user_msg: this.extra.userMsg }),
        fbtrace_id: newFbtraceId(),
      },
    };
  }
}

/** A control API error (plain `{"error"}` body). */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const graphErrors = {
  invalidToken: () =>
    new GraphError(401, 190, 'Invalid OAuth access token', undefined, { message: 'Invalid OAuth access token - Cannot parse access token' }),
  expiredToken: (expiredAt: Date) =>
    new GraphError(401, 190, 'Access token has expired', undefined, {
      subcode: 463,
      message: `Error validating access token: Session has expired on ${expiredAt.toUTCString()}. The current time is ${new Date().toUTCString()}.`,
    }),
  unknownObject: (id: string, method: 'get' | 'post' | 'delete') =>
    new GraphError(400, 100, 'Unsupported request', undefined, {
      type: 'GraphMethodException',
      subcode: 33,
      message: `Unsupported ${method} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    }),
  unknownPath: (path: string) => new GraphError(400, 2500, 'Unknown path components', undefined, { message: `Unknown path components: ${path}` }),
  invalidParameter: (details: string) => new GraphError(400, 100, 'Invalid parameter', details),
  missingParameter: (details: string) => new GraphError(400, 131008, 'Required parameter is missing', details),
  invalidValue: (details: string) => new GraphError(400, 131009, 'Parameter value is not valid', details),
  nonexistingField: (field: string, node: string) =>
    new GraphError(400, 100, 'Tried accessing nonexisting field', undefined, { message: `(#100) Tried accessing nonexisting field (${field}) on node type (${node})` }),
  throughput: () =>
    new GraphError(400, 130429, 'Rate limit hit', 'Message failed to send because there were too many messages sent from this phone number in a short period of time', { subcode: 2494055 }),
  pairRate: () =>
    new GraphError(400, 131056, '(Business Account, Consumer Account) pair rate limit hit', 'Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.'),
  recipientIsSender: () => new GraphError(400, 131021, 'Recipient cannot be sender', 'Sender and recipient phone number is the same.'),
  notRegistered: () => new GraphError(400, 133010, 'Account not registered', 'The phone number is not registered on the WhatsApp Business Platform.'),
  templateNotFound: (name: string, language: string) =>
    new GraphError(404, 132001, 'Template name does not exist in the translation', `template name (${name}) does not exist in ${language}`),
  templateParamCount: (details: string) => new GraphError(400, 132000, 'Number of parameters does not match the expected number of params', details),
  templateParamFormat: (details: string) => new GraphError(400, 132012, 'Parameter format does not match format in the created template', details),
  templatePaused: (name: string) => new GraphError(400, 132015, 'Template is Paused', `Template ${name} is paused due to low quality.`),
  templateDisabled: (name: string) => new GraphError(400, 132016, 'Template is Disabled', `Template ${name} has been disabled due to low quality.`),
  templateExists: (name: string, language: string) =>
    new GraphError(400, 100, 'Invalid parameter', `Message template "${name}" already exists in ${language}.`, {
      subcode: 2388024,
      userTitle: 'Content in This Language Already Exists',
      userMsg: 'There is already content for this template in this language.',
    }),
  mediaUpload: (details: string) => new GraphError(400, 131053, 'Media upload error', details),
  requestCode: (details: string) => new GraphError(400, 136024, 'Request code error', details),
  verifyCode: (details: string) => new GraphError(400, 136025, 'Verify code error', details),
  pinMismatch: () => new GraphError(400, 133005, 'Two step verification PIN Mismatch', 'The two-step verification PIN is incorrect.'),
  needsVerification: () => new GraphError(400, 133006, 'Phone number re-verification needed', 'Verify the phone number with request_code and verify_code before registering it.'),
  tooManyPinGuesses: () => new GraphError(400, 133008, 'Too many two step verification PIN guesses for this phone number', 'Try again after the time given in the details.'),
  registerRateLimit: () => new GraphError(400, 133016, 'Account register deregister rate limit exceeded', 'Too many register/deregister attempts for this phone number; try again later.'),
};

/** Asynchronous errors carried by `failed` statuses. */
const ASYNC_ERRORS: Record<number, { title: string; details: string }> = {
  131047: {
    title: 'Re-engagement message',
    details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  },
  131026: {
    title: 'Message undeliverable',
    details: 'Message Undeliverable.',
  },
  131053: {
    title: 'Media upload error',
    details: 'Unable to download the media sent by the business.',
  },
};

export type AsyncErrorCode = 131047 | 131026 | 131053;

export function asyncError(code: AsyncErrorCode, details?: string): WireError {
  const known = ASYNC_ERRORS[code] ?? { title: 'Something went wrong', details: 'Unknown error.' };
  return {
    code,
    title: known.title,
    message: known.title,
    error_data: { details: details ?? known.details },
    href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
  };
}
