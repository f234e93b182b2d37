import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmulator, type Emulator, type EmulatorOptions } from './server';
import type { WebhookEnvelope, WireInboundMessage, WireMessagesValue, WireStatus } from './wire';

// Shared by the emulator's tests: a webhook receiver that keeps the raw bytes, and an emulator
// wired to it with fast timings and a known number, WABA and templates.

export const SECRET = 'test-app-secret';
export const VERIFY_TOKEN = 'test-verify-token';
export const TOKEN = 'test-access-token';
export const WABA = '200000000000001';
export const PNID = '100000000000001';
export const DISPLAY = '551140000001';
export const CUSTOMER = '5511987654321';

export interface ReceivedWebhook {
  raw: Buffer;
  headers: IncomingHttpHeaders;
  body: WebhookEnvelope;
}

export interface WebhookSink {
  url: string;
  received: ReceivedWebhook[];
  /** Query strings of GET verification requests. */
  verifications: URLSearchParams[];
  /** Status to answer the nth POST (0-based); 200 by default. */
  respond: (n: number) => number;
  verifyToken: string;
  close(): Promise<void>;
}

export async function startSink(): Promise<WebhookSink> {
  const sink: WebhookSink = {
    url: '',
    received: [],
    verifications: [],
    respond: () => 200,
    verifyToken: VERIFY_TOKEN,
    close: async () => undefined,
  };
  let posts = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://sink');
      if (req.method === 'GET') {
        sink.verifications.push(url.searchParams);
        const ok = url.searchParams.get('hub.mode') === 'subscribe' && url.searchParams.get('hub.verify_token') === sink.verifyToken;
        res.writeHead(ok ? 200 : 403, { 'content-type': 'text/plain' }).end(ok ? (url.searchParams.get('hub.challenge') ?? '') : 'forbidden');
        return;
      }
      const raw = Buffer.concat(chunks);
      const status = sink.respond(posts++);
      if (status === 200) sink.received.push({ raw, headers: req.headers, body: JSON.parse(raw.toString('utf8')) as WebhookEnvelope });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/whatsapp`;
  sink.close = () => new Promise((resolve) => server.close(() => resolve()));
  return sink;
}

function messagesValues(sink: WebhookSink): WireMessagesValue[] {
  return sink.received.flatMap((w) => w.body.entry.flatMap((e) => e.changes.filter((c) => c.field === 'messages').map((c) => c.value as WireMessagesValue)));
}

export function statusesOf(sink: WebhookSink, wamid?: string): WireStatus[] {
  return messagesValues(sink).flatMap((v) => v.statuses ?? []).filter((s) => wamid === undefined || s.id === wamid);
}

export function inboundOf(sink: WebhookSink): WireInboundMessage[] {
  return messagesValues(sink).flatMap((v) => v.messages ?? []);
}

export async function until<T>(probe: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const TEMPLATES = [
  {
    wabaId: WABA,
    name: 'atendimento_esta_disponivel',
    language: 'pt_BR',
    category: 'UTILITY' as const,
    components: [
      { type: 'BODY', text: 'Olá {{1}}, aqui é {{2}}. Podemos falar agora?' },
      { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Sim' }, { type: 'QUICK_REPLY', text: 'Não' }] },
    ],
  },
  {
    wabaId: WABA,
    name: 'pedido_enviado',
    language: 'pt_BR',
    category: 'MARKETING' as const,
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Pedido {{1}}' },
      { type: 'BODY', text: 'Seu pedido {{1}} saiu para entrega em {{2}}.' },
      { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Rastrear', url: 'https://loja.example/r/{{1}}' }] },
    ],
  },
];

export interface TestEmulator {
  emulator: Emulator;
  sink: WebhookSink;
  graph<T = Record<string, unknown>>(method: string, path: string, body?: unknown, token?: string | null): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/**
 * One emulator for a test file, reset (and its webhook sink emptied) before each test. Read it
 * through the returned object, which is filled in once the emulator is up.
 */
export function useTestEmulator(overrides: Partial<EmulatorOptions> = {}): TestEmulator {
  const holder = {} as TestEmulator;
  beforeAll(async () => {
    Object.assign(holder, await startTestEmulator(overrides));
  });
  afterAll(() => holder.close());
  beforeEach(async () => {
    await holder.emulator.control.waitForIdle();
    holder.emulator.control.reset();
    holder.sink.received.length = 0;
  });
  return holder;
}

export async function startTestEmulator(overrides: Partial<EmulatorOptions> = {}): Promise<TestEmulator> {
  const sink = await startSink();
  const emulator = await createEmulator({
    appSecret: SECRET,
    verifyToken: VERIFY_TOKEN,
    accessToken: TOKEN,
    webhookUrl: sink.url,
    statusDelays: { sentMs: 1, deliveredMs: 1, readMs: 1 },
    retry: { baseMs: 10, maxDelayMs: 50, maxAttempts: 4, timeoutMs: 2000 },
    seed: { numbers: [{ id: PNID, wabaId: WABA, displayPhoneNumber: '+55 11 4000-0001', verifiedName: 'Loja Exemplo' }], templates: TEMPLATES },
    ...overrides,
  });
  return {
    emulator,
    sink,
    async graph<T>(method: string, path: string, body?: unknown, token: string | null = TOKEN) {
      const headers: Record<string, string> = {};
      if (token !== null) headers.authorization = `Bearer ${token}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${emulator.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
    async close() {
      await emulator.close();
      await sink.close();
    },
  };
}

/** A send body for a text message. */
export function textTo(to: string, body: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'text', text: { body }, ...extra };
}
