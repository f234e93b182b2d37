import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../shared/api/messages';
import type { Change } from '../shared/api/sync';
import { dbKinds } from '../server/test/databases';
import { ApiClient, openSocket, seedOrg, startTestServer, type Seed, type TestServer } from '../server/test/harness';
import { SETUP_TIMEOUT_MS } from './spawn-server';

/**
 * The whole path, across processes: the Cloud API emulator runs as its own process (`npm run
 * emulator`) and is driven only through its HTTP control API; the backend receives its signed
 * webhooks and calls its Graph API; the agent uses REST and socket.io.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECRET = 'e2e-app-secret-0123';
const VERIFY = 'e2e-verify-token-0123';
const TOKEN = 'e2e-access-token-0123';
const WABA = '200000000000301';
const NUMBER_A = '100000000000301';
const NUMBER_B = '100000000000302';

interface EmulatorProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** `npm run emulator` as a child process on a free port; resolves with its URL from the start-up line. */
function spawnEmulator(): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/whatsapp/emulator/main.ts'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', EMULATOR_PORT: '0', EMULATOR_QUIET: '1',
      META_APP_SECRET: SECRET, WEBHOOK_VERIFY_TOKEN: VERIFY, WHATSAPP_ACCESS_TOKEN: TOKEN, WEBHOOK_URL: 'http://127.0.0.1:9/webhooks/whatsapp',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => void stop().then(() => reject(new Error(`the emulator did not start\n${out}`))), 45_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const found = /emulator on (http:\/\/[\d.:]+)/.exec(out);
      if (found) {
        clearTimeout(timer);
        resolve({ url: found[1]!, child, output: () => out, stop });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => { out += c.toString(); });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited (${code})\n${out}`));
    });
  });
}

async function control<T = unknown>(emulator: EmulatorProcess, method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(`${emulator.url}/_emulator${p}`, {
    method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} /_emulator${p}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

type LoggedRequest = { method: string; path: string; auth: string; status: number; body: Record<string, unknown>; response: unknown };
type Delivery = { kind: string; state: string; body: string; signature: string; attempts: Array<{ status?: number }>; payload: unknown };
type OutboundView = { wamid: string; to: string; type: string; callbackData?: string; statuses: Array<{ status: string }> };

let emulator: EmulatorProcess;
beforeAll(async () => {
  emulator = await spawnEmulator();
}, SETUP_TIMEOUT_MS);
afterAll(async () => {
  await emulator?.stop();
});

describe.each(dbKinds)('a WhatsApp conversation end to end (%s)', (kind) => {
  let server: TestServer;
  let seed: Seed;
  let bruno: ApiClient;
  let live: Awaited<ReturnType<typeof openSocket>>;
  const waId = kind === 'postgres' ? '5511987650002' : '5511987650001';

  beforeAll(async () => {
    await control(emulator, 'POST', '/reset');
    await control(emulator, 'POST', '/seed', {
      numbers: [
        { id: NUMBER_A, wabaId: WABA, displayPhoneNumber: '+55 11 4000-0301', verifiedName: 'Acme Vendas' },
        { id: NUMBER_B, wabaId: WABA, displayPhoneNumber: '+55 11 4000-0302', verifiedName: 'Acme Suporte' },
      ],
    });
    server = await startTestServer(kind, { WHATSAPP_GRAPH_URL: `${emulator.url}/v21.0`, WHATSAPP_ACCESS_TOKEN: TOKEN, META_APP_SECRET: SECRET, WEBHOOK_VERIFY_TOKEN: VERIFY });
    await control(emulator, 'PATCH', '/config', {
      webhookUrl: `${server.url}/webhooks/whatsapp`, statusDelays: { sentMs: 20, deliveredMs: 100, readMs: 100 }, verifyWebhook: true,
    });
    expect(await control(emulator, 'POST', '/webhook/verify')).toMatchObject({ ok: true });
    seed = await seedOrg(server.app, { numberA: NUMBER_A, numberB: NUMBER_B, wabaId: WABA });
    bruno = await ApiClient.login(server.url, 'bruno@acme.test');
    live = await openSocket(server.url, bruno.token);
    expect((await bruno.call('PUT', '/api/v1/me/status', { status: 'online' })).status).toBe(200);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    live?.socket.close();
    await server?.close();
  });

  it('customer writes → ticket on the available agent\'s socket → REST reply → Cloud API request → delivered and read back on the socket', async () => {
    // 1. A customer writes on WhatsApp (the emulator's control API).
    const sent = await control<{ id: string }>(emulator, 'POST', '/customers/messages', {
      phoneNumberId: NUMBER_A, from: waId, name: 'Joana Prado', type: 'text', text: { body: 'Olá! Vocês entregam em Campinas? 🚚' },
    });

    // 2. The signed webhook reaches the backend and the ticket reaches bruno, who is available.
    const inbound = await live.waitFor((c) => c.entity === 'message' && c.data?.wamid === sent.id, 20_000) as Extract<Change, { entity: 'message' }>;
    expect(inbound.data).toMatchObject({ direction: 'in', author: 'customer', type: 'text', text: 'Olá! Vocês entregam em Campinas? 🚚' });
    const ticketId = inbound.data!.ticketId;
    const assigned = await live.waitFor((c) => c.entity === 'ticket' && c.id === ticketId && c.data?.assigneeId === seed.users.bruno, 20_000);
    expect(assigned.data).toMatchObject({ state: 'open', numberId: seed.numberA.numberId });
    const contact = live.changes.find((c) => c.entity === 'contact' && c.data?.waId === waId);
    expect(contact?.data).toMatchObject({ profileName: 'Joana Prado' });
    const [delivery] = await control<Delivery[]>(emulator, 'GET', `/deliveries?kind=message&wamid=${encodeURIComponent(sent.id)}`);
    expect(delivery).toMatchObject({ state: 'delivered', attempts: [{ status: 200 }] });
    // Signed over the exact bytes sent, non-ASCII escaped as Meta does.
    expect(delivery!.signature).toBe(`sha256=${crypto.createHmac('sha256', SECRET).update(delivery!.body).digest('hex')}`);
    expect(delivery!.body).toContain('\\ud83d\\ude9a');

    // 3. Bruno opens the conversation (blue ticks for the customer) and replies through the REST API.
    expect((await bruno.post(`/api/v1/tickets/${ticketId}/read`, { upTo: inbound.id })).status).toBe(200);
    const reply = await bruno.post<Message>(`/api/v1/tickets/${ticketId}/messages`, { type: 'text', text: 'Entregamos sim! Qual o seu CEP?', replyTo: inbound.id });
    expect(reply.status).toBe(201);
    const id = reply.body.id;

    // 4. The emulator received one correct Cloud API request for it.
    const delivered = await live.waitFor((c) => c.entity === 'message' && c.id === id && c.data?.status === 'delivered', 20_000);
    const requests = (await control<LoggedRequest[]>(emulator, 'GET', `/requests?method=POST&path=/${NUMBER_A}/messages`))
      .filter((r) => r.body.biz_opaque_callback_data === id);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ auth: 'ok', status: 200, path: `/v21.0/${NUMBER_A}/messages` });
    expect(requests[0]!.body).toEqual({
      messaging_product: 'whatsapp', recipient_type: 'individual', to: waId, type: 'text',
      context: { message_id: sent.id }, text: { preview_url: false, body: 'Entregamos sim! Qual o seu CEP?' }, biz_opaque_callback_data: id,
    });
    const [accepted] = await control<OutboundView[]>(emulator, 'GET', `/messages?to=${waId}`);
    expect(accepted).toMatchObject({ type: 'text', callbackData: id });
    expect(delivered.data).toMatchObject({ wamid: accepted!.wamid });

    // 5. Delivered, then read, flow back to bruno's socket.
    const read = await live.waitFor((c) => c.entity === 'message' && c.id === id && c.data?.status === 'read', 20_000);
    expect(read.data).toMatchObject({ wamid: accepted!.wamid, error: null });
    const seen = live.changes.filter((c) => c.entity === 'message' && c.id === id).map((c) => (c as Extract<Change, { entity: 'message' }>).data!.status);
    expect(seen.indexOf('delivered')).toBeLessThan(seen.indexOf('read'));
    expect(seen.at(-1)).toBe('read');

    const markRead = (await control<LoggedRequest[]>(emulator, 'GET', `/requests?method=POST&path=/${NUMBER_A}/messages`)).filter((r) => r.body.status === 'read');
    expect(markRead.map((r) => r.body)).toEqual([{ messaging_product: 'whatsapp', status: 'read', message_id: sent.id }]);
    const customerSide = await control<Array<{ wamid: string; readByBusiness: boolean }>>(emulator, 'GET', '/inbound');
    expect(customerSide.find((m) => m.wamid === sent.id)?.readByBusiness).toBe(true);
  });
});
