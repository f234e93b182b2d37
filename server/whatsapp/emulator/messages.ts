import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from './context';
import { graphErrors } from './errors';
import { findNumber, type Params } from './graph-http';
import { mediaKindOf } from './media-types';
import { isObj, optionalString, requireString, type Obj } from './params';
import type { OutboundRecord, PhoneNumberRecord } from './state';
import { playOutcome, type Failure } from './statuses';
import { validateSend, type ValidatedSend } from './validate-message';
import { checkTemplateSend } from './validate-template';
import { newWamid } from './wamid';
import type { SendMessageResponse } from './wire';

function markAsRead(ctx: EmulatorContext, number: PhoneNumberRecord, body: Obj): { success: true } {
  const status = optionalString(body, 'status', 'status');
  if (status !== 'read') throw graphErrors.invalidParameter(`Param status must be one of {READ} - got "${status}".`);
  const messageId = requireString(body, 'message_id', 'message_id');
  const inbound = ctx.state.inbound.get(messageId);
  if (inbound && inbound.phoneNumberId === number.id) inbound.readByBusiness = true;
  return { success: true };
}

/** Why an accepted message will end as `failed`, if it will. */
function failureOf(ctx: EmulatorContext, number: PhoneNumberRecord, send: ValidatedSend): Failure | undefined {
  if (ctx.state.customer(send.waId).undeliverable) return { code: 131026 };
  if (send.type !== 'template' && !ctx.state.windowOpen(number.id, send.waId, ctx.clock.now())) return { code: 131047 };
  if (send.media?.id) {
    const media = ctx.state.media.get(send.media.id);
    if (!media || media.expiresAt <= ctx.clock.now()) return { code: 131053, details: `Media ${send.media.id} was not found or has expired.` };
    const kind = mediaKindOf(media.mimeType);
    if (send.media.kind !== 'document' && kind !== send.media.kind) {
      return { code: 131053, details: `Media ${send.media.id} is ${media.mimeType}, which cannot be sent as ${send.media.kind}.` };
    }
  }
  return undefined;
}

export function registerMessageRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post<{ Params: Params }>('/:version/:id/messages', async (req) => {
    const number = findNumber(ctx, req.params.id, 'post');
    if (number.status !== 'CONNECTED') throw graphErrors.notRegistered();
    if (!ctx.limits.takeThroughput(number)) throw graphErrors.throughput();
    if (!isObj(req.body)) throw graphErrors.invalidParameter('The request body must be a JSON object.');
    const body = req.body;
    const product = body.messaging_product;
    if (product === undefined) throw graphErrors.invalidParameter('The parameter messaging_product is required.');
    if (product !== 'whatsapp') throw graphErrors.invalidParameter(`Param messaging_product must be one of {WHATSAPP} - got "${String(product)}".`);
    if (body.status !== undefined) return markAsRead(ctx, number, body);

    const send = validateSend(body);
    if (send.waId === number.displayDigits) throw graphErrors.recipientIsSender();
    let template;
    let quickReplies;
    if (send.template) {
      template = ctx.state.findTemplate(number.wabaId, send.template.name, send.template.language);
      quickReplies = checkTemplateSend(template, send.template.name, send.template.language, send.template.components);
    }
    if (!ctx.limits.takePair(number.id, send.waId)) throw graphErrors.pairRate();

    const record: OutboundRecord = {
      wamid: newWamid(send.waId),
      phoneNumberId: number.id,
      to: send.waId,
      type: send.type,
      body,
      acceptedAt: ctx.clock.now(),
      statuses: [],
      ...(template ? { template } : {}),
      ...(quickReplies ? { quickReplies } : {}),
      ...(send.callbackData === undefined ? {} : { callbackData: send.callbackData }),
    };
    ctx.state.addOutbound(record);
    playOutcome(ctx, number, record, failureOf(ctx, number, send));
    const response: SendMessageResponse = {
      messaging_product: 'whatsapp',
      contacts: [{ input: send.to, wa_id: send.waId }],
      messages: [{ id: record.wamid, ...(template ? { message_status: 'accepted' as const } : {}) }],
    };
    return response;
  });
}
