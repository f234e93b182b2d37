import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CustomerMessageBody, CustomerMessageInput } from './schemas';
import { CUSTOMER, DISPLAY, PNID, useTestEmulator, TOKEN, until, WABA } from './test-support';
import type { WireInboundMessage, WireMessagesValue } from './wire';

const t = useTestEmulator();

type Input = CustomerMessageBody;

/** Sends as a customer and answers the webhook `value` that reached the backend. */
async function deliver(input: Input): Promise<{ value: WireMessagesValue; message: WireInboundMessage; raw: string }> {
  const sent = t.emulator.control.customerSends({ phoneNumberId: PNID, from: CUSTOMER, name: 'Ana Lima', ...input } as CustomerMessageInput);
  const hook = await until(() => t.sink.received.find((w) => JSON.stringify(w.body).includes(sent.id)));
  expect(hook.body.object).toBe('whatsapp_business_account');
  expect(hook.body.entry).toHaveLength(1);
  expect(hook.body.entry[0]?.id).toBe(WABA);
  expect(hook.body.entry[0]?.changes[0]?.field).toBe('messages');
  const value = hook.body.entry[0]?.changes[0]?.value as WireMessagesValue;
  expect(value.messaging_product).toBe('whatsapp');
  expect(value.metadata).toEqual({ display_phone_number: DISPLAY, phone_number_id: PNID });
  const message = value.messages?.[0];
  if (!message) throw new Error('no message in the webhook');
  expect(message.from).toBe(CUSTOMER);
  expect(message.id).toBe(sent.id);
  expect(message.id).toMatch(/^wamid\./);
  expect(message.timestamp).toMatch(/^\d{10}$/);
  expect(message.type).toBe(input.type);
  return { value, message, raw: hook.raw.toString() };
}

async function downloadOf(mediaId: string): Promise<{ mime: string; bytes: Buffer; sha256Hex: string }> {
  const meta = await t.graph<{ url: string; mime_type: string; sha256: string }>('GET', `/v21.0/${mediaId}`);
  const res = await fetch(meta.body.url, { headers: { authorization: `Bearer ${TOKEN}` } });
  return { mime: meta.body.mime_type, bytes: Buffer.from(await res.arrayBuffer()), sha256Hex: meta.body.sha256 };
}

describe('inbound customer messages match the reference shapes', () => {
  it('text, with the contact', async () => {
    const { value, message } = await deliver({ type: 'text', text: { body: 'Quero saber do meu pedido' } });
    expect(value.contacts).toEqual([{ profile: { name: 'Ana Lima' }, wa_id: CUSTOMER }]);
    expect(message.text).toEqual({ body: 'Quero saber do meu pedido' });
    expect(Object.keys(message).sort()).toEqual(['from', 'id', 'text', 'timestamp', 'type']);
  });

  it.each([
    ['image', { caption: 'Comprovante' }, 'image/jpeg'],
    ['document', { caption: 'Boleto', filename: 'boleto.pdf' }, 'application/pdf'],
    ['audio', { voice: true }, 'audio/ogg; codecs=opus'],
    ['video', { caption: 'Vídeo' }, 'video/mp4'],
    ['sticker', { animated: false }, 'image/webp'],
  ] as const)('%s, downloadable through the Graph API with a matching checksum', async (type, extra, mime) => {
    const { message } = await deliver({ type, [type]: extra } as Input);
    const media = message[type];
    expect(media).toMatchObject({ mime_type: mime, id: expect.stringMatching(/^\d+$/), ...extra });
    if (type === 'audio') expect(media?.voice).toBe(true);
    if (type === 'sticker') expect(media?.animated).toBe(false);
    const file = await downloadOf(media?.id ?? '');
    expect(file.mime).toBe(mime);
    expect(file.bytes.length).toBeGreaterThan(0);
    expect(Buffer.from(media?.sha256 ?? '', 'base64').toString('hex')).toBe(file.sha256Hex);
    expect(createHash('sha256').update(file.bytes).digest('hex')).toBe(file.sha256Hex);
  });

  it('media the test provides is delivered byte for byte', async () => {
    const bytes = Buffer.from('Olá, este é o contrato.\n');
    const { message } = await deliver({ type: 'document', document: { mime_type: 'text/plain', filename: 'contrato.txt', data_base64: bytes.toString('base64') } });
    expect((await downloadOf(message.document?.id ?? '')).bytes.equals(bytes)).toBe(true);
  });

  it('location', async () => {
    const location = { latitude: -23.5614, longitude: -46.6559, name: 'Loja Paulista', address: 'Av. Paulista, 1000', url: 'https://maps.example/loja' };
    expect((await deliver({ type: 'location', location })).message.location).toEqual(location);
  });

  it('contacts', async () => {
    const contacts = [{ name: { first_name: 'Bruno', last_name: 'Alves', formatted_name: 'Bruno Alves' }, phones: [{ phone: '+55 21 98888-7777', wa_id: '5521988887777', type: 'CELL' }] }];
    expect((await deliver({ type: 'contacts', contacts })).message.contacts).toEqual(contacts);
  });

  it('interactive button and list replies carry the context of the business message', async () => {
    const button = await deliver({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'falar_atendente', title: 'Falar com atendente' } }, context: { id: 'wamid.MENU' } });
    expect(button.message.context).toEqual({ from: DISPLAY, id: 'wamid.MENU' });
    expect(button.message.interactive).toEqual({ type: 'button_reply', button_reply: { id: 'falar_atendente', title: 'Falar com atendente' } });
    const list = await deliver({ type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'segunda_via', title: '2ª via', description: 'Boleto' } }, context: { id: 'wamid.LIST' } });
    expect(list.message.interactive).toEqual({ type: 'list_reply', list_reply: { id: 'segunda_via', title: '2ª via', description: 'Boleto' } });
    expect(list.raw).toContain('2\\u00aa via');
  });

  it('template quick-reply button answers the latest template sent to the customer when no context is given', async () => {
    const sent = await t.graph<{ messages: Array<{ id: string }> }>('POST', `/v21.0/${PNID}/messages`, {
      messaging_product: 'whatsapp', to: CUSTOMER, type: 'template',
      template: { name: 'atendimento_esta_disponivel', language: { code: 'pt_BR' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }, { type: 'text', text: 'Loja' }] }] },
    });
    const { message } = await deliver({ type: 'button', button: { payload: 'Sim', text: 'Sim' } });
    expect(message.button).toEqual({ payload: 'Sim', text: 'Sim' });
    expect(message.context).toEqual({ from: DISPLAY, id: sent.body.messages[0]?.id });
  });

  it('reaction, emoji escaped as a surrogate pair; empty emoji removes it', async () => {
    const added = await deliver({ type: 'reaction', reaction: { message_id: 'wamid.AGENT', emoji: '😮' } });
    expect(added.message.reaction).toEqual({ message_id: 'wamid.AGENT', emoji: '😮' });
    expect(added.raw).toContain('"emoji":"\\ud83d\\ude2e"');
    expect((await deliver({ type: 'reaction', reaction: { message_id: 'wamid.AGENT', emoji: '' } })).message.reaction?.emoji).toBe('');
  });

  it('unsupported, with errors[]', async () => {
    const { message } = await deliver({ type: 'unsupported', unsupported: { type: 'poll' } });
    expect(message.errors).toEqual([{ code: 131051, title: 'Message type unknown', message: 'Message type unknown', error_data: { details: 'Message type is currently not supported.' } }]);
    expect(message.unsupported).toEqual({ type: 'poll' });
  });

  it('system user_changed_number, without contacts', async () => {
    const { value, message } = await deliver({ type: 'system', system: { wa_id: '5511911112222' } });
    expect(value).not.toHaveProperty('contacts');
    expect(message.system).toEqual({ body: `Ana Lima changed from ${CUSTOMER} to 5511911112222`, wa_id: '5511911112222', type: 'user_changed_number' });
  });

  it('replies and forwards carry their context', async () => {
    const reply = await deliver({ type: 'text', text: { body: 'sobre isso' }, context: { id: 'wamid.AGENT2' } });
    expect(reply.message.context).toEqual({ from: DISPLAY, id: 'wamid.AGENT2' });
    const forwarded = await deliver({ type: 'text', text: { body: 'olha isso' }, context: { forwarded: true } });
    expect(forwarded.message.context).toEqual({ forwarded: true });
  });

  it('a customer message opens the 24-hour window; a system message does not', async () => {
    const sendText = async () => {
      const res = await t.graph<{ messages: Array<{ id: string }> }>('POST', `/v21.0/${PNID}/messages`, { messaging_product: 'whatsapp', to: CUSTOMER, type: 'text', text: { body: 'Oi' } });
      await t.emulator.control.waitForIdle();
      return t.emulator.control.outbound().find((m) => m.wamid === res.body.messages[0]?.id)?.statuses[0]?.status;
    };
    await deliver({ type: 'system', system: { wa_id: '5511911112222' } });
    expect(await sendText()).toBe('failed');
    await deliver({ type: 'reaction', reaction: { message_id: 'wamid.X', emoji: '👍' } });
    expect(await sendText()).toBe('sent');
  });

  it('rejects control input that is not a valid message', () => {
    expect(() => t.emulator.control.customerSends({ phoneNumberId: PNID, from: CUSTOMER, type: 'text', text: { body: '' } })).toThrow();
    expect(() => t.emulator.control.customerSends({ phoneNumberId: '1', from: CUSTOMER, type: 'text', text: { body: 'x' } })).toThrow(/unknown phone number/);
  });
});

describe('control API over HTTP', () => {
  it('lets a customer write and lists what the emulator saw', async () => {
    const post = (path: string, body: unknown) => fetch(`${t.emulator.url}/_emulator${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const res = await post('/customers/messages', { phoneNumberId: PNID, from: CUSTOMER, name: 'Ana', type: 'text', text: { body: 'Olá pelo HTTP' } });
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    const bad = await post('/customers/messages', { phoneNumberId: PNID, from: 'x', type: 'text', text: { body: 'oi' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: unknown[] }).issues.length).toBeGreaterThan(0);
    expect((await post('/wait-for-idle', { timeoutMs: 5000 })).status).toBe(200);
    const deliveries = (await (await fetch(`${t.emulator.url}/_emulator/deliveries?kind=message`)).json()) as Array<{ wamid: string; state: string }>;
    expect(deliveries).toEqual([expect.objectContaining({ wamid: id, state: 'delivered' })]);
    const missing = await fetch(`${t.emulator.url}/_emulator/nope`);
    expect(missing.status).toBe(404);
  });
});
