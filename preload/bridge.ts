import { desktopCallNames, desktopEventNames, ipcChannel, type DesktopApi, type DesktopError, type DesktopEventName } from '../shared/desktop-api';

/** The part of Electron's `ipcRenderer` the bridge uses (a fake in tests). */
export interface IpcRendererPort {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const eventNames: ReadonlySet<string> = new Set(desktopEventNames);

/** The main process answers `{ ok, value }` or `{ ok: false, error }` (see main/ipc-rules.ts). */
function unwrap(answer: unknown): unknown {
  if (typeof answer === 'object' && answer !== null && 'ok' in answer) {
    if (answer.ok === true && 'value' in answer) return answer.value;
    if (answer.ok === false && 'error' in answer) {
      const e = answer.error as Partial<DesktopError> | null;
      throw { code: String(e?.code ?? 'internal'), message: String(e?.message ?? 'The desktop call failed.') } satisfies DesktopError;
    }
  }
  throw { code: 'internal', message: 'The app answered in an unexpected form. Restart the app.' } satisfies DesktopError;
}

/**
 * The `window.desktop` object: one function per desktop call and `on` for the desktop events,
 * nothing else. A failed call rejects with a plain `{ code, message }` (a DesktopError); Electron
 * would keep only the message of an Error thrown across the bridge. Listeners receive the payload
 * alone, never the IPC event (which would hand the page `ipcRenderer`).
 */
export function createDesktopBridge(ipc: IpcRendererPort): DesktopApi {
  const api: Record<string, unknown> = {};
  for (const name of desktopCallNames) {
    const channel = ipcChannel(name);
    api[name] = async (input: unknown) => {
      let answer: unknown;
      try {
        answer = await ipc.invoke(channel, input === undefined ? {} : input);
      } catch (err) {
        throw { code: 'internal', message: `The app could not run ${name}: ${err instanceof Error ? err.message : String(err)}` } satisfies DesktopError;
      }
      return unwrap(answer);
    };
  }
  api.on = (event: DesktopEventName, listener: (payload: unknown) => void) => {
    if (!eventNames.has(event)) throw new Error(`"${String(event)}" is not a desktop event (known: ${desktopEventNames.join(', ')}).`);
    if (typeof listener !== 'function') throw new Error('desktop.on(event, listener): the listener must be a function.');
    const channel = ipcChannel(event);
    const relay = (_event: unknown, payload: unknown) => listener(payload);
    ipc.on(channel, relay);
    return () => {
      ipc.removeListener(channel, relay);
    };
  };
  return Object.freeze(api) as unknown as DesktopApi;
}
