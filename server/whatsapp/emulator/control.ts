import { z } from 'zod';
import type { EmulatorContext } from './context';
import { customerSends, type InboundResult } from './customers';
import { qualityEnvelope, systemErrorEnvelope, templateStatusEnvelope } from './envelopes';
import { ControlError } from './errors';
import type { EmulatorConfig } from './options';
import type { PersonaEngine, PersonaStatus } from './personas';
import {
  clockAdvanceInput, configPatch, customerMessageInput, customerPatch, numberInput, numberPatch, pairRateInput, qualityInput, seedInput,
  systemErrorInput, TEMPLATE_STATUSES, templateInput, templateStatusInput, windowInput,
} from './schemas';
import { windowKey, type CustomerRecord, type InboundRecord, type OutboundRecord, type PhoneNumberRecord, type RequestLogEntry, type TemplateRecord } from './state';
import type { DeliveryFilter, DeliveryView, VerifyResult } from './webhooks';

export type NumberView = Omit<PhoneNumberRecord, 'registerCalls' | 'codeRequested' | 'wrongPinGuesses'>;

export interface OutboundView {
  wamid: string;
  phoneNumberId: string;
  to: string;
  type: string;
  body: Record<string, unknown>;
  template?: string;
  callbackData?: string;
  acceptedAt: string;
  statuses: Array<{ status: string; at: string; errorCode?: number }>;
}

export interface RequestFilter {
  method?: string;
  /** Substring of the path, e.g. "/messages". */
  path?: string;
  afterSeq?: number;
  limit?: number;
}

export interface EmulatorControl {
  seed(input: z.input<typeof seedInput>): { numbers: NumberView[]; templates: TemplateRecord[] };
  addNumber(input: z.input<typeof numberInput>): NumberView;
  listNumbers(): NumberView[];
  updateNumber(id: string, patch: z.input<typeof numberPatch>): NumberView;
  /** Changes quality / messaging limit and sends phone_number_quality_update. */
  setQuality(id: string, input: z.input<typeof qualityInput>): { number: NumberView; deliveryId: number };
  addTemplate(input: z.input<typeof templateInput>): TemplateRecord;
  listTemplates(wabaId?: string): TemplateRecord[];
  /** Approves, rejects, pauses… a template and sends message_template_status_update. */
  setTemplateStatus(id: string, input: z.input<typeof templateStatusInput>): { template: TemplateRecord; deliveryId: number };
  customerSends(input: z.input<typeof customerMessageInput>): InboundResult;
  updateCustomer(waId: string, patch: z.input<typeof customerPatch>): CustomerRecord;
  listCustomers(): CustomerRecord[];
  setWindow(input: z.input<typeof windowInput>): void;
  advanceClock(input: z.input<typeof clockAdvanceInput> | number): { now: string };
  now(): number;
  /** A frozen clock only moves with advanceClock (deterministic rate limits). */
  freezeClock(frozen: boolean): void;
  setPairRate(input: z.input<typeof pairRateInput>): EmulatorConfig['pairRate'];
  configure(patch: z.input<typeof configPatch>): void;
  emitSystemError(input: z.input<typeof systemErrorInput>): { deliveryId: number };
  requests(filter?: RequestFilter): RequestLogEntry[];
  clearRequests(): void;
  deliveries(filter?: DeliveryFilter): DeliveryView[];
  outbound(filter?: { to?: string; phoneNumberId?: string }): OutboundView[];
  inbound(): InboundRecord[];
  verifyWebhook(): Promise<VerifyResult>;
  /** Resolves true once no status is scheduled and no webhook is pending (false on timeout). */
  waitForIdle(timeoutMs?: number): Promise<boolean>;
  /** Forgets everything, resets the clock and settings, and re-applies the initial seed. */
  reset(): void;
  personas: { start(): void; stop(): void; status(): PersonaStatus };
}

function numberView(n: PhoneNumberRecord): NumberView {
  const { registerCalls: _r, codeRequested: _c, wrongPinGuesses: _w, ...view } = n;
  return { ...view, profile: { ...n.profile } };
}

function outboundView(r: OutboundRecord): OutboundView {
  return {
    wamid: r.wamid,
    phoneNumberId: r.phoneNumberId,
    to: r.to,
    type: r.type,
    body: r.body,
    ...(r.template ? { template: r.template.name } : {}),
    ...(r.callbackData === undefined ? {} : { callbackData: r.callbackData }),
    acceptedAt: new Date(r.acceptedAt).toISOString(),
    statuses: r.statuses.map((s) => ({ status: s.status, at: new Date(s.at).toISOString(), ...(s.errorCode ? { errorCode: s.errorCode } : {}) })),
  };
}

function requireNumber(ctx: EmulatorContext, id: string): PhoneNumberRecord {
  const n = ctx.state.numbers.get(id);
  if (!n) throw new ControlError(404, `unknown phone number id ${id}`);
  return n;
}

export function createControl(ctx: EmulatorContext, personas: PersonaEngine, initial: { config: EmulatorConfig; seed?: z.input<typeof seedInput>; quiet: boolean }): EmulatorControl {
  const control: EmulatorControl = {
    seed(input) {
      const parsed = seedInput.parse(input);
      const numbers = parsed.numbers.map((n) => control.addNumber(n));
      const templates = parsed.templates.map((t) => control.addTemplate(t));
      for (const { waId, ...patch } of parsed.customers) control.updateCustomer(waId, patch);
      return { numbers, templates };
    },
    addNumber(input) {
      const parsed = numberInput.parse(input);
      if (parsed.id && ctx.state.numbers.has(parsed.id)) throw new ControlError(409, `phone number id ${parsed.id} already exists`);
      return numberView(ctx.state.addNumber(parsed, ctx.config.defaultMps));
    },
    listNumbers: () => [...ctx.state.numbers.values()].map(numberView),
    updateNumber(id, patch) {
      return numberView(ctx.state.patchNumber(requireNumber(ctx, id), numberPatch.parse(patch), ctx.config.defaultMps));
    },
    setQuality(id, input) {
      const number = requireNumber(ctx, id);
      const parsed = qualityInput.parse(input);
      if (parsed.qualityRating) number.qualityRating = parsed.qualityRating;
      let oldLimit: string | undefined;
      if (parsed.limit && parsed.limit !== number.messagingLimitTier) {
        oldLimit = number.messagingLimitTier;
        number.messagingLimitTier = parsed.limit;
      }
      if (parsed.event === 'THROUGHPUT_UPGRADE') ctx.state.patchNumber(number, { throughputLevel: 'HIGH' }, ctx.config.defaultMps);
      if (parsed.event === 'FLAGGED') number.status = 'FLAGGED';
      if (parsed.event === 'UNFLAGGED' && number.status === 'FLAGGED') number.status = 'CONNECTED';
      const delivery = ctx.webhooks.enqueue(qualityEnvelope(number, parsed.event, oldLimit, ctx.clock.nowSeconds()), { kind: 'quality', field: 'phone_number_quality_update' });
      return { number: numberView(number), deliveryId: delivery.id };
    },
    addTemplate(input) {
      const parsed = templateInput.parse(input);
      if (ctx.state.findTemplate(parsed.wabaId, parsed.name, parsed.language)) throw new ControlError(409, `template ${parsed.name} (${parsed.language}) already exists`);
      return ctx.state.addTemplate(parsed);
    },
    listTemplates: (wabaId) => [...ctx.state.templates.values()].filter((t) => wabaId === undefined || t.wabaId === wabaId),
    setTemplateStatus(id, input) {
      const template = ctx.state.templates.get(id);
      if (!template) throw new ControlError(404, `unknown template id ${id}`);
      const parsed = templateStatusInput.parse(input);
      if ((TEMPLATE_STATUSES as readonly string[]).includes(parsed.status)) template.status = parsed.status as TemplateRecord['status'];
      if (parsed.status === 'REINSTATED' || parsed.status === 'UNARCHIVED') template.status = 'APPROVED';
      const delivery = ctx.webhooks.enqueue(templateStatusEnvelope(template, parsed, ctx.clock.nowSeconds()), { kind: 'template_status', field: 'message_template_status_update' });
      return { template, deliveryId: delivery.id };
    },
    customerSends: (input) => customerSends(ctx, customerMessageInput.parse(input)),
    updateCustomer(waId, patch) {
      if (!/^\d{6,15}$/.test(waId)) throw new ControlError(400, 'waId must be digits');
      const parsed = customerPatch.parse(patch);
      const customer = ctx.state.customer(waId);
      if (parsed.name !== undefined) customer.name = parsed.name;
      if (parsed.undeliverable !== undefined) customer.undeliverable = parsed.undeliverable;
      if (parsed.autoRead !== undefined) customer.autoRead = parsed.autoRead;
      return customer;
    },
    listCustomers: () => [...ctx.state.customers.values()],
    setWindow(input) {
      const parsed = windowInput.parse(input);
      requireNumber(ctx, parsed.phoneNumberId);
      const key = windowKey(parsed.phoneNumberId, parsed.waId);
      if (parsed.lastInboundAt === null) ctx.state.windows.delete(key);
      else ctx.state.windows.set(key, parsed.lastInboundAt * 1000);
    },
    advanceClock(input) {
      const p = typeof input === 'number' ? { ms: input } : clockAdvanceInput.parse(input);
      const ms = (p.ms ?? 0) + (p.seconds ?? 0) * 1000 + (p.minutes ?? 0) * 60_000 + (p.hours ?? 0) * 3_600_000 + (p.days ?? 0) * 86_400_000;
      return { now: new Date(ctx.clock.advance(ms)).toISOString() };
    },
    now: () => ctx.clock.now(),
    freezeClock: (frozen) => ctx.clock.setFrozen(frozen),
    setPairRate(input) {
      const parsed = pairRateInput.parse(input);
      ctx.config.pairRate = {
        enabled: parsed.enabled,
        burst: parsed.burst ?? ctx.config.pairRate.burst,
        intervalMs: parsed.intervalMs ?? ctx.config.pairRate.intervalMs,
      };
      ctx.limits.resetPairs();
      return { ...ctx.config.pairRate };
    },
    configure(patch) {
      const p = configPatch.parse(patch);
      if (p.webhookUrl) ctx.config.webhookUrl = p.webhookUrl;
      if (p.accessToken && p.accessToken !== ctx.config.accessToken) {
        ctx.config.expiredTokens.set(ctx.config.accessToken, new Date(ctx.clock.now()));
        ctx.config.accessToken = p.accessToken;
      }
      if (p.statusDelays) ctx.config.statusDelays = { ...ctx.config.statusDelays, ...p.statusDelays };
      if (p.statusFlow) ctx.config.statusFlow = p.statusFlow;
      if (p.autoRead !== undefined) ctx.config.autoRead = p.autoRead;
      if (p.verifyWebhook !== undefined) ctx.config.verifyWebhook = p.verifyWebhook;
    },
    emitSystemError(input) {
      const p = systemErrorInput.parse(input);
      const number = requireNumber(ctx, p.phoneNumberId);
      const error = { code: p.code, title: p.title, message: p.title, error_data: { details: p.details }, href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/' };
      return { deliveryId: ctx.webhooks.enqueue(systemErrorEnvelope(number, error), { kind: 'error', field: 'messages' }).id };
    },
    requests(filter = {}) {
      const out = ctx.state.requests.filter(
        (r) =>
          (filter.method === undefined || r.method === filter.method.toUpperCase()) &&
          (filter.path === undefined || r.path.includes(filter.path)) &&
          (filter.afterSeq === undefined || r.seq > filter.afterSeq),
      );
      return filter.limit === undefined ? out : out.slice(-filter.limit);
    },
    clearRequests: () => {
      ctx.state.requests.length = 0;
    },
    deliveries: (filter) => ctx.webhooks.list(filter),
    outbound: (filter = {}) =>
      [...ctx.state.outbound.values()]
        .filter((r) => (filter.to === undefined || r.to === filter.to) && (filter.phoneNumberId === undefined || r.phoneNumberId === filter.phoneNumberId))
        .map(outboundView),
    inbound: () => [...ctx.state.inbound.values()],
    verifyWebhook: () => ctx.webhooks.verifyChallenge(),
    async waitForIdle(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (ctx.tasks.pending() === 0 && ctx.webhooks.pending() === 0) return true;
        await new Promise((r) => setTimeout(r, 5));
      }
      return false;
    },
    reset() {
      personas.stop();
      ctx.tasks.reset();
      ctx.webhooks.reset();
      ctx.state.clear();
      ctx.limits.reset();
      ctx.clock.reset();
      Object.assign(ctx.config, structuredClone(initial.config));
      if (initial.seed) control.seed(initial.seed);
      if (!initial.quiet) personas.start();
    },
    personas: {
      start: () => personas.start(),
      stop: () => personas.stop(),
      status: () => personas.status(),
    },
  };
  return control;
}
