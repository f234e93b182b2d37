import { describe, expect, it } from 'vitest';
import { CUSTOMER, PNID, useTestEmulator, statusesOf, textTo, TOKEN, until, WABA } from './test-support';
import type { GraphErrorBody, SendMessageResponse, WireStatus } from './wire';

const t = useTestEmulator();

function customerWrites(from = CUSTOMER): void {
  t.emulator.control.customerSends({ phoneNumberId: PNID, from, type: 'text', text: { body: 'Oi' } });
}

async function send(body: Record<string, unknown>, token: string | null = TOKEN) {
  return t.graph<SendMessageResponse & GraphErrorBody>('POST', `/v21.0/${PNID}/messages`, body, token);
}

async function finalStatuses(wamid: string, count: number): Promise<WireStatus[]> {
  return until(() => {
    const list = statusesOf(t.sink, wamid);
    return list.length >= count ? list : undefined;
  });
}

describe('sending a text inside the window', () => {
  it('answers 200 with the wa_id and a wamid, then sent → delivered → read echoing the callback data', async () => {
    customerWrites();
    const res = await send(textTo(`+${CUSTOMER}`, 'Olá! Como posso ajudar?', { biz_opaque_callback_data: 'msg-42', context: { message_id: 'wamid.X' } }));
    expect(res.status).toBe(200);
    expect(res.body.messaging_product).toBe('whatsapp');
    expect(res.body.contacts).toEqual([{ input: `+${CUSTOMER}`, wa_id: CUSTOMER }]);
    const wamid = res.body.messages[0]?.id ?? '';
    expect(wamid).toMatch(/^wamid\.[A-Za-z0-9+/=]+$/);
    expect(res.body.messages[0]).not.toHaveProperty('message_status');

    const statuses = await finalStatuses(wamid, 3);
    expect(statuses.map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    for (const s of statuses) {
      expect(s).toMatchObject({ id: wamid, recipient_id: CUSTOMER, biz_opaque_callback_data: 'msg-42', pricing: { billable: false, pricing_model: 'PMP', category: 'service' } });
      expect(s.timestamp).toMatch(/^\d{10}$/);
      expect(s.conversation?.origin.type).toBe('service');
    }
    expect(statuses[0]?.conversation?.expiration_timestamp).toMatch(/^\d{10}$/);
    expect(statuses[1]?.conversation).not.toHaveProperty('expiration_timestamp');

    const hook = t.sink.received.find((w) => JSON.stringify(w.body).includes('"delivered"'));
    expect(hook?.body.entry[0]?.id).toBe(WABA);
    expect(hook?.body.entry[0]?.changes[0]?.field).toBe('messages');
    expect(hook?.body.entry[0]?.changes[0]?.value).toMatchObject({ messaging_product: 'whatsapp', metadata: { display_phone_number: '551140000001', phone_number_id: PNID } });

    const logged = t.emulator.control.requests({ path: '/messages' });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ method: 'POST', auth: 'ok', status: 200, body: { to: `+${CUSTOMER}`, text: { body: 'Olá! Como posso ajudar?' } } });
  });

  it('stops at delivered for a customer who does not read, and can play statuses out of order', async () => {
    customerWrites();
    t.emulator.control.updateCustomer(CUSTOMER, { autoRead: false });
    const a = await send(textTo(CUSTOMER, 'um'));
    await t.emulator.control.waitForIdle();
    expect(statusesOf(t.sink, a.body.messages[0]?.id).map((s) => s.status)).toEqual(['sent', 'delivered']);

    t.emulator.control.updateCustomer(CUSTOMER, { autoRead: true });
    t.emulator.control.configure({ statusFlow: 'read-before-delivered' });
    const b = await send(textTo(CUSTOMER, 'dois'));
    await t.emulator.control.waitForIdle();
    expect(statusesOf(t.sink, b.body.messages[0]?.id).map((s) => s.status)).toEqual(['sent', 'read', 'delivered']);
  });
});

describe('asynchronous failures', () => {
  it('accepts a free-form message outside the window, then reports failed 131047', async () => {
    const res = await send(textTo(CUSTOMER, 'Oi, sumiu?', { biz_opaque_callback_data: 'm-1' }));
    expect(res.status).toBe(200);
    const [failed] = await finalStatuses(res.body.messages[0]?.id ?? '', 1);
    expect(failed).toMatchObject({ status: 'failed', recipient_id: CUSTOMER, biz_opaque_callback_data: 'm-1' });
    expect(failed?.errors?.[0]).toMatchObject({ code: 131047, title: 'Re-engagement message', message: 'Re-engagement message' });
    expect(failed?.errors?.[0]?.error_data?.details).toContain('24 hours');
    expect(failed).not.toHaveProperty('conversation');
    expect(failed).not.toHaveProperty('pricing');
  });

  it('closes the window 24 h after the last customer message on the emulator clock; templates still go', async () => {
    customerWrites();
    t.emulator.control.advanceClock({ hours: 23, minutes: 59 });
    const inside = await send(textTo(CUSTOMER, 'ainda dá'));
    expect((await finalStatuses(inside.body.messages[0]?.id ?? '', 1))[0]?.status).toBe('sent');

    t.emulator.control.advanceClock({ minutes: 2 });
    const outside = await send(textTo(CUSTOMER, 'agora não'));
    expect((await finalStatuses(outside.body.messages[0]?.id ?? '', 1))[0]?.errors?.[0]?.code).toBe(131047);

    const template = await send({
      messaging_product: 'whatsapp', to: CUSTOMER, type: 'template',
      template: { name: 'atendimento_esta_disponivel', language: { code: 'pt_BR' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }, { type: 'text', text: 'Loja' }] }] },
    });
    expect(template.body.messages[0]?.message_status).toBe('accepted');
    const sent = (await finalStatuses(template.body.messages[0]?.id ?? '', 1))[0];
    expect(sent?.status).toBe('sent');
    expect(sent?.pricing).toEqual({ billable: true, pricing_model: 'PMP', category: 'utility', type: 'regular' });
  });

  it('reports failed 131026 for a recipient marked undeliverable', async () => {
    customerWrites();
    t.emulator.control.updateCustomer(CUSTOMER, { undeliverable: true });
    const res = await send(textTo(CUSTOMER, 'alô'));
    expect(res.status).toBe(200);
    const [failed] = await finalStatuses(res.body.messages[0]?.id ?? '', 1);
    expect(failed?.status).toBe('failed');
    expect(failed?.errors?.[0]?.code).toBe(131026);
  });

  it('reports failed 131053 for a media id it does not have', async () => {
    customerWrites();
    const res = await send({ messaging_product: 'whatsapp', to: CUSTOMER, type: 'image', image: { id: '999999', caption: 'foto' } });
    expect(res.status).toBe(200);
    expect((await finalStatuses(res.body.messages[0]?.id ?? '', 1))[0]?.errors?.[0]?.code).toBe(131053);
  });
});

describe('templates', () => {
  const template = (name: string, body: unknown[], language = 'pt_BR') => ({
    messaging_product: 'whatsapp', to: CUSTOMER, type: 'template',
    template: { name, language: { code: language, policy: 'deterministic' }, components: [{ type: 'body', parameters: body }] },
  });
  const two = [{ type: 'text', text: 'Ana' }, { type: 'text', text: 'Loja' }];

  it('answers 404 132001 for an unknown template or language', async () => {
    for (const [name, lang] of [['nao_existe', 'pt_BR'], ['atendimento_esta_disponivel', 'en_US']] as const) {
      const res = await send(template(name, two, lang));
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: 132001, type: 'OAuthException', message: '(#132001) Template name does not exist in the translation' });
      expect(res.body.error.error_data).toEqual({ messaging_product: 'whatsapp', details: `template name (${name}) does not exist in ${lang}` });
      expect(res.body.error.fbtrace_id).toBeTruthy();
    }
  });

  it('answers 132001 for a template that is not approved', async () => {
    const pending = t.emulator.control.addTemplate({ wabaId: WABA, name: 'em_analise', language: 'pt_BR', category: 'UTILITY', status: 'PENDING', components: [{ type: 'BODY', text: 'Oi' }] });
    const res = await send(template(pending.name, []));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe(132001);
  });

  it('answers 400 132000 when the parameter count does not match', async () => {
    const res = await send(template('atendimento_esta_disponivel', [{ type: 'text', text: 'Ana' }]));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(132000);
    expect(res.body.error.error_data?.details).toBe('body: number of localizable_params (1) does not match the expected number of params (2)');

    const missingUrl = await send({
      messaging_product: 'whatsapp', to: CUSTOMER, type: 'template',
      template: { name: 'pedido_enviado', language: { code: 'pt_BR' }, components: [
        { type: 'header', parameters: [{ type: 'text', text: '#123' }] },
        { type: 'body', parameters: [{ type: 'text', text: '#123' }, { type: 'text', text: 'hoje' }] },
      ] },
    });
    expect(missingUrl.body.error.code).toBe(132000);
    expect(missingUrl.body.error.error_data?.details).toContain('button at index 0');
  });

  it('checks named parameters by name', async () => {
    t.emulator.control.addTemplate({ wabaId: WABA, name: 'pedido_nomeado', language: 'pt_BR', category: 'UTILITY', parameterFormat: 'NAMED', components: [{ type: 'BODY', text: 'Olá {{nome}}, seu pedido {{pedido}} chegou.' }] });
    const named = (names: string[]) => send(template('pedido_nomeado', names.map((n) => ({ type: 'text', parameter_name: n, text: 'x' }))));
    expect((await named(['nome', 'pedido'])).status).toBe(200);
    const wrong = await named(['nome', 'codigo']);
    expect(wrong.body.error.code).toBe(132000);
    expect(wrong.body.error.error_data?.details).toContain('codigo');
  });

  it('accepts header, body and button parameters, with sub_type in any case and index as a string or number', async () => {
    for (const [subType, index] of [['url', '0'], ['URL', 0]] as const) {
      const res = await send({
        messaging_product: 'whatsapp', to: CUSTOMER, type: 'template',
        template: { name: 'pedido_enviado', language: { code: 'pt_BR' }, components: [
          { type: 'header', parameters: [{ type: 'text', text: '#123' }] },
          { type: 'body', parameters: [{ type: 'text', text: '#123' }, { type: 'text', text: 'hoje' }] },
          { type: 'button', sub_type: subType, index, parameters: [{ type: 'text', text: '123' }] },
        ] },
      });
      expect(res.status).toBe(200);
      expect(res.body.messages[0]?.message_status).toBe('accepted');
    }
  });
});

describe('throughput and pair rate', () => {
  it('answers 130429 past the number’s messages per second', async () => {
    customerWrites();
    t.emulator.control.updateNumber(PNID, { mps: 5 });
    t.emulator.control.setPairRate({ enabled: false });
    t.emulator.control.freezeClock(true);
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await send(textTo(CUSTOMER, `m${i}`))).status);
    expect(codes).toEqual([200, 200, 200, 200, 200, 400]);
    const res = await send(textTo(CUSTOMER, 'mais uma'));
    expect(res.body.error).toMatchObject({ code: 130429, message: '(#130429) Rate limit hit' });
    expect(res.body.error.error_data?.details).toContain('too many messages sent from this phone number');
    t.emulator.control.advanceClock({ seconds: 1 });
    expect((await send(textTo(CUSTOMER, 'depois'))).status).toBe(200);
  });

  it('answers 131056 when one customer gets messages too fast, other customers are unaffected', async () => {
    const other = '5521912345678';
    customerWrites();
    customerWrites(other);
    t.emulator.control.setPairRate({ burst: 2, intervalMs: 6000 });
    t.emulator.control.freezeClock(true);
    expect((await send(textTo(CUSTOMER, '1'))).status).toBe(200);
    expect((await send(textTo(CUSTOMER, '2'))).status).toBe(200);
    const third = await send(textTo(CUSTOMER, '3'));
    expect(third.status).toBe(400);
    expect(third.body.error.code).toBe(131056);
    expect(third.body.error.message).toBe('(#131056) (Business Account, Consumer Account) pair rate limit hit');
    expect((await send(textTo(other, 'oi'))).status).toBe(200);
    t.emulator.control.advanceClock({ seconds: 6 });
    expect((await send(textTo(CUSTOMER, '4'))).status).toBe(200);
  });
});

describe('access token', () => {
  it('answers 401 code 190 for a wrong or missing token, and 190/463 for a rotated one', async () => {
    for (const token of ['wrong', null]) {
      const res = await send(textTo(CUSTOMER, 'x'), token);
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ code: 190, type: 'OAuthException' });
    }
    t.emulator.control.configure({ accessToken: 'new-token' });
    const old = await send(textTo(CUSTOMER, 'x'), TOKEN);
    expect(old.status).toBe(401);
    expect(old.body.error).toMatchObject({ code: 190, error_subcode: 463 });
    expect(old.body.error.message).toContain('Session has expired');
    expect(t.emulator.control.requests().map((r) => r.auth)).toEqual(['invalid', 'missing', 'invalid']);
  });
});

describe('validation', () => {
  const to = CUSTOMER;
  const button = (id: string, title: string) => ({ type: 'reply', reply: { id, title } });
  const cases: Array<[string, Record<string, unknown>, number]> = [
    ['missing messaging_product', { to, type: 'text', text: { body: 'x' } }, 100],
    ['missing text body', { messaging_product: 'whatsapp', to, type: 'text', text: {} }, 131008],
    ['text over 4096 characters', { messaging_product: 'whatsapp', to, type: 'text', text: { body: 'a'.repeat(4097) } }, 100],
    ['missing to', { messaging_product: 'whatsapp', type: 'text', text: { body: 'x' } }, 131008],
    ['invalid to', { messaging_product: 'whatsapp', to: 'abc', type: 'text', text: { body: 'x' } }, 131009],
    ['unknown type', { messaging_product: 'whatsapp', to, type: 'poll', poll: {} }, 100],
    ['media with id and link', { messaging_product: 'whatsapp', to, type: 'image', image: { id: '1', link: 'https://x.example/a.jpg' } }, 131009],
    ['media without id or link', { messaging_product: 'whatsapp', to, type: 'video', video: { caption: 'c' } }, 131008],
    ['caption on audio', { messaging_product: 'whatsapp', to, type: 'audio', audio: { id: '1', caption: 'no' } }, 100],
    ['filename on image', { messaging_product: 'whatsapp', to, type: 'image', image: { id: '1', filename: 'a.jpg' } }, 100],
    ['location without longitude', { messaging_product: 'whatsapp', to, type: 'location', location: { latitude: 1 } }, 131008],
    ['four reply buttons', { messaging_product: 'whatsapp', to, type: 'interactive', interactive: { type: 'button', body: { text: 'b' }, action: { buttons: [button('a', 'A'), button('b', 'B'), button('c', 'C'), button('d', 'D')] } } }, 131009],
    ['button title over 20', { messaging_product: 'whatsapp', to, type: 'interactive', interactive: { type: 'button', body: { text: 'b' }, action: { buttons: [button('a', 'x'.repeat(21))] } } }, 100],
    ['list button over 20', { messaging_product: 'whatsapp', to, type: 'interactive', interactive: { type: 'list', body: { text: 'b' }, action: { button: 'x'.repeat(21), sections: [{ rows: [{ id: 'r', title: 'R' }] }] } } }, 100],
    ['list with 11 rows', { messaging_product: 'whatsapp', to, type: 'interactive', interactive: { type: 'list', body: { text: 'b' }, action: { button: 'Menu', sections: [{ title: 'S', rows: Array.from({ length: 11 }, (_, i) => ({ id: `r${i}`, title: `R${i}` })) }] } } }, 131009],
    ['list with 11 sections', { messaging_product: 'whatsapp', to, type: 'interactive', interactive: { type: 'list', body: { text: 'b' }, action: { button: 'Menu', sections: Array.from({ length: 11 }, (_, i) => ({ title: `S${i}`, rows: [{ id: `r${i}`, title: 'R' }] })) } } }, 131009],
    ['callback data over 512', { ...textTo(to, 'x'), biz_opaque_callback_data: 'c'.repeat(513) }, 100],
    ['reaction without emoji', { messaging_product: 'whatsapp', to, type: 'reaction', reaction: { message_id: 'wamid.A' } }, 131008],
  ];

  it.each(cases)('%s → 400 code %i', async (_name, body, code) => {
    const res = await send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message.startsWith(`(#${code}) `)).toBe(true);
    if (code !== 100 || res.body.error.error_data) expect(res.body.error.error_data?.details).toBeTruthy();
  });

  it('accepts every outbound type of the reference', async () => {
    customerWrites();
    const bodies = [
      { type: 'image', image: { link: 'https://x.example/a.jpg', caption: 'c' } },
      { type: 'document', document: { link: 'https://x.example/y.pdf', filename: 'y.pdf', caption: 'c' } },
      { type: 'audio', audio: { link: 'https://x.example/a.ogg' } },
      { type: 'video', video: { link: 'https://x.example/a.mp4', caption: 'c' } },
      { type: 'sticker', sticker: { link: 'https://x.example/a.webp' } },
      { type: 'location', location: { latitude: -23.55, longitude: -46.63, name: 'Loja', address: 'Av. Paulista, 1000' } },
      { type: 'contacts', contacts: [{ name: { formatted_name: 'Ana Lima', first_name: 'Ana' }, phones: [{ phone: '+55 11 4000-0001', type: 'WORK' }] }] },
      { type: 'interactive', interactive: { type: 'button', body: { text: 'Escolha' }, action: { buttons: [button('a', 'A'), button('b', 'B'), button('c', 'C')] } } },
      { type: 'interactive', interactive: { type: 'list', header: { type: 'text', text: 'H' }, body: { text: 'B' }, footer: { text: 'F' }, action: { button: 'Menu', sections: [{ title: 'S1', rows: [{ id: 'r1', title: 'R1', description: 'd' }] }] } } },
      { type: 'reaction', reaction: { message_id: 'wamid.A', emoji: '👍' } },
    ];
    t.emulator.control.setPairRate({ enabled: false });
    for (const body of bodies) {
      const res = await send({ messaging_product: 'whatsapp', to: CUSTOMER, ...body });
      expect([body.type, res.status]).toEqual([body.type, 200]);
    }
  });

  it('marks an inbound message as read', async () => {
    const inbound = t.emulator.control.customerSends({ phoneNumberId: PNID, from: CUSTOMER, type: 'text', text: { body: 'Oi' } });
    const res = await t.graph('POST', `/v21.0/${PNID}/messages`, { messaging_product: 'whatsapp', status: 'read', message_id: inbound.id, typing_indicator: { type: 'text' } });
    expect(res).toEqual({ status: 200, body: { success: true } });
    expect(t.emulator.control.inbound().find((m) => m.wamid === inbound.id)?.readByBusiness).toBe(true);
  });

  it('refuses to send from an unknown number or to itself', async () => {
    const unknown = await t.graph<GraphErrorBody>('POST', '/v21.0/424242/messages', textTo(CUSTOMER, 'x'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
    const self = await send(textTo('+55 11 4000-0001', 'eu'));
    expect(self.body.error.code).toBe(131021);
  });
});
