import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeResponse } from '../../shared/api/auth';
import type { Message } from '../../shared/api/messages';
import type { TemplateInfo } from '../../shared/api/templates';
import type { Ticket } from '../../shared/api/tickets';
import { rows } from '../db/client';
import { dbKinds, openTestDatabase } from '../test/databases';
import { ApiClient, openSocket } from '../test/harness';
import { DEMO_NUMBERS, DEMO_ORG_NAME, DEMO_PASSWORD, DEMO_USERS } from './demo-org';
import { PortInUse, probePort } from './ports';
import { startDemo, type Demo, type DemoOptions } from './start';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DAY_MS = 86_400_000;
// Errors only (a part of the demo failing or refusing to stop shows up in the test output).
const quietLogger = pino({ level: 'error' }, process.stderr);

/** A data folder the embedded-database suite seeded, reused by the `npm run demo` test to skip seeding. */
let seededFolder: string | undefined;


describe.each(dbKinds)('the demo on %s', (kind) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gpd-demo-'));
  let databaseUrl: string | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  let demo: Demo;
  const options = (extra: Partial<DemoOptions> = {}): DemoOptions => ({
    dataDir, port: 0, emulatorPort: 0, quiet: true, logger: quietLogger, ...(databaseUrl ? { databaseUrl } : {}), ...extra,
  });
  // Sessions live in the database and survive restarts: sign each user in once (hashing is slow).
  const sessions = new Map<string, string>();
  const signIn = async (d: Demo, email: string) => {
    const token = sessions.get(email) ?? (await ApiClient.login(d.backendUrl, email, DEMO_PASSWORD)).token;
    sessions.set(email, token);
    return new ApiClient(d.backendUrl, token);
  };
  const restart = async (extra: Partial<DemoOptions> = {}) => {
    await demo.close();
    demo = await startDemo(options(extra));
  };

  beforeAll(async () => {
    if (kind === 'postgres') {
      const database = await openTestDatabase('postgres');
      databaseUrl = database.url;
      dropDatabase = () => database.close();
    }
    demo = await startDemo(options());
  }, 120_000);

  afterAll(async () => {
    await demo?.close();
    await dropDatabase?.();
    if (kind === 'pglite') seededFolder = dataDir;
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }, 90_000);

  it('seeds the organisation on the first start', () => {
    expect(demo.seed.seeded).toBe(true);
    expect(demo.database).toBe(kind);
  });

  it('signs in every demo user with demo1234 and shows each the numbers of their role', async () => {
    await Promise.all(DEMO_USERS.map(async (user) => {
      const client = await signIn(demo, user.email);
      const me = (await client.get<MeResponse>('/api/v1/me')).body;
      expect(me.organization).toMatchObject({ name: DEMO_ORG_NAME, timeZone: 'America/Sao_Paulo' });
      expect(me.profile.key).toBe(user.profile);
      const seen = me.numbers.map((n) => [n.identification, n.access]).sort();
      if (user.profile === 'agent') {
        const own = DEMO_NUMBERS.filter((n) => n.agents.includes(user.key)).map((n) => [n.identification, 'agent']).sort();
        expect(own.length).toBeGreaterThan(0);
        expect(seen).toEqual(own);
      } else {
        expect(seen).toEqual(DEMO_NUMBERS.map((n) => [n.identification, 'full']).sort());
      }
    }));
  });

  it('lists atendimento_esta_disponivel with its Sim / Não buttons among the approved templates', async () => {
    const ana = await signIn(demo, 'ana@demo.local');
    const me = (await ana.get<MeResponse>('/api/v1/me')).body;
    const res = await ana.get<{ items: TemplateInfo[] }>(`/api/v1/numbers/${me.numbers[0]!.id}/templates`);
    expect(res.status).toBe(200);
    const byName = new Map(res.body.items.map((t) => [t.name, t]));
    expect(byName.get('atendimento_esta_disponivel')).toMatchObject({
      language: 'pt_BR', category: 'UTILITY', status: 'APPROVED',
      body: { variables: 1 },
      buttons: [{ type: 'QUICK_REPLY', text: 'Sim' }, { type: 'QUICK_REPLY', text: 'Não' }],
    });
    expect([...byName.keys()]).toEqual(expect.arrayContaining(['boas_vindas', 'retomar_contato', 'pedido_enviado', 'lembrete_pagamento']));
    expect(byName.get('lembrete_pagamento')!.buttons).toEqual([expect.objectContaining({ type: 'URL', variables: 1 })]);
    // A template still in review is not offered.
    expect(byName.has('pesquisa_satisfacao')).toBe(false);
  });

  it('has quick replies and three months of history with consistent metric timestamps', async () => {
    const gestor = await signIn(demo, 'gestor@demo.local');
    const quick = (await gestor.get<{ items: Array<{ name: string; replies: unknown[] }> }>('/api/v1/quick-replies')).body.items;
    expect(quick.length).toBeGreaterThanOrEqual(3);
    expect(quick.every((c) => c.replies.length > 0)).toBe(true);

    const me = (await gestor.get<MeResponse>('/api/v1/me')).body;
    const closed = await gestor.get<{ items: Ticket[] }>(`/api/v1/tickets?numberId=${me.numbers[0]!.id}&state=closed&limit=200`);
    expect(closed.body.items.length).toBe(200);
    const messages = await gestor.get<{ items: Message[] }>(`/api/v1/tickets/${closed.body.items[0]!.id}/messages`);
    expect(messages.body.items.length).toBeGreaterThanOrEqual(2);

    const now = Date.now();
    const [h] = await rows<Record<string, string | number | null>>(demo.app.ctx.db, sql`
      select count(*)::int as tickets,
             count(*) filter (where state = 'closed')::int as closed,
             count(*) filter (where state <> 'closed')::int as active,
             count(distinct close_reason)::int as reasons,
             count(distinct number_id)::int as numbers,
             min(created_at) as oldest,
             count(*) filter (where assigned_at < created_at or first_response_at < assigned_at or closed_at < coalesce(first_response_at, assigned_at, created_at)
                              or (first_response_at is not null and assigned_at is null) or closed_at > now())::int as inconsistent,
             count(*) filter (where state = 'closed' and close_reason = 'attended' and cardinality(tags) = 0)::int as attended_untagged,
             (select count(*) from messages)::int as messages,
             (select count(*) from messages m join tickets t on t.id = m.ticket_id
               where m.created_at < t.created_at or (t.closed_at is not null and m.created_at > t.closed_at))::int as messages_outside,
             (select count(*) from ticket_events)::int as events
      from tickets`);
    expect(h!.tickets).toBeGreaterThan(2000);
    expect(h!.messages).toBeGreaterThan(15_000);
    expect(h!.events).toBeGreaterThan(h!.tickets as number);
    expect(h!.closed).toBeGreaterThan(0.95 * (h!.tickets as number));
    expect(h!.active).toBeGreaterThan(0);
    expect(h!.reasons).toBe(4);
    expect(h!.numbers).toBe(DEMO_NUMBERS.length);
    const oldestDaysAgo = (now - new Date(h!.oldest as string).getTime()) / DAY_MS;
    expect(oldestDaysAgo).toBeGreaterThan(85);
    expect(oldestDaysAgo).toBeLessThan(92);
    expect(h!.inconsistent).toBe(0);
    expect(h!.messages_outside).toBe(0);
    expect(h!.attended_untagged).toBe(0);
  });

  it('tells a new desk install to load a snapshot, since history predates the change feed', async () => {
    const ana = await signIn(demo, 'ana@demo.local');
    const res = await ana.get<{ error: { code: string } }>('/api/v1/sync?since=0');
    expect(res.status).toBe(410);
    const head = (await ana.get<{ seq: number }>('/api/v1/sync/head')).body.seq;
    expect((await ana.get(`/api/v1/sync?since=${head}`)).status).toBe(200);
  });

  it('refuses to start when the backend or emulator port is taken, naming the variable to change', async () => {
    const backendPort = Number(new URL(demo.backendUrl).port);
    const emulatorPort = Number(new URL(demo.emulatorUrl).port);
    await expect(startDemo(options({ port: backendPort }))).rejects.toThrow(new PortInUse(backendPort, 'PORT', 'backend').message);
    await expect(startDemo(options({ emulatorPort }))).rejects.toThrow(/EMULATOR_PORT=/);
  });

  it('does not seed a second time when started again on the same data', async () => {
    const before = demo.seed.counts;
    // Started again with simulated customers on: the tests below use them too.
    await restart({ quiet: false, personas: { newConversationMs: [50, 150], replyMs: [50, 150] } });
    expect(demo.seed.seeded).toBe(false);
    expect(demo.seed.counts).toEqual(before);
    const [c] = await rows<{ orgs: number; users: number }>(demo.app.ctx.db, sql`
      select (select count(*) from organizations)::int as orgs, (select count(*) from users where email like '%@demo.local')::int as users`);
    expect(c).toEqual({ orgs: 1, users: DEMO_USERS.length });
    expect((await ApiClient.login(demo.backendUrl, 'diego@demo.local', DEMO_PASSWORD)).token).toBeTruthy();
  }, 60_000);

  it('delivers an agent\'s reply to a conversation that was open before the restart', async () => {
    const ana = await signIn(demo, 'ana@demo.local');
    const me = (await ana.get<MeResponse>('/api/v1/me')).body;
    const open = [];
    for (const n of me.numbers) open.push(...(await ana.get<{ items: Ticket[] }>(`/api/v1/tickets?numberId=${n.id}`)).body.items);
    const mine = open.find((t) => t.state === 'open' && t.assigneeId === me.user.id);
    expect(mine).toBeDefined();
    const sent = await ana.post<Message>(`/api/v1/tickets/${mine!.id}/messages`, { type: 'text', text: 'Oi! Continuando o nosso atendimento.' });
    expect(sent.status).toBe(201);
    let status = sent.body.status;
    for (let i = 0; i < 100 && !['delivered', 'read', 'failed'].includes(status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      const list = (await ana.get<{ items: Message[] }>(`/api/v1/tickets/${mine!.id}/messages`)).body.items;
      status = list.find((m) => m.id === sent.body.id)!.status;
    }
    expect(['delivered', 'read']).toContain(status);
  }, 30_000);

  it('has simulated customers write in: their tickets reach the supervisor live', async () => {
    const gestor = await signIn(demo, 'gestor@demo.local');
    const live = await openSocket(demo.backendUrl, gestor.token);
    // Begin a fresh round of conversations now that the supervisor is watching.
    const since = Date.now();
    demo.emulator.control.personas.stop();
    demo.emulator.control.personas.start();
    try {
      const change = await live.waitFor((c) => c.entity === 'ticket' && c.op === 'upsert' && c.data !== null && Date.parse(c.data.createdAt) >= since, 20_000);
      const ticket = (await gestor.get<Ticket>(`/api/v1/tickets/${change.id}`)).body;
      expect(['waiting', 'open']).toContain(ticket.state);
      const messages = (await gestor.get<{ items: Message[] }>(`/api/v1/tickets/${change.id}/messages`)).body.items;
      expect(messages.some((m) => m.author === 'customer' && m.direction === 'in')).toBe(true);
    } finally {
      live.socket.close();
    }
  }, 60_000);
});

describe('npm run demo', () => {
  const children: ChildProcess[] = [];
  const demoPids: number[] = [];
  afterAll(() => {
    // Only if the test failed half-way: nothing of ours may outlive it.
    for (const pid of demoPids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  });

  function run(env: Record<string, string>) {
    const child = spawn('npm', ['run', '--silent', 'demo', '--', '--quiet'], { cwd: repoRoot, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const printed = (text: string, ms: number) =>
      new Promise<string>((resolve, reject) => {
        const deadline = Date.now() + ms;
        const timer = setInterval(() => {
          if (output.includes(text)) {
            clearInterval(timer);
            resolve(output);
          } else if (child.exitCode !== null || Date.now() > deadline) {
            clearInterval(timer);
            reject(new Error(`"${text}" never appeared; output:\n${output}`));
          }
        }, 100);
      });
    return { child, exited, printed, output: () => output };
  }

  it('prints the banner, serves the backend, refuses a second demo on the same folder, and stops on SIGTERM', async () => {
    const dataDir = seededFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gpd-demo-cli-'));
    const [port, emulatorPort] = [await probePort(0, '127.0.0.1'), await probePort(0, '127.0.0.1')];
    const demo = run({ PORT: String(port), EMULATOR_PORT: String(emulatorPort), DATA_DIR: dataDir });
    const banner = await demo.printed('Stop: Ctrl+C', 80_000);
    const pid = Number(/\(or kill (\d+)\)/.exec(banner)?.[1]);
    expect(pid).toBeGreaterThan(0);
    demoPids.push(pid);
    expect(banner).toContain(`http://127.0.0.1:${port}`);
    expect(banner).toContain(`http://127.0.0.1:${emulatorPort}/_emulator`);
    expect(banner).toContain(`password ${DEMO_PASSWORD}`);
    for (const user of DEMO_USERS) expect(banner).toContain(user.email);
    expect(banner).toContain('off (quiet mode)');

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });

    const second = run({ PORT: '0', EMULATOR_PORT: '0', DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/in use by the demo \(npm run demo\) \(pid \d+\)/);
    expect(second.output()).toContain('DATA_DIR=');

    // SIGTERM to the demo process (the banner names it): it stops cleanly and `npm run demo` exits 0.
    process.kill(pid, 'SIGTERM');
    expect(await demo.exited).toBe(0);
    expect(demo.output()).toContain('SIGTERM: stopping the demo');
    expect(fs.existsSync(path.join(dataDir, 'embedded-db.lock'))).toBe(false);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);
});
