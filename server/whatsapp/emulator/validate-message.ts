import { graphErrors } from './errors';
import {
  isHttpUrl, isObj, optionalObj, optionalString, requireArray, requireNumber, requireObj, requireString, type Obj,
} from './params';
import type { MediaKind } from './wire';

export const MEDIA_KINDS: readonly MediaKind[] = ['image', 'document', 'audio', 'video', 'sticker'];
const SEND_TYPES = ['audio', 'contacts', 'document', 'image', 'interactive', 'location', 'reaction', 'sticker', 'template', 'text', 'video'];
const INTERACTIVE_TYPES = ['button', 'list', 'cta_url', 'flow', 'product', 'product_list', 'catalog_message', 'location_request_message', 'address_message'];

export interface ValidatedSend {
  to: string;
  waId: string;
  type: string;
  media?: { kind: MediaKind; id?: string; link?: string };
  template?: { name: string; language: string; components: unknown };
  callbackData?: string;
}

export function normaliseRecipient(to: string): string {
  const digits = to.replace(/[\s()+-]/g, '');
  if (!/^\d{7,15}$/.test(digits)) throw graphErrors.invalidValue(`The parameter to (${to}) is not a valid WhatsApp phone number.`);
  return digits;
}

/** Checks a send request the way the Cloud API does; throws GraphError on the first problem. */
export function validateSend(body: Obj): ValidatedSend {
  const recipientType = optionalString(body, 'recipient_type', 'recipient_type');
  if (recipientType !== undefined && recipientType !== 'individual') {
    throw graphErrors.invalidParameter(`Param recipient_type must be one of {INDIVIDUAL} - got "${recipientType}".`);
  }
  const to = requireString(body, 'to', 'to');
  const waId = normaliseRecipient(to);
  const type = optionalString(body, 'type', 'type') ?? 'text';
  if (!SEND_TYPES.includes(type)) {
    throw graphErrors.invalidParameter(`Param type must be one of {${SEND_TYPES.map((t) => t.toUpperCase()).join(', ')}} - got "${type}".`);
  }
  const context = optionalObj(body, 'context', 'context');
  if (context) requireString(context, 'message_id', "context['message_id']");
  const callbackData = optionalString(body, 'biz_opaque_callback_data', 'biz_opaque_callback_data', { max: 512 });
  const result: ValidatedSend = { to, waId, type, ...(callbackData === undefined ? {} : { callbackData }) };

  if ((MEDIA_KINDS as readonly string[]).includes(type)) return { ...result, media: validateMedia(body, type as MediaKind) };
  switch (type) {
    case 'text': {
      const text = requireObj(body, 'text', 'text');
      requireString(text, 'body', "text['body']", { max: 4096 });
      if (text.preview_url !== undefined && typeof text.preview_url !== 'boolean') throw graphErrors.invalidParameter("Param text['preview_url'] must be a boolean.");
      break;
    }
    case 'location':
      validateLocation(requireObj(body, 'location', 'location'));
      break;
    case 'contacts':
      validateContacts(body);
      break;
    case 'interactive':
      validateInteractive(requireObj(body, 'interactive', 'interactive'));
      break;
    case 'reaction': {
      const reaction = requireObj(body, 'reaction', 'reaction');
      requireString(reaction, 'message_id', "reaction['message_id']");
      if (typeof reaction.emoji !== 'string') throw graphErrors.missingParameter("The parameter reaction['emoji'] is required.");
      break;
    }
    case 'template': {
      const template = requireObj(body, 'template', 'template');
      const name = requireString(template, 'name', "template['name']");
      const language = requireObj(template, 'language', "template['language']");
      const code = requireString(language, 'code', "template['language']['code']");
      if (template.components !== undefined && !Array.isArray(template.components)) throw graphErrors.invalidParameter("Param template['components'] must be an array.");
      return { ...result, template: { name, language: code, components: template.components ?? [] } };
    }
  }
  return result;
}

function validateMedia(body: Obj, kind: MediaKind): { kind: MediaKind; id?: string; link?: string } {
  const media = requireObj(body, kind, kind);
  const id = optionalString(media, 'id', `${kind}['id']`);
  const link = optionalString(media, 'link', `${kind}['link']`);
  if (!id && !link) throw graphErrors.missingParameter(`The parameter ${kind}['id'] or ${kind}['link'] is required.`);
  if (id && link) throw graphErrors.invalidValue(`Param ${kind} must contain either id or link, not both.`);
  if (link && !isHttpUrl(link)) throw graphErrors.invalidValue(`Param ${kind}['link'] is not a valid URL.`);
  if (media.caption !== undefined) {
    if (kind === 'audio' || kind === 'sticker') throw graphErrors.invalidParameter(`Param ${kind}['caption'] is not allowed for ${kind} messages.`);
    optionalString(media, 'caption', `${kind}['caption']`, { max: 1024 });
  }
  if (media.filename !== undefined) {
    if (kind !== 'document') throw graphErrors.invalidParameter(`Param ${kind}['filename'] is only allowed for document messages.`);
    optionalString(media, 'filename', `${kind}['filename']`, { max: 240 });
  }
  return { kind, ...(id ? { id } : {}), ...(link ? { link } : {}) };
}

function validateLocation(location: Obj): void {
  const latitude = requireNumber(location, 'latitude', "location['latitude']");
  const longitude = requireNumber(location, 'longitude', "location['longitude']");
  if (latitude < -90 || latitude > 90) throw graphErrors.invalidValue("Param location['latitude'] must be between -90 and 90.");
  if (longitude < -180 || longitude > 180) throw graphErrors.invalidValue("Param location['longitude'] must be between -180 and 180.");
  optionalString(location, 'name', "location['name']", { max: 1000 });
  optionalString(location, 'address', "location['address']", { max: 1000 });
}

function validateContacts(body: Obj): void {
  const contacts = requireArray(body, 'contacts', 'contacts');
  if (contacts.length === 0) throw graphErrors.missingParameter('The parameter contacts is required.');
  contacts.forEach((contact, i) => {
    if (!isObj(contact)) throw graphErrors.invalidParameter(`Param contacts[${i}] must be a JSON object.`);
    const name = requireObj(contact, 'name', `contacts[${i}]['name']`);
    requireString(name, 'formatted_name', `contacts[${i}]['name']['formatted_name']`);
  });
}

function validateInteractive(interactive: Obj): void {
  const type = requireString(interactive, 'type', "interactive['type']");
  if (!INTERACTIVE_TYPES.includes(type)) throw graphErrors.invalidParameter(`Param interactive['type'] must be one of {${INTERACTIVE_TYPES.join(', ')}} - got "${type}".`);
  const action = requireObj(interactive, 'action', "interactive['action']");
  const footer = optionalObj(interactive, 'footer', "interactive['footer']");
  if (footer) requireString(footer, 'text', "interactive['footer']['text']", { max: 60 });
  if (type === 'button' || type === 'list') {
    const body = requireObj(interactive, 'body', "interactive['body']");
    requireString(body, 'text', "interactive['body']['text']", { max: type === 'button' ? 1024 : 4096 });
    validateHeader(interactive, type);
  }
  if (type === 'button') validateButtons(action);
  if (type === 'list') validateList(action);
  if (type === 'cta_url') {
    const parameters = requireObj(action, 'parameters', "interactive['action']['parameters']");
    requireString(parameters, 'display_text', "interactive['action']['parameters']['display_text']", { max: 20 });
    const url = requireString(parameters, 'url', "interactive['action']['parameters']['url']");
    if (!isHttpUrl(url)) throw graphErrors.invalidValue("Param interactive['action']['parameters']['url'] is not a valid URL.");
  }
}

function validateHeader(interactive: Obj, type: 'button' | 'list'): void {
  const header = optionalObj(interactive, 'header', "interactive['header']");
  if (!header) return;
  const kind = requireString(header, 'type', "interactive['header']['type']");
  const allowed = type === 'list' ? ['text'] : ['text', 'image', 'video', 'document'];
  if (!allowed.includes(kind)) throw graphErrors.invalidParameter(`Param interactive['header']['type'] must be one of {${allowed.join(', ')}} - got "${kind}".`);
  if (kind === 'text') requireString(header, 'text', "interactive['header']['text']", { max: 60 });
  else validateMedia(header, kind as MediaKind);
}

function validateButtons(action: Obj): void {
  const buttons = requireArray(action, 'buttons', "interactive['action']['buttons']");
  if (buttons.length < 1 || buttons.length > 3) throw graphErrors.invalidValue("Param interactive['action']['buttons'] must have between 1 and 3 buttons.");
  const ids = new Set<string>();
  const titles = new Set<string>();
  buttons.forEach((button, i) => {
    const path = `interactive['action']['buttons'][${i}]`;
    if (!isObj(button)) throw graphErrors.invalidParameter(`Param ${path} must be a JSON object.`);
    const type = requireString(button, 'type', `${path}['type']`);
    if (type !== 'reply') throw graphErrors.invalidParameter(`Param ${path}['type'] must be one of {REPLY} - got "${type}".`);
    const reply = requireObj(button, 'reply', `${path}['reply']`);
    const id = requireString(reply, 'id', `${path}['reply']['id']`, { max: 256 });
    const title = requireString(reply, 'title', `${path}['reply']['title']`, { max: 20 });
    if (ids.has(id)) throw graphErrors.invalidValue('Button IDs must be unique.');
    if (titles.has(title)) throw graphErrors.invalidValue('Button titles must be unique.');
    ids.add(id);
    titles.add(title);
  });
}

function validateList(action: Obj): void {
  requireString(action, 'button', "interactive['action']['button']", { max: 20 });
  const sections = requireArray(action, 'sections', "interactive['action']['sections']");
  if (sections.length < 1 || sections.length > 10) throw graphErrors.invalidValue("Param interactive['action']['sections'] must have between 1 and 10 sections.");
  const rowIds = new Set<string>();
  let rows = 0;
  sections.forEach((section, s) => {
    const path = `interactive['action']['sections'][${s}]`;
    if (!isObj(section)) throw graphErrors.invalidParameter(`Param ${path} must be a JSON object.`);
    if (sections.length > 1) requireString(section, 'title', `${path}['title']`, { max: 24 });
    else optionalString(section, 'title', `${path}['title']`, { max: 24 });
    const sectionRows = requireArray(section, 'rows', `${path}['rows']`);
    if (sectionRows.length === 0) throw graphErrors.invalidValue(`Param ${path}['rows'] must have at least 1 row.`);
    sectionRows.forEach((row, r) => {
      const rowPath = `${path}['rows'][${r}]`;
      if (!isObj(row)) throw graphErrors.invalidParameter(`Param ${rowPath} must be a JSON object.`);
      const id = requireString(row, 'id', `${rowPath}['id']`, { max: 200 });
      requireString(row, 'title', `${rowPath}['title']`, { max: 24 });
      optionalString(row, 'description', `${rowPath}['description']`, { max: 72 });
      if (rowIds.has(id)) throw graphErrors.invalidValue('Row IDs must be unique.');
      rowIds.add(id);
    });
    rows += sectionRows.length;
  });
  if (rows > 10) throw graphErrors.invalidValue(`A list can have at most 10 rows in total; got ${rows}.`);
}
