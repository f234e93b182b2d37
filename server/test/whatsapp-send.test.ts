import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../shared/api/messages';
import type { Change } from '../../shared/api/sync';
import type { TemplateInfo } from '../../shared/api/templates';
import type { Ticket } from '../../shared/api/tickets';
import { uuidv7 } from '../../shared/uuid';
import { messages, tickets } from '../db/schema';
import { buildOutgoing } from '../services/outbound-payload';
import { failUnconfirmed, UNCONFIRMED_AFTER_MS } from '../services/sender';
import { createEmulator, type Emulator } from '../whatsapp/emulator/server';
import { plainReason } from '../whatsapp/graph/errors';
import { dbKinds } from './databases';
import { ApiClient, openSocket, seedOrg, startTestServer, type Seed, type TestServer } from './harness';

/** Sending through the backend to the Cloud API emulator: at most one send per message, whatever Meta answers. */

const SECRET = 'send-test-app-secret';
const VERIFY = 'send-test-verify-token';
const TOKEN = 'send-test-access-token';
const WABA = '200000000000101';
const NUMBER_A = '100000000000101';
const NUMBER_B = '100000000000102';

const TEMPLATES = [
  {
    wabaId: WABA, name: 'atendimento_esta_disponivel', language: 'pt_BR', category: 'UTILITY' as const,
    components: [
      { type: 'BODY', text: 'Olá {{1}}, aqui é {{2}}. Podemos falar agora?' },
      { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Sim' }, { type: 'QUICK_REPLY', text: 'Não' }] },
    ],
  },
  {
    wabaId: WABA, name: 'pedido_enviado', language: 'pt_BR', category: 'UTILITY' as const,
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Pedido {{1}}' },
      { type: 'BODY', text: 'Seu pedido {{1}} saiu para entrega em {{2}}.' },
      { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Rastrear', url: 'https://loja.example/r/{{1}}' }] },
    ],
  },
  { wabaId: WABA, name: 'promocao_rascunho', language: 'pt_BR', category: 'MARKETING' as const, status: 'PENDING' as const, components: [{ type: 'BODY', text: 'Em revisão' }] },
];

type SendRequest = { biz_opaque_callback_data?: string; [key: string]: unknown };

describe.each(dbKinds)('sending WhatsApp messages through the emulator (%s)', (kind) => {
  let emulator: Emulator;
  let server: TestServer;
  let seed: Seed;
  let ana: ApiClient;
  let anaLive: Awaited<ReturnType<typeof openSocket>>;
  const db = () => server.app.ctx.db;
  let customerSeq = 0;
  /** A fresh customer per test, so no test sees another's window or pair-rate bucket. */
  const newCustomer = () => `55119${kind === 'postgres' ? '8' : '7'}${String(++customerSeq).padStart(6, '0')}`;

  /** Requests the emulator received to send the message with our id (biz_opaque_callback_data). */
  const sendsOf = (messageId: string) =>
    emulator.control.requests({ method: 'POST', path: '/messages' }).filter((r) => (r.body as SendRequest | undefined)?.biz_opaque_callback_data === messageId);
  const acceptedOf = (messageId: string) => emulator.control.outbound().filter((o) => o.callbackData === messageId);

  async function stored(wamid: string) {
    return vi.waitFor(async () => {
      const [m] = await db().select().from(messages).where(eq(messages.wamid, wamid));
      if (!m) throw new Error(`message ${wamid} not stored yet`);
      return m;
    }, { timeout: 15_000, interval: 20 });
  }

  /** A customer writes on WhatsApp; answers once the backend stored it (signed webhook → inbox). */
  async function customerWrites(waId: string, text: string, phoneNumberId = NUMBER_A) {
    const sent = emulator.control.customerSends({ phoneNumberId, from: waId, name: 'Maria Souza', type: 'text', text: { body: text } });
    const m = await stored(sent.id);
    return { wamid: sent.id, messageId: m.id, ticketId: m.ticketId };
  }

  async function reaches(messageId: string, status: string) {
    return vi.waitFor(async () => {
      const [m] = await db().select().from(messages).where(eq(messages.id, messageId));
      expect(m?.status).toBe(status);
      return m!;
    }, { timeout: 15_000, interval: 20 });
  }

  /** Every worker and the emulator have nothing left to do. */
  async function quiesce() {
    for (let i = 0; i < 3; i++) {
      await server.app.workersIdle();
      expect(await emulator.control.waitForIdle(10_000)).toBe(true);
    }
    await server.app.workersIdle();
  }

  const statusesSeen = (messageId: string) =>
    anaLive.changes.filter((c): c is Extract<Change, { entity: 'message' }> => c.entity === 'message' && c.id === messageId).map((c) => c.data?.status);

  beforeAll(async () => {
    emulator = await createEmulator({
      appSecret: SECRET, verifyToken: VERIFY, accessToken: TOKEN, webhookUrl: 'http://127.0.0.1:9/webhooks/whatsapp',
      statusDelays: { sentMs: 1, deliveredMs: 1, readMs: 1 }, retry: { baseMs: 20, maxDelayMs: 200, maxAttempts: 8, timeoutMs: 10_000 },
      seed: {
        numbers: [
          { id: NUMBER_A, wabaId: WABA, displayPhoneNumber: '+55 11 4000-0101', verifiedName: 'Acme Vendas' },
          { id: NUMBER_B, wabaId: WABA, displayPhoneNumber: '+55 11 4000-0102', verifiedName: 'Acme Suporte' },
        ],
        templates: TEMPLATES,
      },
    });
    server = await startTestServer(kind, {
      WHATSAPP_GRAPH_URL: `${emulator.url}/v21.0`, WHATSAPP_ACCESS_TOKEN: TOKEN, META_APP_SECRET: SECRET, WEBHOOK_VERIFY_TOKEN: VERIFY,
      SESSION_TTL_HOURS: '1000',
    });
    emulator.control.configure({ webhookUrl: `${server.url}/webhooks/whatsapp` });
    expect(await emulator.control.verifyWebhook()).toMatchObject({ ok: true });
    seed = await seedOrg(server.app, { numberA: NUMBER_A, numberB: NUMBER_B, wabaId: WABA });
    ana = await ApiClient.login(server.url, 'ana@acme.test');
    anaLive = await openSocket(server.url, ana.token);
  }, 120_000);
  afterAll(async () => {
    anaLive?.socket.close();
    await server?.close();
    await emulator?.close();
  });

  it('an agent\'s text reply goes out once, with our id as callback data; its wamid and sent → delivered → read come back to the agent', async () => {
    const waId = newCustomer();
    const inbound = await customerWrites(waId, 'Oi, meu pedido atrasou');
    const res = await ana.post<Message>(`/api/v1/tickets/${inbound.ticketId}/messages`, { type: 'text', text: 'Vou verificar agora mesmo!', replyTo: inbound.messageId });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('queued');
    const id = res.body.id;

    await anaLive.waitFor((c) => c.entity === 'message' && c.id === id && c.data?.status === 'read', 15_000);
    await quiesce();
    const requests = sendsOf(id);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ auth: 'ok', status: 200, path: `/v21.0/${NUMBER_A}/messages` });
    expect(requests[0]!.body).toEqual({
      messaging_product: 'whatsapp', recipient_type: 'individual', to: waId, type: 'text',
      context: { message_id: inbound.wamid }, text: { preview_url: false, body: 'Vou verificar agora mesmo!' }, biz_opaque_callback_data: id,
    });
    const [accepted] = acceptedOf(id);
    const list = await ana.get<{ items: Message[] }>(`/api/v1/tickets/${inbound.ticketId}/messages`);
    expect(list.body.items.find((m) => m.id === id)).toMatchObject({ wamid: accepted!.wamid, status: 'read', error: null });

    // The agent saw each step, never going back.
    const seen = statusesSeen(id);
    for (const step of ['queued', 'sent', 'delivered', 'read']) expect(seen).toContain(step);
    const order = ['queued', 'sending', 'sent', 'delivered', 'read'];
    const ranks = seen.map((s) => order.indexOf(s!));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('lists the approved templates fetched from WhatsApp, with their variables', async () => {
    const res = await ana.get<{ items: TemplateInfo[] }>(`/api/v1/numbers/${seed.numberA.numberId}/templates`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((t) => t.name)).toEqual(['atendimento_esta_disponivel', 'pedido_enviado']);
    expect(res.body.items[1]).toMatchObject({ header: { variables: 1 }, body: { variables: 2 }, buttons: [{ type: 'URL', variables: 1 }] });
    expect(emulator.control.requests({ path: `/${WABA}/message_templates` }).length).toBeGreaterThan(0);
  });

  it('a template reply carries its header, body and button parameters', async () => {
    const waId = newCustomer();
    const inbound = await customerWrites(waId, 'Quando chega?');
    const res = await ana.post<Message>(`/api/v1/tickets/${inbound.ticketId}/messages`, {
      type: 'template', template: 'pedido_enviado', language: 'pt_BR', variables: ['#4521', 'sexta-feira'], headerVariables: ['#4521'], buttonVariables: ['4521'],
    });
    expect(res.status).toBe(201);
    expect(res.body.text).toBe('Seu pedido #4521 saiu para entrega em sexta-feira.');
    await reaches(res.body.id, 'read');
    const [request] = sendsOf(res.body.id);
    expect(request!.body).toMatchObject({
      to: waId, type: 'template',
      template: {
        name: 'pedido_enviado', language: { code: 'pt_BR' },
        components: [
          { type: 'header', parameters: [{ type: 'text', text: '#4521' }] },
          { type: 'body', parameters: [{ type: 'text', text: '#4521' }, { type: 'text', text: 'sexta-feira' }] },
          { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '4521' }] },
        ],
      },
    });
  });

  it('an active message to a new number opens a ticket for the agent and the emulator gets the template with its parameters', async () => {
    const waId = newCustomer();
    const res = await ana.post<{ ticket: Ticket; message: Message }>(`/api/v1/numbers/${seed.numberA.numberId}/active-messages`, {
      to: `+${waId}`, template: 'atendimento_esta_disponivel', language: 'pt_BR', variables: ['Maria', 'Ana da Acme'],
    });
    expect(res.status).toBe(201);
    expect(res.body.ticket).toMatchObject({ state: 'open', assigneeId: seed.users.ana, numberId: seed.numberA.numberId });
    await anaLive.waitFor((c) => c.entity === 'ticket' && c.id === res.body.ticket.id);
    // Templates open conversations: delivered and read although the customer never wrote.
    await reaches(res.body.message.id, 'read');
    const [accepted] = acceptedOf(res.body.message.id);
    expect(accepted).toMatchObject({ to: waId, type: 'template', template: 'atendimento_esta_disponivel' });
    expect(sendsOf(res.body.message.id)[0]!.body).toMatchObject({
      template: { name: 'atendimento_esta_disponivel', language: { code: 'pt_BR' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Maria' }, { type: 'text', text: 'Ana da Acme' }] }] },
    });
  });

  it('refuses an unknown or unapproved template with 422 unknown_template before any call to WhatsApp', async () => {
    const waId = newCustomer();
    const inbound = await customerWrites(waId, 'Oi');
    await quiesce();
    const before = emulator.control.requests({ path: '/messages' }).length;
    for (const template of ['nao_existe', 'promocao_rascunho']) {
      const reply = await ana.post<{ error: { code: string } }>(`/api/v1/tickets/${inbound.ticketId}/messages`, { type: 'template', template, language: 'pt_BR', variables: [] });
      expect(reply.status).toBe(422);
      expect(reply.body.error.code).toBe('unknown_template');
    }
    const active = await ana.post<{ error: { code: string } }>(`/api/v1/numbers/${seed.numberA.numberId}/active-messages`, { to: `+${newCustomer()}`, template: 'nao_existe', language: 'pt_BR', variables: ['x'] });
    expect([active.status, active.body.error.code]).toEqual([422, 'unknown_template']);
    await quiesce();
    expect(emulator.control.requests({ path: '/messages' })).toHaveLength(before);
  });

  it('throughput 130429 once, then success: retried after the backoff and sent exactly once', async () => {
    const waId = newCustomer();
    const inbound = await customerWrites(waId, 'Alguém aí?');
    await quiesce();
    emulator.control.freezeClock(true);
    // A fresh second, whatever the tests before sent in this one.
    emulator.control.advanceClock({ seconds: 1 });
    emulator.control.updateNumber(NUMBER_A, { mps: 1 });
    try {
      // Someone else used this second's only slot.
      const other = await fetch(`${emulator.url}/v21.0/${NUMBER_A}/messages`, {
        method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ messaging_product: 'whatsapp', to: newCustomer(), type: 'template', template: { name: 'atendimento_esta_disponivel', language: { code: 'pt_BR' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }] } }),
      });
      expect(other.status).toBe(200);
      const res = await ana.post<Message>(`/api/v1/tickets/${inbound.ticketId}/messages`, { type: 'text', text: 'Estou aqui!' });
      const id = res.body.id;
      await vi.waitFor(() => expect(sendsOf(id).map((r) => r.status)).toEqual([400]), { timeout: 15_000, interval: 20 });
      await server.app.workersIdle();
      const [waiting] = await db().select().from(messages).where(eq(messages.id, id));
      expect(waiting).toMatchObject({ status: 'queued', sendAttempts: 1 });
      expect((sendsOf(id)[0]!.response as { error: { code: number } }).error.code).toBe(130429);

      emulator.control.advanceClock({ seconds: 1 });
      server.clock.advance(waiting!.nextAttemptAt!.getTime() - server.clock.now().getTime() + 1);
      await server.app.workersIdle();
      await reaches(id, 'read');
      await quiesce();
      expect(sendsOf(id).map((r) => r.status)).toEqual([400, 200]);
      expect(acceptedOf(id)).toHaveLength(1);
    } finally {
      emulator.control.updateNumber(NUMBER_A, { mps: 80 });
      emulator.control.freezeClock(false);
    }
  });

  it('a permanent error (number not registered, 133010) fails the message with a plain reason and is never retried', async () => {
    const waId = newCustomer();
    const inbound = await customerWrites(waId, 'Bom dia');
    emulator.control.updateNumber(NUMBER_A, { status: 'DISCONNECTED' });
    try {
      const res = await ana.post<Message>(`/api/v1/tickets/${inbound.ticketId}/messages`, { type: 'text', text: 'Bom dia! Como posso ajudar?' });
      const failed = await reaches(res.body.id, 'failed');
      expect(failed.error).toEqual({ code: 133010, title: expect.any(String) as string, reason: plainReason(133010) });
      await anaLive.waitFor((c) => c.entity === 'message' && c.id === res.body.id && c.data?.status === 'failed' && c.data.error?.reason === plainReason(133010));
      server.clock.advance(10 * 60_000);
      await quiesce();
      expect(sendsOf(res.body.id)).toHaveLength(1);
      expect(acceptedOf(res.body.id)).toHaveLength(0);
    } finally {
      emulator.control.updateNumber(NUMBER_A, { status: 'CONNECTED' });
    }
  });

  describe('the crash window around a send', () => {
    /** A message the sender had marked `sending` and committed when the process died. */
    async function leftSending(ticketId: string, text: string) {
      const [t] = await db().select().from(tickets).where(eq(tickets.id, ticketId));
      const now = server.clock.now();
      const [row] = await db().insert(messages).values({
        id: uuidv7(now.getTime()), ticketId, numberId: t!.numberId, contactId: t!.contactId, direction: 'out', author: 'agent', authorId: seed.users.ana,
        type: 'text', text, status: 'sending', sendAttempts: 1, sendingAt: now, clientId: uuidv7(), origin: 'desk', createdAt: now,
      }).returning();
      return row!;
    }

    it('a message whose send reached WhatsApp before the crash is reconciled by its status webhook, with its wamid, and never re-sent', async () => {
      const waId = newCustomer();
      const inbound = await customerWrites(waId, 'Preciso da segunda via');
      await quiesce();
      const row = await leftSending(inbound.ticketId, 'Segue a segunda via');
      // The request the dead process had made: exactly what the sender sends, our id as callback data.
      const { phoneNumberId, payload } = await buildOutgoing(server.app.ctx, db(), row);
      expect(payload.biz_opaque_callback_data).toBe(row.id);
      const sent = await server.app.ctx.graph.sendMessage(phoneNumberId, payload);

      const reconciled = await reaches(row.id, 'read');
      expect(reconciled.wamid).toBe(sent.wamid);
      await anaLive.waitFor((c) => c.entity === 'message' && c.id === row.id && c.data?.status === 'delivered' && c.data.wamid === sent.wamid);
      server.clock.advance(UNCONFIRMED_AFTER_MS + 60_000);
      expect(await failUnconfirmed(server.app.ctx)).toBe(0);
      await quiesce();
      expect(sendsOf(row.id)).toHaveLength(1);
      expect((await reaches(row.id, 'read')).error).toBeNull();
    });

    it('a message left `sending` with no status webhook is failed for the agent after 3 minutes, and never sent', async () => {
      const waId = newCustomer();
      const inbound = await customerWrites(waId, 'Vocês abrem sábado?');
      await quiesce();
      const row = await leftSending(inbound.ticketId, 'Abrimos sim, das 9h às 13h.');
      server.clock.advance(UNCONFIRMED_AFTER_MS - 1000);
      await server.app.workersIdle();
      expect(await failUnconfirmed(server.app.ctx)).toBe(0);
      server.clock.advance(2000);
      expect(await failUnconfirmed(server.app.ctx)).toBe(1);
      const failed = await reaches(row.id, 'failed');
      expect(failed.error?.reason).toMatch(/did not confirm/);
      await anaLive.waitFor((c) => c.entity === 'message' && c.id === row.id && c.data?.status === 'failed');
      server.clock.advance(10 * 60_000);
      await quiesce();
      expect(sendsOf(row.id)).toHaveLength(0);
      expect((await reaches(row.id, 'failed')).status).toBe('failed');
    });
  });

  // The emulator's window closes first (its clock moves), then ours (the server clock moves past it).
  describe('the 24-hour window', () => {
    it('when WhatsApp\'s window closed first (emulator clock), the send fails asynchronously with 131047 and the agent reads why', async () => {
      const waId = newCustomer();
      const inbound = await customerWrites(waId, 'Até amanhã');
      await quiesce();
      emulator.control.advanceClock({ hours: 24, minutes: 5 });
      const res = await ana.post<Message>(`/api/v1/tickets/${inbound.ticketId}/messages`, { type: 'text', text: 'Olá, conseguiu resolver?' });
      expect(res.status).toBe(201);
      const failed = await reaches(res.body.id, 'failed');
      expect(failed.error).toMatchObject({ code: 131047, reason: plainReason(131047) });
      expect(failed.error!.reason).toMatch(/24 hours.*template/);
      expect(failed.wamid).toBe(acceptedOf(res.body.id)[0]!.wamid);
      await anaLive.waitFor((c) => c.entity === 'message' && c.id === res.body.id && c.data?.status === 'failed' && c.data.error?.code === 131047);
      await quiesce();
      expect(sendsOf(res.body.id)).toHaveLength(1);
    });

    it('our API refuses a free-form message with 422 window_closed once the customer\'s last message is over 24 h old; a template still goes', async () => {
      const waId = newCustomer();
      const inbound = await customerWrites(waId, 'Obrigada!');
      await quiesce();
      const [t] = await db().select().from(tickets).where(eq(tickets.id, inbound.ticketId));
      server.clock.set(new Date(t!.windowExpiresAt!.getTime() + 60_000));
      const before = emulator.control.requests({ path: '/messages' }).length;
      const text = await ana.post<{ error: { code: string; message: string } }>(`/api/v1/tickets/${inbound.ticketId}/messages`, { type: 'text', text: 'Posso ajudar em algo mais?' });
      expect(text.status).toBe(422);
      expect(text.body.error.code).toBe('window_closed');
      expect(text.body.error.message).toMatch(/template/);
      await quiesce();
      expect(emulator.control.requests({ path: '/messages' })).toHaveLength(before);

      const template = await ana.post<Message>(`/api/v1/tickets/${inbound.ticketId}/messages`, { type: 'template', template: 'atendimento_esta_disponivel', language: 'pt_BR', variables: ['Maria', 'Ana'] });
      expect(template.status).toBe(201);
      await reaches(template.body.id, 'read');
    });
  });
});
