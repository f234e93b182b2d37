import { describe, expect, it, vi } from 'vitest';
import { desktopCallNames, desktopEventNames, ipcChannel } from '../shared/desktop-api';
import { createDesktopBridge, type IpcRendererPort } from './bridge';

type Relay = (event: unknown, ...args: unknown[]) => void;

function fakeIpc(answer: (channel: string, input: unknown) => unknown) {
  const listeners = new Map<string, Set<Relay>>();
  const ipc = {
    invoke: vi.fn(async (channel: string, input: unknown) => answer(channel, input)),
    on: (channel: string, l: Relay) => {
      listeners.set(channel, (listeners.get(channel) ?? new Set()).add(l));
    },
    removeListener: (channel: string, l: Relay) => {
      listeners.get(channel)?.delete(l);
    },
  } satisfies IpcRendererPort;
  const push = (channel: string, payload: unknown) => listeners.get(channel)?.forEach((l) => l({ sender: 'the ipcRenderer' }, payload));
  return { ipc, push, listeners };
}

describe('window.desktop', () => {
  it('has exactly one function per desktop call, plus on, and cannot be changed', () => {
    const api = createDesktopBridge(fakeIpc(() => ({ ok: true, value: null })).ipc);
    expect(Object.keys(api).sort()).toEqual([...desktopCallNames, 'on'].sort());
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('sends a call on its channel and resolves with the answer', async () => {
    const { ipc } = fakeIpc(() => ({ ok: true, value: [{ id: 't1' }] }));
    const api = createDesktopBridge(ipc);
    await expect(api.listTickets({ numberId: 'n', view: 'mine' })).resolves.toEqual([{ id: 't1' }]);
    expect(ipc.invoke).toHaveBeenCalledWith(ipcChannel('listTickets'), { numberId: 'n', view: 'mine' });
  });

  it('rejects with the plain { code, message } the main process sent', async () => {
    const api = createDesktopBridge(fakeIpc(() => ({ ok: false, error: { code: 'invalid_input', message: 'sendText: text: Too small' } })).ipc);
    await expect(api.sendText({ ticketId: 't', text: '' })).rejects.toEqual({ code: 'invalid_input', message: 'sendText: text: Too small' });
  });

  it('rejects with internal when IPC itself fails or answers something unexpected', async () => {
    const failing = createDesktopBridge(fakeIpc(() => {
      throw new Error("No handler registered for 'desk:tags'");
    }).ipc);
    await expect(failing.tags({})).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('No handler registered') });
    const odd = createDesktopBridge(fakeIpc(() => 'surprise').ipc);
    await expect(odd.tags({})).rejects.toMatchObject({ code: 'internal' });
  });

  it('gives listeners the payload only, never the IPC event, until unsubscribed', () => {
    const { ipc, push, listeners } = fakeIpc(() => null);
    const api = createDesktopBridge(ipc);
    const seen: unknown[][] = [];
    const stop = api.on('openTicket', (...args: unknown[]) => seen.push(args));
    push(ipcChannel('openTicket'), { ticketId: 't', numberId: 'n' });
    expect(seen).toEqual([[{ ticketId: 't', numberId: 'n' }]]);
    stop();
    push(ipcChannel('openTicket'), { ticketId: 't2', numberId: 'n' });
    expect(seen).toHaveLength(1);
    expect(listeners.get(ipcChannel('openTicket'))?.size).toBe(0);
  });

  it('listens only to desktop events', () => {
    const { ipc, listeners } = fakeIpc(() => null);
    const api = createDesktopBridge(ipc);
    for (const event of desktopEventNames) api.on(event, () => undefined);
    expect(() => api.on('desk:signIn' as never, () => undefined)).toThrow(/not a desktop event/);
    expect(() => api.on('state', 'nope' as never)).toThrow(/must be a function/);
    expect([...listeners.keys()].sort()).toEqual(desktopEventNames.map(ipcChannel).sort());
  });
});
