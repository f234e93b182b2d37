import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EmulatorContext } from './context';
import { graphErrors } from './errors';
import { fieldList, findNumber, queryOf, type Params } from './graph-http';
import { paginate } from './paging';
import { mergedParams, type Obj } from './params';
import { managerLimit, type PhoneNumberRecord } from './state';

const DEFAULT_FIELDS = ['verified_name', 'code_verification_status', 'display_phone_number', 'quality_rating', 'platform_type', 'throughput', 'id'];
const REGISTER_WINDOW_MS = 72 * 60 * 60 * 1000;
const REGISTER_MAX_CALLS = 10;
const MAX_PIN_GUESSES = 5;

export function phoneNumberNode(number: PhoneNumberRecord, fields: string[] | null): Record<string, unknown> {
  const all: Record<string, unknown> = {
    verified_name: number.verifiedName,
    code_verification_status: number.codeVerificationStatus,
    display_phone_number: number.displayFormatted,
    quality_rating: number.qualityRating,
    quality_score: { score: number.qualityRating },
    platform_type: 'CLOUD_API',
    throughput: { level: number.throughputLevel },
    name_status: number.nameStatus,
    new_name_status: 'NONE',
    status: number.status,
    messaging_limit_tier: number.messagingLimitTier,
    whatsapp_business_manager_messaging_limit: managerLimit(number.messagingLimitTier),
    account_mode: number.accountMode,
    is_official_business_account: number.isOfficialBusinessAccount,
    is_pin_enabled: number.pin !== null,
    id: number.id,
  };
  const wanted = fields ?? DEFAULT_FIELDS;
  const unknown = wanted.find((f) => !(f in all));
  if (unknown) throw graphErrors.nonexistingField(unknown, 'WhatsAppBusinessPhoneNumber');
  const out: Record<string, unknown> = {};
  for (const f of wanted) out[f] = all[f];
  out.id = number.id;
  return out;
}

function stringParam(params: Obj, key: string): string {
  const value = params[key];
  if (value === undefined || value === null || value === '') throw graphErrors.invalidParameter(`The parameter ${key} is required.`);
  return String(value);
}

function countRegisterCall(ctx: EmulatorContext, number: PhoneNumberRecord): void {
  const now = ctx.clock.now();
  number.registerCalls = number.registerCalls.filter((t) => now - t < REGISTER_WINDOW_MS);
  if (number.registerCalls.length >= REGISTER_MAX_CALLS) throw graphErrors.registerRateLimit();
  number.registerCalls.push(now);
}

function register(ctx: EmulatorContext, number: PhoneNumberRecord, params: Obj): { success: true } {
  const product = stringParam(params, 'messaging_product');
  if (product !== 'whatsapp') throw graphErrors.invalidParameter(`Param messaging_product must be one of {WHATSAPP} - got "${product}".`);
  const pin = stringParam(params, 'pin');
  if (!/^\d{6}$/.test(pin)) throw graphErrors.invalidParameter('Param pin must be 6 digits.');
  const region = params.data_localization_region;
  if (region !== undefined && !/^[A-Z]{2}$/.test(String(region))) throw graphErrors.invalidParameter('Param data_localization_region must be a 2-letter country code.');
  countRegisterCall(ctx, number);
  if (number.codeVerificationStatus !== 'VERIFIED') throw graphErrors.needsVerification();
  if (number.pin !== null && number.pin !== pin) {
    number.wrongPinGuesses++;
    throw number.wrongPinGuesses >= MAX_PIN_GUESSES ? graphErrors.tooManyPinGuesses() : graphErrors.pinMismatch();
  }
  number.pin = pin;
  number.wrongPinGuesses = 0;
  number.status = 'CONNECTED';
  return { success: true };
}

/** POST /{phone-number-id} {"pin"}: sets the two-step verification PIN. */
export function setPin(number: PhoneNumberRecord, body: unknown): { success: true } {
  const params = mergedParams({}, body);
  const pin = stringParam(params, 'pin');
  if (!/^\d{6}$/.test(pin)) throw graphErrors.invalidParameter('Param pin must be 6 digits.');
  number.pin = pin;
  return { success: true };
}

function paramsOf(req: FastifyRequest): Obj {
  return mergedParams(queryOf(req), req.body);
}

export function registerPhoneNumberRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get<{ Params: Params }>('/:version/:id/phone_numbers', async (req) => {
    if (!ctx.state.isWaba(req.params.id)) throw graphErrors.unknownObject(req.params.id, 'get');
    const query = queryOf(req);
    const fields = fieldList(query.fields);
    const numbers = ctx.state.numbersOfWaba(req.params.id);
    const page = paginate(numbers, query, new URL(`/${req.params.version}/${req.params.id}/phone_numbers`, ctx.baseUrl()));
    return { ...page, data: page.data.map((n) => phoneNumberNode(n, fields)) };
  });

  app.post<{ Params: Params }>('/:version/:id/phone_numbers', async (req) => {
    const wabaId = req.params.id;
    if (!ctx.state.isWaba(wabaId)) throw graphErrors.unknownObject(wabaId, 'post');
    const params = paramsOf(req);
    const cc = String(params.cc ?? params.country_code ?? '');
    if (!/^\d{1,3}$/.test(cc)) throw graphErrors.invalidParameter('The parameter cc is required (country calling code, digits).');
    const phone = stringParam(params, 'phone_number').replace(/\D/g, '');
    if (phone.length < 4) throw graphErrors.invalidParameter('Param phone_number is not a valid phone number.');
    const verifiedName = stringParam(params, 'verified_name');
    if ([...ctx.state.numbers.values()].some((n) => n.displayDigits === cc + phone)) {
      throw graphErrors.invalidParameter(`The phone number +${cc}${phone} is already in use.`);
    }
    const number = ctx.state.addNumber(
      { wabaId, displayPhoneNumber: `+${cc} ${phone}`, verifiedName, status: 'PENDING', codeVerificationStatus: 'NOT_VERIFIED', nameStatus: 'PENDING_REVIEW' },
      ctx.config.defaultMps,
    );
    return { id: number.id };
  });

  app.post<{ Params: Params }>('/:version/:id/request_code', async (req) => {
    const number = findNumber(ctx, req.params.id, 'post');
    const params = paramsOf(req);
    const method = stringParam(params, 'code_method').toUpperCase();
    if (method !== 'SMS' && method !== 'VOICE') throw graphErrors.invalidParameter(`Param code_method must be one of {SMS, VOICE} - got "${method}".`);
    if (number.codeVerificationStatus === 'VERIFIED') throw graphErrors.requestCode('The phone number is already verified.');
    number.codeRequested = true;
    ctx.log(`request_code ${method} for ${number.displayFormatted}: the code is ${ctx.config.verificationCode}`);
    return { success: true };
  });

  app.post<{ Params: Params }>('/:version/:id/verify_code', async (req) => {
    const number = findNumber(ctx, req.params.id, 'post');
    const code = stringParam(paramsOf(req), 'code');
    if (!number.codeRequested) throw graphErrors.verifyCode('No verification code was requested for this phone number.');
    if (code !== ctx.config.verificationCode) throw graphErrors.verifyCode('The verification code is incorrect.');
    number.codeRequested = false;
    number.codeVerificationStatus = 'VERIFIED';
    return { success: true };
  });

  app.post<{ Params: Params }>('/:version/:id/register', async (req) => register(ctx, findNumber(ctx, req.params.id, 'post'), paramsOf(req)));

  app.post<{ Params: Params }>('/:version/:id/deregister', async (req) => {
    const number = findNumber(ctx, req.params.id, 'post');
    countRegisterCall(ctx, number);
    number.status = 'DISCONNECTED';
    return { success: true };
  });
}
