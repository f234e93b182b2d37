import { io as connect, type Socket } from 'socket.io-client';
import pino from 'pino';
import type { Change } from '../../shared/api/sync';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/realtime';
import { uuidv7 } from '../../shared/uuid';
import { createApp, type App } from '../app';
import { loadConfig, type Config } from '../config';
import { ManualClock } from '../domain/clock';
import { receiveCustomerMessage, type InboundMessage } from '../services/inbound';
import { createGroup, createNumber, createOrganization, createUser } from '../services/organization';
import { openTestDatabase, type DbKind } from './databases';

export const PASSWORD = 'secret-pass-1';

export interface TestServer {
  app: App;
  url: string;
  clock: ManualClock;
  config: Config;
  close(): Promise<void>;
}

/** A listening backend node on a fresh database, with a manual clock and no background sweeps. */
export async function startTestServer(kind: DbKind, env: Record<string, string> = {}): Promise<TestServer> {
  const database = await openTestDatabase(kind);
  const clock = new ManualClock(new Date());
  // Nothing leaves the machine unless a test points the Graph client at the emulator.
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/gpd-test-unused', WHATSAPP_GRAPH_URL: 'http://127.0.0.1:9/v21.0', WHATSAPP_ACCESS_TOKEN: 'offline', ...env });
  const app = await createApp({ config, database, clock, logger: pino({ level: 'silent' }), sweeper: false });
  const url = await app.listen();
  return {
    app, url, clock, config,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/**
 * A small organisation: two numbers, each with agents; a supervisor-profile user on number A;
 * a manager of a group holding both numbers; and an outsider with no number.
 */
export async function seedOrg(app: App, ids: { numberA?: string; numberB?: string; wabaId?: string } = {}) {
  const ctx = app.ctx;
  // WhatsApp ids are digits; tests against the Cloud API emulator pass real-looking ones.
  const { numberA = 'pn-a', numberB = 'pn-b', wabaId = 'waba-1' } = ids;
  const { orgId, profileIds } = await createOrganization(ctx, { name: 'Acme' });
  const mk = (email: string, profile: 'admin' | 'supervisor' | 'agent' = 'agent') =>
    createUser(ctx, { orgId, email, name: email.split('@')[0]!, password: PASSWORD, profileId: profileIds[profile] });
  const ana = await mk('ana@acme.test');
  const bruno = await mk('bruno@acme.test');
  const carla = await mk('carla@acme.test');
  const sup = await mk('sup@acme.test', 'supervisor');
  const manager = await mk('manager@acme.test', 'supervisor');
  const outsider = await mk('outsider@acme.test');
  const a = await createNumber(ctx, { orgId, phoneNumberId: numberA, wabaId, displayPhone: '+55 11 4000-0001', identification: 'Vendas', agentIds: [ana, bruno, sup], tags: ['Venda', 'Dúvida'] });
  const b = await createNumber(ctx, { orgId, phoneNumberId: numberB, wabaId, displayPhone: '+55 11 4000-0002', identification: 'Suporte', agentIds: [carla], tags: ['Resolvido'] });
  const team = await createGroup(ctx, { orgId, name: 'Time SP', type: 'team', numberIds: [a.numberId, b.numberId], managerIds: [] });
  await createGroup(ctx, { orgId, name: 'Regional', type: 'branch', childGroupIds: [team], managerIds: [manager] });
  return { orgId, profileIds, users: { ana, bruno, carla, sup, manager, outsider }, numberA: a, numberB: b };
}

export type Seed = Awaited<ReturnType<typeof seedOrg>>;

/** A customer message as the WhatsApp webhook would deliver it. */
export function customerWrites(app: App, clock: ManualClock, phoneNumberId: string, waId: string, text: string, extra: Partial<InboundMessage> = {}) {
  return receiveCustomerMessage(app.ctx, {
    phoneNumberId, waId, profileName: `Cliente ${waId.slice(-4)}`, wamid: `wamid.${uuidv7()}`, type: 'text', text, waTimestamp: clock.now(), ...extra,
  });
}

/** A signed-in REST client. */
export class ApiClient {
  constructor(readonly baseUrl: string, readonly token: string) {}

  static async login(baseUrl: string, email: string, password = PASSWORD): Promise<ApiClient> {
    const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { token: string };
    return new ApiClient(baseUrl, body.token);
  }

  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    // PUT /me/status is idempotent like every mutation: give it a clientId unless the test chose one.
    if (method === 'PUT' && body && typeof body === 'object' && !('clientId' in body)) body = { clientId: uuidv7(), ...body };
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  get<T = unknown>(path: string) {
    return this.call<T>('GET', path);
  }
  post<T = unknown>(path: string, body: Record<string, unknown> = {}) {
    return this.call<T>('POST', path, { clientId: uuidv7(), ...body });
  }
}

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A connected socket that records every change it receives. */
export async function openSocket(baseUrl: string, token: string): Promise<{ socket: ClientSocket; changes: Change[]; waitFor(pred: (c: Change) => boolean, ms?: number): Promise<Change> }> {
  const socket: ClientSocket = connect(baseUrl, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  const changes: Change[] = [];
  const waiters: Array<{ pred: (c: Change) => boolean; resolve: (c: Change) => void }> = [];
  socket.on('change', (c) => {
    changes.push(c);
    for (const w of [...waiters]) if (w.pred(c)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(c);
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  // The server finishes joining rooms and recording presence right after the handshake.
  await new Promise<void>((resolve) => socket.emit('sync:head', () => resolve()));
  return {
    socket,
    changes,
    waitFor(pred, ms = 5000) {
      const seen = changes.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('timed out waiting for a change')), ms);
        waiters.push({ pred, resolve: (c) => { clearTimeout(timer); resolve(c); } });
      });
    },
  };
}
