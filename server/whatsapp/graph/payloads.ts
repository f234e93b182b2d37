import type { z } from 'zod';
import { PayloadError } from './errors';
import type { MediaKind } from './limits';
import { outgoingMessageSchema, type OutgoingMessage, type TemplateComponentParams, type TemplateParameter } from './types';

/**
 * Builders for `POST /{phone-number-id}/messages` bodies (reference §2). Each returns exactly the
 * JSON Meta expects, or throws a PayloadError naming the field when Meta would refuse it.
 */

export type SendOptions = {
  /** wamid of the message this one replies to (`context.message_id`). */
  replyTo?: string;
  /** Echoed back in status webhooks: we put our own message id here. */
  bizOpaqueCallbackData?: string;
};

type MediaSource = { id: string; link?: never } | { link: string; id?: never };

export type MediaInput =
  | ({ kind: 'image' | 'video'; caption?: string } & MediaSource)
  | ({ kind: 'document'; caption?: string; filename?: string } & MediaSource)
  | ({ kind: 'audio' | 'sticker' } & MediaSource);

export type TemplateHeaderParam =
  | { type: 'text'; text: string; name?: string }
  | ({ type: 'image' | 'video' } & MediaSource)
  | ({ type: 'document'; filename?: string } & MediaSource);

export type TemplateButtonParam =
  | { subType: 'quick_reply'; index: number; payload: string }
  | { subType: 'url'; index: number; text: string };

export type TemplateInput = {
  name: string;
  /** Language code of the approved template, e.g. `pt_BR`. */
  language: string;
  header?: TemplateHeaderParam[];
  /** Body variables in order; `{ text, name }` for templates with named parameters. */
  body?: (string | { text: string; name?: string })[];
  buttons?: TemplateButtonParam[];
};

export type ButtonsInput = { body: string; header?: string; footer?: string; buttons: { id: string; title: string }[] };

export type ListInput = {
  body: string;
  header?: string;
  footer?: string;
  /** Text of the button that opens the list. */
  button: string;
  sections: { title?: string; rows: { id: string; title: string; description?: string }[] }[];
};

export type LocationInput = { latitude: number; longitude: number; name?: string; address?: string };

export function textMessage(to: string, body: string, opts: SendOptions & { previewUrl?: boolean } = {}): OutgoingMessage {
  return build(to, 'text', { preview_url: opts.previewUrl ?? false, body }, opts);
}

export function mediaMessage(to: string, media: MediaInput, opts: SendOptions = {}): OutgoingMessage {
  const kind: MediaKind = media.kind;
  const obj: Record<string, unknown> = { ...source(media) };
  const caption = 'caption' in media ? media.caption : undefined;
  if (caption !== undefined) {
    if (kind === 'audio' || kind === 'sticker') throw new PayloadError(`${kind}.caption`, `WhatsApp does not show captions on ${kind}; send the text separately`);
    obj.caption = caption;
  }
  if (media.kind === 'document' && media.filename !== undefined) obj.filename = media.filename;
  return build(to, kind, obj, opts);
}

export function templateMessage(to: string, t: TemplateInput, opts: SendOptions = {}): OutgoingMessage {
  const components: TemplateComponentParams[] = [];
  if (t.header?.length) components.push({ type: 'header', parameters: t.header.map(headerParam) });
  if (t.body?.length) components.push({ type: 'body', parameters: t.body.map(bodyParam) });
  for (const b of t.buttons ?? []) {
    components.push({
      type: 'button',
      sub_type: b.subType,
      index: String(b.index),
      parameters: [b.subType === 'quick_reply' ? { type: 'payload', payload: b.payload } : { type: 'text', text: b.text }],
    });
  }
  return build(to, 'template', {
    name: t.name,
    language: { code: t.language, policy: 'deterministic' },
    ...(components.length ? { components } : {}),
  }, opts);
}

export function buttonsMessage(to: string, b: ButtonsInput, opts: SendOptions = {}): OutgoingMessage {
  return build(to, 'interactive', {
    type: 'button',
    ...frame(b),
    action: { buttons: b.buttons.map((x) => ({ type: 'reply', reply: { id: x.id, title: x.title } })) },
  }, opts);
}

export function listMessage(to: string, l: ListInput, opts: SendOptions = {}): OutgoingMessage {
  return build(to, 'interactive', {
    type: 'list',
    ...frame(l),
    action: {
      button: l.button,
      sections: l.sections.map((s) => ({
        ...(s.title !== undefined ? { title: s.title } : {}),
        rows: s.rows.map((r) => ({ id: r.id, title: r.title, ...(r.description !== undefined ? { description: r.description } : {}) })),
      })),
    },
  }, opts);
}

export function locationMessage(to: string, loc: LocationInput, opts: SendOptions = {}): OutgoingMessage {
  return build(to, 'location', {
    latitude: loc.latitude,
    longitude: loc.longitude,
    ...(loc.name !== undefined ? { name: loc.name } : {}),
    ...(loc.address !== undefined ? { address: loc.address } : {}),
  }, opts);
}

/** An empty `emoji` removes our reaction. Reactions cannot be replies, so there is no `replyTo`. */
export function reactionMessage(to: string, r: { messageId: string; emoji: string }, opts: Omit<SendOptions, 'replyTo'> = {}): OutgoingMessage {
  return build(to, 'reaction', { message_id: r.messageId, emoji: r.emoji }, opts);
}

/** Checks a payload built elsewhere (or by hand) against the same rules as the builders. */
export function validateOutgoing(payload: unknown): OutgoingMessage {
  const parsed = outgoingMessageSchema.safeParse(payload);
  if (!parsed.success) throw toPayloadError(parsed.error);
  return payload as OutgoingMessage;
}

function build(to: string, type: OutgoingMessage['type'], body: Record<string, unknown>, opts: SendOptions): OutgoingMessage {
  const payload: Record<string, unknown> = { messaging_product: 'whatsapp', recipient_type: 'individual', to, type };
  if (opts.replyTo !== undefined) payload.context = { message_id: opts.replyTo };
  payload[type] = body;
  if (opts.bizOpaqueCallbackData !== undefined) payload.biz_opaque_callback_data = opts.bizOpaqueCallbackData;
  // Validated, but the built object is returned so key order and absent keys stay exactly as written.
  return validateOutgoing(payload);
}

/** Both kept when both are given, so validation refuses the ambiguity instead of picking one. */
function source(m: MediaSource): { id: string } | { link: string } {
  return { ...(m.id !== undefined ? { id: m.id } : {}), ...(m.link !== undefined ? { link: m.link } : {}) } as { id: string } | { link: string };
}

function headerParam(p: TemplateHeaderParam): TemplateParameter {
  switch (p.type) {
    case 'text': return { type: 'text', text: p.text, ...(p.name !== undefined ? { parameter_name: p.name } : {}) };
    case 'image': return { type: 'image', image: source(p) };
    case 'video': return { type: 'video', video: source(p) };
    case 'document': return { type: 'document', document: { ...source(p), ...(p.filename !== undefined ? { filename: p.filename } : {}) } };
  }
}

function bodyParam(p: string | { text: string; name?: string }): TemplateParameter {
  if (typeof p === 'string') return { type: 'text', text: p };
  return { type: 'text', text: p.text, ...(p.name !== undefined ? { parameter_name: p.name } : {}) };
}

function frame(x: { body: string; header?: string; footer?: string }): Record<string, unknown> {
  return {
    ...(x.header !== undefined ? { header: { type: 'text', text: x.header } } : {}),
    body: { text: x.body },
    ...(x.footer !== undefined ? { footer: { text: x.footer } } : {}),
  };
}

function toPayloadError(error: z.ZodError): PayloadError {
  // A discriminated-union miss reports at the root; the deepest issue names the real field.
  const issue = [...error.issues].sort((a, b) => b.path.length - a.path.length)[0];
  return new PayloadError(issue ? issue.path.join('.') : '', issue?.message ?? 'invalid payload');
}
