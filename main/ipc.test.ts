import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { desktopCallNames, ipcChannel, type DesktopApi, type DesktopEventName } from '../shared/desktop-api';
import { forwardEventsToWindow, registerDesktopIpc, sendDesktopEvent } from './ipc';
import type { RendererOrigin } from './ipc-rules';
import type { Log } from './log';

const renderer: RendererOrigin = { kind: 'file', url: 'file:///app/out/renderer/index.html' };
const ticketId = '0194f2c4-8a6e-7b1c-9a3d-2f5e6a7b8c9d';

/** ipcMain, the window and the desktop API as fakes: the registered handlers are called directly. */
function setup() {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  const ipcMain = {
    handle: (channel: string, h: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) => handlers.set(channel, h),
    removeHandler: (channel: string) => handlers.delete(channel),
  } as unknown as IpcMain;
  const sent: Array<[string, unknown]> = [];
  const mainFrame = { parent: null, url: `${renderer.url}#/desk` };
  const webContents = { send: (channel: string, payload: unknown) => sent.push([channel, payload]), mainFrame };
  const win = { isDestroyed: () => false, webContents } as unknown as BrowserWindow;
  const listeners = new Map<DesktopEventName, (p: unknown) => void>();
  const api: Record<string, unknown> = { on: (e: DesktopEventName, l: (p: unknown) => void) => (listeners.set(e, l), () => listeners.delete(e)) };
  for (const name of desktopCallNames) api[name] = vi.fn(async (input: unknown) => ({ called: name, input }));
  const warnings: string[] = [];
  const log: Log = { info: () => undefined, warn: (m) => warnings.push(m), error: () => undefined };
  const stop = registerDesktopIpc({ ipcMain, api: api as unknown as DesktopApi, renderer, window: () => win, log });
  const fromApp = { sender: webContents, senderFrame: mainFrame } as unknown as IpcMainInvokeEvent;
  const invoke = (name: string, input: unknown, event: IpcMainInvokeEvent = fromApp) => handlers.get(ipcChannel(name as never))!(event, input);
  return { handlers, invoke, api: api as Record<string, ReturnType<typeof vi.fn>>, warnings, stop, win, webContents, sent, listeners, mainFrame };
}

describe('IPC handlers', () => {
  it('registers one handler per desktop call, and removes them all', () => {
    const s = setup();
    expect([...s.handlers.keys()].sort()).toEqual(desktopCallNames.map(ipcChannel).sort());
    s.stop();
    expect(s.handlers.size).toBe(0);
  });

  it('runs a call from our window with a valid input', async () => {
    const s = setup();
    expect(await s.invoke('getTicket', { ticketId })).toEqual({ ok: true, value: { called: 'getTicket', input: { ticketId } } });
  });

  it('rejects bad arguments before the implementation sees them', async () => {
    const s = setup();
    for (const [name, input] of [
      ['getTicket', { ticketId: "1' OR 1=1" }],
      ['sendText', { ticketId, text: 'x'.repeat(5000) }],
      ['setStatus', { status: 'away' }],
      ['openExternal', { url: 'not a url' }],
      ['signIn', 'admin@example.com'],
      ['uploadMedia', { filename: 'a.pdf', mimeType: 'application/pdf', bytes: 'not bytes' }],
    ] as const) {
      const answer = await s.invoke(name, input);
      expect(answer, name).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining(`${name}:`) } });
      expect(s.api[name], name).not.toHaveBeenCalled();
    }
  });

  it('rejects foreign senders: another webContents, an iframe, another page', async () => {
    const s = setup();
    const foreign = [
      { sender: { send: () => undefined }, senderFrame: s.mainFrame },
      { sender: s.webContents, senderFrame: { parent: s.mainFrame, url: renderer.url } },
      { sender: s.webContents, senderFrame: { parent: null, url: 'https://evil.example/' } },
      { sender: s.webContents, senderFrame: null },
    ] as unknown as IpcMainInvokeEvent[];
    for (const event of foreign) {
      expect(await s.invoke('signOut', { discardPending: true }, event)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(s.api.signOut).not.toHaveBeenCalled();
    expect(s.warnings).toHaveLength(4);
    expect(s.warnings.every((w) => w.startsWith('ipc: refused signOut:'))).toBe(true);
  });

  it('sends events to the window while it exists', () => {
    const s = setup();
    forwardEventsToWindow(s.api as unknown as DesktopApi, () => s.win);
    s.listeners.get('reset')!('snapshot');
    sendDesktopEvent(s.win, 'openTicket', { ticketId, numberId: ticketId });
    sendDesktopEvent(null, 'openTicket', { ticketId, numberId: ticketId });
    expect(s.sent).toEqual([[ipcChannel('reset'), 'snapshot'], [ipcChannel('openTicket'), { ticketId, numberId: ticketId }]]);
  });
});
