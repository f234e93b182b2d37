import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GraphClient } from '../whatsapp/graph/client';
import { GraphError, plainReason } from '../whatsapp/graph/errors';
import {
  buttonsMessage, listMessage, locationMessage, mediaMessage, reactionMessage, templateMessage, textMessage,
} from '../whatsapp/graph/payloads';
import { CUSTOMER, PNID, SECRET, startTestEmulator, statusesOf, TOKEN, until, WABA, type TestEmulator } from '../whatsapp/emulator/test-support';
import { parseWebhook, type StatusEvent } from '../whatsapp/webhook/parse';
import { verifySignature } from '../whatsapp/webhook/signature';

/** Our Graph client against the Cloud API emulator: every call we make, and Meta's errors, sync and async. */

let t: TestEmulator;
let graph: GraphClient;
const control = () => t.emulator.control;

beforeAll(async () => {
  t = await startTestEmulator();
  graph = new GraphClient({ baseUrl: `${t.emulator.url}/v21.0`, tokenFor: () => TOKEN, timeoutMs: 5_000 });
});
afterAll(() => t?.close());
beforeEach(async () => {
  await control().waitForIdle();
  control().reset();
  t.sink.received.length = 0;
});

/** The customer writes first, which opens the 24-hour window; answers their message's wamid. */
function customerWrites(from = CUSTOMER, text = 'Oi, tudo bem?'): string {
  return control().customerSends({ phoneNumberId: PNID, from, type: 'text', text: { body: text } }).id;
}

async function caught(p: Promise<unknown>): Promise<GraphError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof GraphError) return e;
    throw e;
  }
  throw new Error('expected a GraphError');
}

/** The last request the emulator logged for a path (what actually went over the wire). */
function lastRequest(path: string) {
  const logged = control().requests({ path });
  expect(logged.length).toBeGreaterThan(0);
  return logged.at(-1)!;
}

/** Status webhooks for a wamid, as our own webhook parser reads them, once `count` arrived. */
async function statusEvents(wamid: string, count: number): Promise<StatusEvent[]> {
  await until(() => statusesOf(t.sink, wamid).length >= count, 5000);
  const events = t.sink.received.flatMap((w) => {
    // Each delivery is signed over its exact bytes with the app secret, as the backend checks it.
    expect(verifySignature(w.raw, w.headers['x-hub-signature-256'] as string, SECRET)).toBe(true);
    return parseWebhook(w.raw.toString('utf8'));
  });
  return events.filter((e): e is StatusEvent => e.kind === 'status' && e.wamid === wamid);
}

describe('sending', () => {
  it('a text reply with context: the exact payload goes out, the wamid comes back, statuses echo our callback data', async () => {
    const inbound = customerWrites();
    const payload = textMessage(CUSTOMER, 'Olá! Em que posso ajudar? 😊', { replyTo: inbound, bizOpaqueCallbackData: 'msg-0001' });
    const res = await graph.sendMessage(PNID, payload);
    expect(res.waId).toBe(CUSTOMER);
    expect(res.wamid).toMatch(/^wamid\./);
    expect(res).not.toHaveProperty('messageStatus');

    const req = lastRequest(`/${PNID}/messages`);
    expect(req).toMatchObject({ method: 'POST', auth: 'ok', status: 200 });
    expect(req.body).toEqual(payload);
    const [out] = control().outbound({ to: CUSTOMER });
    expect(out).toMatchObject({ wamid: res.wamid, type: 'text', callbackData: 'msg-0001', body: { context: { message_id: inbound } } });

    const events = await statusEvents(res.wamid, 3);
    expect(events.map((e) => [e.status, e.callbackData, e.recipientId])).toEqual([
      ['sent', 'msg-0001', CUSTOMER], ['delivered', 'msg-0001', CUSTOMER], ['read', 'msg-0001', CUSTOMER],
    ]);
  });

  it('media by uploaded id with a caption, and a document by link with its filename', async () => {
    customerWrites();
    const jpeg = Buffer.from('/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQH/wAARCAAIAAgDAREAAhEAAxEA/8QAFQAAAgAAAAAAAAAAAAAAAAAACAr/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIAAwAAPwAlAbFjn//Z', 'base64');
    const { id } = await graph.uploadMedia(PNID, { bytes: jpeg, mimeType: 'image/jpeg', filename: 'foto.jpg' });
    expect(id).toMatch(/^\d+$/);
    const image = await graph.sendMessage(PNID, mediaMessage(CUSTOMER, { kind: 'image', id, caption: 'Segue a foto' }));
    expect(lastRequest(`/${PNID}/messages`).body).toMatchObject({ type: 'image', image: { id, caption: 'Segue a foto' } });
    const doc = await graph.sendMessage(PNID, mediaMessage(CUSTOMER, { kind: 'document', link: 'https://files.example.com/boleto.pdf', filename: 'boleto.pdf', caption: 'Boleto' }));
    expect(lastRequest(`/${PNID}/messages`).body).toMatchObject({ type: 'document', document: { link: 'https://files.example.com/boleto.pdf', filename: 'boleto.pdf', caption: 'Boleto' } });
    // The uploaded id was usable: both reach the customer (an unknown media id fails with 131053).
    for (const wamid of [image.wamid, doc.wamid]) {
      expect((await statusEvents(wamid, 3)).map((e) => e.status)).toEqual(['sent', 'delivered', 'read']);
    }
  });

  it('a template with header, body and button parameters (and a quick-reply payload) is accepted', async () => {
    const order = templateMessage(CUSTOMER, {
      name: 'pedido_enviado', language: 'pt_BR', header: [{ type: 'text', text: '#4521' }], body: ['#4521', 'sexta-feira'],
      buttons: [{ subType: 'url', index: 0, text: '4521' }],
    }, { bizOpaqueCallbackData: 'msg-0002' });
    const res = await graph.sendMessage(PNID, order);
    expect(res.messageStatus).toBe('accepted');
    expect(lastRequest(`/${PNID}/messages`).body).toEqual(order);
    expect(order).toMatchObject({ type: 'template' });
    expect((order as Extract<typeof order, { type: 'template' }>).template).toMatchObject({
      name: 'pedido_enviado', language: { code: 'pt_BR', policy: 'deterministic' },
      components: [
        { type: 'header', parameters: [{ type: 'text', text: '#4521' }] },
        { type: 'body', parameters: [{ type: 'text', text: '#4521' }, { type: 'text', text: 'sexta-feira' }] },
        { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '4521' }] },
      ],
    });
    const quick = await graph.sendMessage(PNID, templateMessage(CUSTOMER, {
      name: 'atendimento_esta_disponivel', language: 'pt_BR', body: ['Ana', 'Loja Exemplo'], buttons: [{ subType: 'quick_reply', index: 0, payload: 'SIM_AGORA' }],
    }));
    expect(quick.messageStatus).toBe('accepted');
    expect(control().outbound({ to: CUSTOMER }).map((o) => o.template)).toEqual(['pedido_enviado', 'atendimento_esta_disponivel']);
    // A template may open a conversation: it is delivered even though the customer never wrote.
    expect((await statusEvents(res.wamid, 3)).map((e) => e.status)).toEqual(['sent', 'delivered', 'read']);
  });

  it('interactive buttons and lists, a location and a reaction', async () => {
    const inbound = customerWrites();
    const buttons = buttonsMessage(CUSTOMER, { header: 'Atendimento', body: 'Como prefere seguir?', footer: 'Loja Exemplo', buttons: [{ id: 'ligar', title: 'Me ligue' }, { id: 'chat', title: 'Por aqui' }] });
    const list = listMessage(CUSTOMER, {
      body: 'Escolha um assunto', button: 'Ver opções', sections: [
        { title: 'Pedidos', rows: [{ id: 'status', title: 'Status do pedido', description: 'Onde está meu pedido' }, { id: 'troca', title: 'Troca' }] },
        { title: 'Outros', rows: [{ id: 'humano', title: 'Falar com atendente' }] },
      ],
    });
    const location = locationMessage(CUSTOMER, { latitude: -23.5614, longitude: -46.6559, name: 'Loja Paulista', address: 'Av. Paulista, 1000' });
    const reaction = reactionMessage(CUSTOMER, { messageId: inbound, emoji: '👍' });
    for (const payload of [buttons, list, location, reaction]) {
      const res = await graph.sendMessage(PNID, payload);
      expect(res.wamid).toMatch(/^wamid\./);
      expect(lastRequest(`/${PNID}/messages`)).toMatchObject({ status: 200, body: payload });
    }
    expect(control().outbound({ to: CUSTOMER }).map((o) => o.type)).toEqual(['interactive', 'interactive', 'location', 'reaction']);
  });

  it('mark-as-read (with the typing indicator) marks the customer message read', async () => {
    const inbound = customerWrites();
    await graph.markRead(PNID, inbound, { typingIndicator: true });
    expect(lastRequest(`/${PNID}/messages`).body).toEqual({ messaging_product: 'whatsapp', status: 'read', message_id: inbound, typing_indicator: { type: 'text' } });
    expect(control().inbound().find((m) => m.wamid === inbound)?.readByBusiness).toBe(true);
  });
});

describe('media', () => {
  it('upload → getMedia → downloadMedia gives back the same bytes, type and checksum', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
    const { id } = await graph.uploadMedia(PNID, { bytes: pdf, mimeType: 'application/pdf', filename: 'contrato.pdf' });
    const upload = lastRequest(`/${PNID}/media`);
    expect(upload.body).toMatchObject({ fields: { type: 'application/pdf', messaging_product: 'whatsapp' }, file: { filename: 'contrato.pdf', contentType: 'application/pdf', size: pdf.length } });

    const info = await graph.getMedia(PNID, id);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    expect(info).toMatchObject({ id, mimeType: 'application/pdf', sha256, fileSize: pdf.length });
    expect(new URL(info.url).origin).toBe(t.emulator.url);

    const file = await graph.downloadMedia(PNID, info.url, 1024 * 1024);
    expect(file.bytes.equals(pdf)).toBe(true);
    expect(file.sha256).toBe(sha256);
    expect(file.mimeType).toMatch(/^application\/pdf/);
    // The download needs the token: the emulator refuses it without one, as Meta does.
    expect((await fetch(info.url)).status).toBe(401);
  });

  it('a download URL expires: the id must be resolved again', async () => {
    const { id } = await graph.uploadMedia(PNID, { bytes: Buffer.from('recibo\n'), mimeType: 'text/plain', filename: 'recibo.txt' });
    const stale = await graph.getMedia(PNID, id);
    control().advanceClock({ minutes: 6 });
    const e = await caught(graph.downloadMedia(PNID, stale.url, 1024));
    expect(e.httpStatus).toBeGreaterThanOrEqual(400);
    expect(e.httpStatus).toBeLessThan(500);
    const fresh = await graph.getMedia(PNID, id);
    expect((await graph.downloadMedia(PNID, fresh.url, 1024)).bytes.toString()).toBe('recibo\n');
  });
});

describe('templates, numbers, profile and registration', () => {
  it('lists every template of the WABA by following paging.next', async () => {
    for (const name of ['boas_vindas', 'lembrete_pagamento', 'pesquisa_satisfacao']) {
      control().addTemplate({ wabaId: WABA, name, language: 'pt_BR', category: 'UTILITY', components: [{ type: 'BODY', text: `Mensagem ${name} para {{1}}` }] });
    }
    control().addTemplate({ wabaId: WABA, name: 'rascunho', language: 'pt_BR', category: 'MARKETING', status: 'PENDING', components: [{ type: 'BODY', text: 'Em revisão' }] });
    const all = await graph.listTemplates(WABA, { limit: 2 });
    expect(all.map((x) => x.name).sort()).toEqual(['atendimento_esta_disponivel', 'boas_vindas', 'lembrete_pagamento', 'pedido_enviado', 'pesquisa_satisfacao', 'rascunho']);
    const pages = control().requests({ path: `/${WABA}/message_templates` });
    expect(pages).toHaveLength(3);
    expect(pages.slice(1).every((p) => typeof p.query.after === 'string' && p.auth === 'ok')).toBe(true);
    const order = all.find((x) => x.name === 'pedido_enviado')!;
    expect(order).toMatchObject({ language: 'pt_BR', status: 'APPROVED', category: 'MARKETING' });
    expect(order.components.map((c) => c.type)).toEqual(['HEADER', 'BODY', 'BUTTONS']);

    const approved = await graph.listTemplates(WABA, { status: 'APPROVED' });
    expect(approved.map((x) => x.name)).not.toContain('rascunho');
  });

  it('reads one number and lists the WABA\'s numbers with quality, throughput and tier', async () => {
    control().addNumber({ id: '100000000000002', wabaId: WABA, displayPhoneNumber: '+55 11 4000-0002', verifiedName: 'Loja Exemplo Suporte', qualityRating: 'YELLOW', throughputLevel: 'HIGH', messagingLimitTier: 'TIER_10K' });
    const one = await graph.getPhoneNumber('100000000000002');
    expect(one).toMatchObject({
      id: '100000000000002', verifiedName: 'Loja Exemplo Suporte', qualityRating: 'YELLOW', throughputLevel: 'HIGH', messagingLimitTier: 'TIER_10K', status: 'CONNECTED',
    });
    expect(one.displayPhoneNumber?.replace(/\D/g, '')).toBe('551140000002');
    const list = await graph.listPhoneNumbers(WABA);
    expect(list.map((n) => n.id).sort()).toEqual([PNID, '100000000000002']);
    expect(list.find((n) => n.id === PNID)).toMatchObject({ verifiedName: 'Loja Exemplo', status: 'CONNECTED' });
  });

  it('gets and updates the business profile; a value Meta refuses changes nothing', async () => {
    await graph.updateBusinessProfile(PNID, { about: 'Atendimento de seg a sex', email: 'contato@loja.example', websites: ['https://loja.example'], vertical: 'RETAIL' });
    expect(lastRequest(`/${PNID}/whatsapp_business_profile`).body).toEqual({
      messaging_product: 'whatsapp', about: 'Atendimento de seg a sex', email: 'contato@loja.example', websites: ['https://loja.example'], vertical: 'RETAIL',
    });
    expect(await graph.getBusinessProfile(PNID)).toMatchObject({ about: 'Atendimento de seg a sex', email: 'contato@loja.example', websites: ['https://loja.example'], vertical: 'RETAIL' });
  });

  it('registers a new number: request_code, a wrong code is refused (136025), verify_code, register', async () => {
    const pending = control().addNumber({ wabaId: WABA, displayPhoneNumber: '+55 11 4000-0009', status: 'PENDING', codeVerificationStatus: 'NOT_VERIFIED' });
    const notVerified = await caught(graph.register(pending.id, '246810'));
    expect(notVerified.code).toBe(133006);

    await graph.requestCode(pending.id, 'SMS', 'pt_BR');
    expect(lastRequest(`/${pending.id}/request_code`).body).toMatchObject({ code_method: 'SMS' });
    const wrong = await caught(graph.verifyCode(pending.id, '000000'));
    expect(wrong).toMatchObject({ code: 136025, kind: 'permanent' });
    expect(wrong.reason).toBe(plainReason(136025));
    expect((await graph.getPhoneNumber(pending.id)).codeVerificationStatus).toBe('NOT_VERIFIED');

    await graph.verifyCode(pending.id, '123-456');
    await graph.register(pending.id, '246810');
    expect(await graph.getPhoneNumber(pending.id)).toMatchObject({ status: 'CONNECTED', codeVerificationStatus: 'VERIFIED' });
  });
});

describe('synchronous errors', () => {
  it('190 for a bad token: an auth error that never repeats the token', async () => {
    const badToken = 'EAAG-not-the-right-token-42';
    const other = new GraphClient({ baseUrl: `${t.emulator.url}/v21.0`, tokenFor: () => badToken });
    const e = await caught(other.sendMessage(PNID, textMessage(CUSTOMER, 'oi')));
    expect(e).toMatchObject({ httpStatus: 401, code: 190, kind: 'auth' });
    expect(JSON.stringify(e)).not.toContain(badToken);
    expect(e.message).not.toContain(badToken);
    expect(control().outbound()).toHaveLength(0);
  });

  it('132001 for an unknown template (HTTP 404) and 132000 for a parameter mismatch: permanent', async () => {
    const unknown = await caught(graph.sendMessage(PNID, templateMessage(CUSTOMER, { name: 'nao_existe', language: 'pt_BR', body: ['x'] })));
    expect(unknown).toMatchObject({ httpStatus: 404, code: 132001, kind: 'permanent' });
    expect(unknown.details).toContain('nao_existe');

    const mismatch = await caught(graph.sendMessage(PNID, templateMessage(CUSTOMER, { name: 'atendimento_esta_disponivel', language: 'pt_BR', body: ['Ana'] })));
    expect(mismatch).toMatchObject({ httpStatus: 400, code: 132000, kind: 'permanent' });
    expect(mismatch.details).toBe('body: number of localizable_params (1) does not match the expected number of params (2)');
    expect(control().outbound()).toHaveLength(0);
  });

  it('130429 past the number\'s throughput: throttled, and fine again a second later', async () => {
    customerWrites();
    control().freezeClock(true);
    control().updateNumber(PNID, { mps: 2 });
    await graph.sendMessage(PNID, textMessage(CUSTOMER, 'um'));
    await graph.sendMessage(PNID, textMessage(CUSTOMER, 'dois'));
    const e = await caught(graph.sendMessage(PNID, textMessage(CUSTOMER, 'três')));
    expect(e).toMatchObject({ httpStatus: 400, code: 130429, kind: 'throttled', mayHaveSucceeded: false });
    control().advanceClock({ seconds: 1 });
    await graph.sendMessage(PNID, textMessage(CUSTOMER, 'três'));
    expect(control().outbound({ to: CUSTOMER }).map((o) => (o.body.text as { body: string }).body)).toEqual(['um', 'dois', 'três']);
  });

  it('131056 past the pair rate to one customer: throttled, while another customer still gets messages', async () => {
    const other = '5511912345678';
    customerWrites();
    customerWrites(other);
    control().freezeClock(true);
    control().setPairRate({ burst: 1, intervalMs: 6000 });
    await graph.sendMessage(PNID, textMessage(CUSTOMER, 'primeira'));
    const e = await caught(graph.sendMessage(PNID, textMessage(CUSTOMER, 'segunda')));
    expect(e).toMatchObject({ httpStatus: 400, code: 131056, kind: 'throttled' });
    expect(e.reason).toBe(plainReason(131056));
    await graph.sendMessage(PNID, textMessage(other, 'para outro cliente'));
    control().advanceClock({ seconds: 6 });
    await graph.sendMessage(PNID, textMessage(CUSTOMER, 'segunda'));
    expect(control().outbound({ to: CUSTOMER })).toHaveLength(2);
  });
});

describe('asynchronous failures, by status webhook', () => {
  it('131047: a free-form message after the 24-hour window is accepted, then failed with the reason', async () => {
    customerWrites();
    control().advanceClock({ hours: 24, minutes: 1 });
    const res = await graph.sendMessage(PNID, textMessage(CUSTOMER, 'Ainda precisa de ajuda?', { bizOpaqueCallbackData: 'msg-0003' }));
    const [failed] = await statusEvents(res.wamid, 1);
    expect(failed).toMatchObject({ status: 'failed', callbackData: 'msg-0003', error: { code: 131047 } });
    expect(plainReason(failed!.error!.code)).toMatch(/24 hours.*template/);
    // A template still goes out: it is how a closed window is reopened.
    const template = await graph.sendMessage(PNID, templateMessage(CUSTOMER, { name: 'atendimento_esta_disponivel', language: 'pt_BR', body: ['Ana', 'Loja Exemplo'] }));
    expect((await statusEvents(template.wamid, 1))[0]?.status).toBe('sent');
  });

  it('131026: a message to an undeliverable customer is accepted, then failed', async () => {
    customerWrites();
    control().updateCustomer(CUSTOMER, { undeliverable: true });
    const res = await graph.sendMessage(PNID, textMessage(CUSTOMER, 'Olá?', { bizOpaqueCallbackData: 'msg-0004' }));
    const events = await statusEvents(res.wamid, 1);
    await control().waitForIdle();
    expect(statusesOf(t.sink, res.wamid)).toHaveLength(1);
    expect(events[0]).toMatchObject({ status: 'failed', callbackData: 'msg-0004', recipientId: CUSTOMER, error: { code: 131026 } });
    expect(plainReason(131026)).toMatch(/could not be delivered/);
  });
});
