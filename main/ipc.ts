import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { desktopCallNames, ipcChannel, type DesktopApi, type DesktopEventName, type DesktopEvents } from '../shared/desktop-api';
import { checkSender, forwardDesktopEvents, handleDesktopCall, type IpcAnswer, type RendererOrigin, type SenderFacts } from './ipc-rules';
import type { Log } from './log';

export interface DesktopIpcOptions {
  ipcMain: IpcMain;
  api: DesktopApi;
  renderer: RendererOrigin;
  /** The app window (null while there is none). */
  window: () => BrowserWindow | null;
  log: Log;
}

function senderFacts(event: IpcMainInvokeEvent, win: BrowserWindow | null): SenderFacts {
  const frame = event.senderFrame;
  return {
    fromAppWindow: win !== null && !win.isDestroyed() && event.sender === win.webContents,
    isMainFrame: frame !== null && frame.parent === null,
    frameUrl: frame?.url ?? null,
  };
}

/** One `ipcMain.handle` per desktop call; answers the function that removes them. */
export function registerDesktopIpc(o: DesktopIpcOptions): () => void {
  for (const name of desktopCallNames) {
    o.ipcMain.handle(ipcChannel(name), async (event, raw: unknown): Promise<IpcAnswer> => {
      const verdict = checkSender(senderFacts(event, o.window()), o.renderer);
      if (!verdict.ok) {
        o.log.warn(`ipc: refused ${name}: ${verdict.reason}`);
        return { ok: false, error: { code: 'forbidden', message: `This page may not use the desktop API (${verdict.reason}).` } };
      }
      return handleDesktopCall(o.api, name, raw);
    });
  }
  return () => {
    for (const name of desktopCallNames) o.ipcMain.removeHandler(ipcChannel(name));
  };
}

/** Pushes one event to the window's renderer (dropped while there is no window). */
export function sendDesktopEvent<E extends DesktopEventName>(win: BrowserWindow | null, event: E, payload: DesktopEvents[E]): void {
  if (win && !win.isDestroyed()) win.webContents.send(ipcChannel(event), payload);
}

/** Relays every event of the desktop API implementation to the window. */
export function forwardEventsToWindow(api: DesktopApi, window: () => BrowserWindow | null): () => void {
  return forwardDesktopEvents(api, (channel, payload) => {
    const win = window();
    if (win && !win.isDestroyed()) win.webContents.send(channel, payload);
  });
}
