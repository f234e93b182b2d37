import { fork, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktopCallNames, ipcChannel } from '../shared/desktop-api';
import { ApiClient, customerWrites, PASSWORD, seedOrg, startTestServer, type Seed, type TestServer } from '../server/test/harness';

/**
 * The real main-process bundle (main/index.ts as esbuild builds it), run under plain Node with a
 * stand-in for Electron (tests/electron-stand-in/), against a real backend: the wiring of window,
 * IPC, desk service, SQLite cache, session vault, tray and notifications, which unit tests of the
 * plain modules cannot see. Electron itself cannot start on this machine.
 */

const root = path.resolve(import.meta.dirname, '..');
const standIn = path.join(root, 'tests', 'electron-stand-in');

interface Recorded {
  channels: string[];
  windows: Array<{ webPreferences: Record<string, unknown> }>;
  notifications: Array<{ title: string; body: string }>;
  tooltips: string[];
  sent: Array<[string, unknown]>;
  calls: string[];
}

class MainProcess {
  private next = 0;
  private readonly waiting = new Map<number, (m: { result?: unknown; error?: string }) => void>();
  output = '';

  constructor(readonly child: ChildProcess) {
    child.on('message', (m: { id?: number; result?: unknown; error?: string }) => {
      if (m.id !== undefined) this.waiting.get(m.id)?.(m);
    });
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
  }

  request<T>(msg: Record<string, unknown>): Promise<T> {
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (m) => (m.error ? reject(new Error(m.error)) : resolve(m.result as T)));
      this.child.send({ ...msg, id });
    });
  }

  invoke<T = unknown>(name: string, input: unknown, sender: 'app' | 'iframe' | 'foreign' = 'app') {
    return this.request<{ ok: boolean; value?: T; error?: { code: string; message: string } }>({ kind: 'invoke', channel: ipcChannel(name as never), input, sender });
  }

  peek() {
    return this.request<Recorded>({ kind: 'peek' });
  }

  async until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const got = await probe();
      if (got) return got;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n--- main process output ---\n${this.output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('the main process, wired, under a stand-in Electron', () => {
  let server: TestServer;
  let seed: Seed;
  let dir: string;
  let userData: string;
  let main: MainProcess;

  beforeAll(async () => {
    server = await startTestServer('pglite');
    seed = await seedOrg(server.app);
    // Inside the repository, so the bundle's npm imports resolve from its node_modules.
    dir = path.join(root, 'out', `main-process-test-${crypto.randomBytes(4).toString('hex')}`);
    userData = path.join(dir, 'user-data');
    fs.mkdirSync(userData, { recursive: true });
    const bundle = path.join(dir, 'out', 'main', 'index.js');
    await build({
      entryPoints: [path.join(root, 'main', 'index.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'esm',
      target: 'node20', packages: 'external', tsconfig: path.join(root, 'tsconfig.node.json'), absWorkingDir: root, logLevel: 'silent',
    });
    const child = fork(path.join(standIn, 'runner.mjs'), [], {
      execArgv: ['--import', pathToFileURL(path.join(standIn, 'register.mjs')).href],
      env: {
        ...process.env,
        STAND_IN_BUNDLE: bundle,
        STAND_IN_USER_DATA: userData,
        STAND_IN_RENDERER_URL: `${pathToFileURL(path.join(dir, 'out', 'renderer', 'index.html')).href}#/desk`,
        GPD_BACKEND_URL: server.url,
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    main = new MainProcess(child);
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`the main process exited (${code}):\n${main.output}`)));
    });
    await main.until('the app to start', async () => main.output.includes('started 0.1.0-stand-in'));
  });

  afterAll(async () => {
    main?.child.kill();
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens one sandboxed, isolated window with our preload', async () => {
    const { windows } = await main.peek();
    expect(windows).toHaveLength(1);
    expect(windows[0]!.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(String(windows[0]!.webPreferences.preload)).toBe(path.join(dir, 'out', 'preload', 'index.cjs'));
  });

  it('answers every desktop call from our window, and the launcher backend is offered', async () => {
    const { channels } = await main.peek();
    expect(channels.sort()).toEqual(desktopCallNames.map(ipcChannel).sort());
    const state = await main.invoke<{ platform: string; session: unknown; settings: { baseUrl: string } }>('getState', {});
    expect(state).toMatchObject({ ok: true, value: { platform: 'desktop', session: null, settings: { baseUrl: server.url } } });
  });

  it('refuses foreign senders and bad arguments', async () => {
    expect(await main.invoke('getState', {}, 'foreign')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await main.invoke('getState', {}, 'iframe')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await main.invoke('signIn', { baseUrl: server.url, email: 'ana@acme.test' })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('password') } });
    expect(await main.invoke('openExternal', { url: 'http://example.com/' })).toMatchObject({ ok: false });
  });

  it('signs in, keeps the session sealed on disk, and shows the state in the tray', async () => {
    const signIn = await main.invoke<{ ok: boolean }>('signIn', { baseUrl: server.url, email: 'ana@acme.test', password: PASSWORD });
    expect(signIn).toMatchObject({ ok: true, value: { ok: true } });
    const vault = path.join(userData, 'session.bin');
    await main.until('the session file', async () => fs.existsSync(vault));
    const sealed = fs.readFileSync(vault, 'utf8');
    expect(sealed).not.toContain('ana@acme.test');
    expect(sealed).not.toContain(server.url);
    await main.until('the tray to say connected', async () => (await main.peek()).tooltips.at(-1)?.includes('Conectado'));
    const { sent } = await main.peek();
    expect(sent.some(([channel]) => channel === ipcChannel('state'))).toBe(true);
  });

  it('notifies a new ticket routed to the agent, while the window is not focused', async () => {
    expect(await main.invoke('setStatus', { status: 'online' })).toMatchObject({ ok: true });
    const ana = await ApiClient.login(server.url, 'ana@acme.test');
    await main.until('the status to reach the server', async () => (await ana.get<{ user: { status: string } }>('/api/v1/me')).body.user.status === 'online');
    await customerWrites(server.app, server.clock, 'pn-a', '5511999990042', 'Bom dia, quero um orçamento');
    const note = await main.until('a notification', async () => (await main.peek()).notifications[0]);
    const ticket = await ana.get<{ items: Array<{ assigneeId: string }> }>(`/api/v1/tickets?numberId=${seed.numberA.numberId}&state=open`);
    expect(ticket.body.items[0]?.assigneeId).toBe(seed.users.ana);
    expect(note.title).toMatch(/^Novo atendimento: /);
    expect(note.body).toBe('Bom dia, quero um orçamento');
    await main.until('the unread count in the tray', async () => (await main.peek()).tooltips.at(-1)?.includes('1 mensagem não lida'));
  });

  it('a click on the notification tells the renderer to open that ticket', async () => {
    expect(await main.request<boolean>({ kind: 'click-notification' })).toBe(true);
    const { items } = (await (await ApiClient.login(server.url, 'ana@acme.test')).get<{ items: Array<{ id: string; numberId: string }> }>(`/api/v1/tickets?numberId=${seed.numberA.numberId}&state=open`)).body;
    const opened = await main.until('openTicket', async () => (await main.peek()).sent.find(([channel]) => channel === ipcChannel('openTicket')));
    expect(opened[1]).toEqual({ ticketId: items[0]!.id, numberId: seed.numberA.numberId });
  });

  it('on quit, stops the connection and closes the cache and the tray', async () => {
    await main.request({ kind: 'app-event', event: 'before-quit' });
    await main.until('the tray to go', async () => (await main.peek()).calls.includes('new Tray.destroy'));
    expect(main.output).not.toMatch(/did not stop cleanly|Error/);
  });
});
