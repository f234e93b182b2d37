import type { EmulatorContext } from './context';
import { statusEnvelope } from './envelopes';
import { asyncError, type AsyncErrorCode } from './errors';
import type { OutboundRecord, PhoneNumberRecord } from './state';
import { sleep } from './tasks';
import type { WirePricing, WireStatus, WireStatusName } from './wire';

export interface Failure {
  code: AsyncErrorCode;
  details?: string;
}

type Step = Exclude<WireStatusName, 'failed'>;

function steps(ctx: EmulatorContext, reads: boolean): Step[] {
  const flow: Step[] = (() => {
    switch (ctx.config.statusFlow) {
      case 'duplicates':
        return ['sent', 'sent', 'delivered', 'delivered', 'read', 'read'];
      case 'read-before-delivered':
        return ['sent', 'read', 'delivered'];
      case 'no-delivered':
        return ['sent', 'read'];
      default:
        return ['sent', 'delivered', 'read'];
    }
  })();
  return reads ? flow : flow.filter((s) => s !== 'read');
}

function pricing(record: OutboundRecord, windowOpen: boolean): WirePricing {
  const category = record.template ? record.template.category.toLowerCase() : 'service';
  // Per-message pricing: service replies, and utility templates inside an open window, are free.
  const free = category === 'service' || (category === 'utility' && windowOpen);
  return { billable: !free, pricing_model: 'PMP', category, type: free ? 'free_customer_service' : 'regular' };
}

function statusObject(ctx: EmulatorContext, number: PhoneNumberRecord, record: OutboundRecord, status: WireStatusName, failure?: Failure): WireStatus {
  const base: WireStatus = { id: record.wamid, status, timestamp: String(ctx.clock.nowSeconds()), recipient_id: record.to };
  const echo = record.callbackData === undefined ? {} : { biz_opaque_callback_data: record.callbackData };
  if (failure) return { ...base, errors: [asyncError(failure.code, failure.details)], ...echo };
  const price = pricing(record, ctx.state.windowOpen(number.id, record.to, record.acceptedAt));
  const conversation = ctx.state.conversation(number.id, record.to, price.category, ctx.clock.now());
  return {
    ...base,
    conversation: {
      id: conversation.id,
      ...(status === 'sent' ? { expiration_timestamp: String(Math.floor(conversation.expiresAt / 1000)) } : {}),
      origin: { type: price.category },
    },
    pricing: price,
    ...echo,
  };
}

async function emit(ctx: EmulatorContext, number: PhoneNumberRecord, record: OutboundRecord, status: WireStatusName, failure?: Failure): Promise<void> {
  const payload = statusEnvelope(number, statusObject(ctx, number, record, status, failure));
  record.statuses.push({ status, at: ctx.clock.now(), ...(failure ? { errorCode: failure.code } : {}) });
  await ctx.webhooks.enqueue(payload, { kind: 'status', field: 'messages', wamid: record.wamid, status }).settled;
}

/**
 * Plays the life of an accepted message: `failed` when something makes it undeliverable,
 * otherwise sent → delivered → read, each step after the previous webhook was delivered.
 */
export function playOutcome(ctx: EmulatorContext, number: PhoneNumberRecord, record: OutboundRecord, failure: Failure | undefined): void {
  ctx.tasks.run(`statuses of ${record.wamid}`, async (signal) => {
    await sleep(ctx.config.statusDelays.sentMs, signal);
    if (failure) return emit(ctx, number, record, 'failed', failure);
    const customer = ctx.state.customer(record.to);
    const reads = customer.autoRead ?? ctx.config.autoRead;
    let reached = false;
    for (const step of steps(ctx, reads)) {
      if (step === 'delivered') await sleep(ctx.config.statusDelays.deliveredMs, signal);
      if (step === 'read') await sleep(ctx.config.statusDelays.readMs, signal);
      signal.throwIfAborted();
      await emit(ctx, number, record, step);
      signal.throwIfAborted();
      if (!reached && step !== 'sent') {
        reached = true;
        ctx.onBusinessMessageDelivered(record);
      }
    }
    if (!reached) ctx.onBusinessMessageDelivered(record);
  });
}
