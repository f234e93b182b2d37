import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/uuid';
import { contacts, media, messages, numbers, templates, tickets, webhookInbox } from '../db/schema';
import { customerMessage, inboundPayload, messageBodies, metaJson, qualityPayload, statusPayload, templateStatusPayload } from '../whatsapp/webhook/fixtures';
import { signBody } from '../whatsapp/webhook/signature';
import { dbKinds } from './databases';
import { ApiClient, customerWrites, seedOrg, startTestServer, type Seed, type TestServer } from './harness';

describe.each(dbKinds)('WhatsApp webhooks (%s)', (kind) => {
  let server: TestServer;
  let seed: Seed;
  const db = () => server.app.ctx.db;
  const post = (body: string, signature: string | null = signBody(body, server.config.metaAppSecret)) =>
    fetch(`${server.url}/webhooks/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) }, body });
  const deliver = async (payload: unknown) => {
    const res = await post(metaJson(payload));
    expect(res.status).toBe(200);
    await server.app.inboxIdle();
  };
  const messagesOf = (waId: string) =>
    db().select({ m: messages }).from(messages).innerJoin(contacts, eq(contacts.id, messages.contactId)).where(eq(contacts.waId, waId)).orderBy(messages.createdAt, messages.id);

  beforeAll(async () => {
    // Nothing leaves for WhatsApp here: the sender and media jobs meet a closed local port.
    server = await startTestServer(kind, { WHATSAPP_GRAPH_URL: 'http://127.0.0.1:9/v21.0', WHATSAPP_ACCESS_TOKEN: 'unused' });
    seed = await seedOrg(server.app);
  });
  afterAll(() => server?.close());

  it('answers Meta\'s verification challenge only with the right token', async () => {
    const ok = await fetch(`${server.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${server.config.webhookVerifyToken}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const bad = await fetch(`${server.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
    expect(bad.status).toBe(403);
  });

  it('refuses a missing or wrong signature and changes nothing', async () => {
    const body = metaJson(inboundPayload({ phoneNumberId: 'pn-a', waId: '5511900000001', messages: [customerMessage('text', '5511900000001', server.clock.now(), messageBodies.text)] }));
    expect((await post(body, null)).status).toBe(401);
    expect((await post(body, signBody(body, 'another-secret'))).status).toBe(401);
    expect((await post(`${body} `, signBody(body, server.config.metaAppSecret))).status).toBe(401);
    await server.app.inboxIdle();
    const [inbox] = await db().select({ n: count() }).from(webhookInbox);
    expect(inbox!.n).toBe(0);
    expect(await messagesOf('5511900000001')).toHaveLength(0);
  });

  it('turns every message type into a message of the customer\'s ticket, with contact name and window', async () => {
    const waId = '5511900000002';
    const sentAt = new Date(server.clock.now().getTime() - 3600_000);
    const types = ['text', 'image', 'document', 'audio', 'video', 'sticker', 'location', 'contacts', 'interactive_button', 'interactive_list', 'button', 'unsupported'] as const;
    const wire = (t: (typeof types)[number]) => (t.startsWith('interactive') ? 'interactive' : t);
    await deliver(inboundPayload({ phoneNumberId: 'pn-a', waId, name: 'João Ninguém', messages: types.map((t) => customerMessage(wire(t), waId, sentAt, messageBodies[t])) }));
    const stored = await messagesOf(waId);
    expect(stored.map((r) => r.m.type)).toEqual(types.map(wire));
    expect(new Set(stored.map((r) => r.m.ticketId)).size).toBe(1);
    expect(stored[0]!.m.text).toBe('Olá, tudo bem? Quero saber do meu pedido 😮');
    const byType = new Map(stored.map((r) => [r.m.type, r.m]));
    expect(byType.get('image')!.text).toBe('Foto do produto');
    expect(byType.get('document')!.media).toMatchObject({ mimeType: 'application/pdf', filename: 'nota.pdf' });
    expect(byType.get('location')!.content).toMatchObject({ latitude: -23.5614, address: 'Av. Paulista, 1000, São Paulo' });
    expect(byType.get('button')!.text).toBe('Sim');
    expect(stored.find((r) => r.m.type === 'interactive')!.m.text).toBe('Falar com atendente');
    const pending = await db().select().from(media).where(eq(media.direction, 'in'));
    expect(pending.filter((p) => p.status === 'pending').map((p) => p.waMediaId).sort()).toEqual(['1479537139650973', '1479537139650974', '1479537139650975', '1479537139650976', '1479537139650977']);
    const [c] = await db().select().from(contacts).where(eq(contacts.waId, waId));
    expect(c!.profileName).toBe('João Ninguém');
    // The window follows WhatsApp's own timestamp, not when we received it.
    expect(c!.windowExpiresAt!.getTime()).toBe(Math.floor(sentAt.getTime() / 1000) * 1000 + 86400_000);
  });

  it('attaches reactions and system notices to the latest ticket without opening one', async () => {
    const waId = '5511900000003';
    await deliver(inboundPayload({ phoneNumberId: 'pn-b', waId, messages: [customerMessage('reaction', waId, server.clock.now(), { reaction: { message_id: 'wamid.none', emoji: '👍' } })] }));
    expect(await messagesOf(waId)).toHaveLength(0);
    const first = await customerWrites(server.app, server.clock, 'pn-b', waId, 'oi');
    expect(first.outcome).toBe('stored');
    const ticketId = first.outcome === 'stored' ? first.ticketId : '';
    await db().update(tickets).set({ state: 'closed', closeReason: 'attended', closedAt: server.clock.now() }).where(eq(tickets.id, ticketId));
    await deliver(inboundPayload({ phoneNumberId: 'pn-b', waId, messages: [
      customerMessage('reaction', waId, server.clock.now(), { reaction: { message_id: 'wamid.x', emoji: '❤️' } }),
      customerMessage('system', waId, server.clock.now(), messageBodies.system),
    ] }));
    const all = await messagesOf(waId);
    expect(all.map((r) => [r.m.type, r.m.ticketId, r.m.author])).toEqual([['text', ticketId, 'customer'], ['reaction', ticketId, 'customer'], ['system', ticketId, 'system']]);
    const open = await db().select().from(tickets).where(sql`${tickets.contactId} = ${all[0]!.m.contactId} and state <> 'closed'`);
    expect(open).toHaveLength(0);
  });

  it('stores a message delivered twice, or concurrently, once', async () => {
    const waId = '5511900000004';
    const payload = inboundPayload({ phoneNumberId: 'pn-a', waId, messages: [customerMessage('text', waId, server.clock.now(), messageBodies.text, 'wamid.DUPLICATE1')] });
    await deliver(payload);
    await deliver(payload);
    const body = metaJson(payload);
    await Promise.all([post(body), post(body), post(body)]);
    await server.app.inboxIdle();
    expect(await messagesOf(waId)).toHaveLength(1);
  });

  it('applies statuses monotonically, matched by our callback id, and explains failures', async () => {
    const waId = '5511900000005';
    const r = await customerWrites(server.app, server.clock, 'pn-a', waId, 'preciso de ajuda');
    const ticketId = r.outcome === 'stored' ? r.ticketId : '';
    const ana = await ApiClient.login(server.url, 'ana@acme.test');
    const sent = await ana.post<{ id: string }>(`/api/v1/tickets/${ticketId}/messages`, { type: 'text', text: 'Olá! Como posso ajudar?' });
    expect(sent.status).toBe(201);
    const id = sent.body.id;
    const at = server.clock.now();
    // The send's answer never arrived (no wamid yet): the status finds the message by our id.
    await deliver(statusPayload({ phoneNumberId: 'pn-a', wamid: 'wamid.OUT1', status: 'sent', recipient: waId, at, callbackData: id }));
    await deliver(statusPayload({ phoneNumberId: 'pn-a', wamid: 'wamid.OUT1', status: 'read', recipient: waId, at }));
    await deliver(statusPayload({ phoneNumberId: 'pn-a', wamid: 'wamid.OUT1', status: 'delivered', recipient: waId, at }));
    let [m] = await db().select().from(messages).where(eq(messages.id, id));
    expect(m).toMatchObject({ wamid: 'wamid.OUT1', status: 'read' });

    const second = await ana.post<{ id: string }>(`/api/v1/tickets/${ticketId}/messages`, { type: 'text', text: 'Ainda está aí?' });
    await deliver(statusPayload({
      phoneNumberId: 'pn-a', wamid: 'wamid.OUT2', status: 'failed', recipient: waId, at, callbackData: second.body.id,
      error: { code: 131047, title: 'Re-engagement message', details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' },
    }));
    [m] = await db().select().from(messages).where(eq(messages.id, second.body.id));
    expect(m!.status).toBe('failed');
    expect(m!.error).toMatchObject({ code: 131047 });
    expect(m!.error!.reason).toMatch(/24 hours/);
  });

  it('updates templates and number quality from their notifications', async () => {
    const now = server.clock.now();
    await db().insert(templates).values({ id: uuidv7(), wabaId: 'waba-1', metaId: '1689556908129832', name: 'order_confirmation', language: 'pt_BR', category: 'UTILITY', status: 'PENDING', components: [], updatedAt: now });
    await deliver(templateStatusPayload({ wabaId: 'waba-1', metaId: '1689556908129832', name: 'order_confirmation', language: 'pt_BR', event: 'APPROVED' }));
    const [t] = await db().select().from(templates).where(eq(templates.name, 'order_confirmation'));
    expect(t!.status).toBe('APPROVED');
    await deliver(qualityPayload({ wabaId: 'waba-1', displayPhone: '551140000002', event: 'FLAGGED', limit: 'TIER_10K' }));
    const [n] = await db().select().from(numbers).where(eq(numbers.id, seed.numberB.numberId));
    expect(n).toMatchObject({ quality: 'RED', messagingTier: 'TIER_10K' });
  });

  it('answers malformed or unexpected bodies without a 5xx and keeps working', async () => {
    for (const body of ['not json at all', '{"object":"page","entry":[]}', metaJson({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: { nonsense: true } }] }] })]) {
      const res = await post(body);
      expect(res.status).toBe(200);
    }
    await server.app.inboxIdle();
    const waId = '5511900000006';
    await deliver(inboundPayload({ phoneNumberId: 'pn-a', waId, messages: [customerMessage('text', waId, server.clock.now(), messageBodies.text)] }));
    expect(await messagesOf(waId)).toHaveLength(1);
  });
});
