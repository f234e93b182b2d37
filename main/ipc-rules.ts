import { z } from 'zod';
import {
  desktopCalls, desktopEventNames, ipcChannel,
  type DesktopApi, type DesktopCallName, type DesktopError, type DesktopEventName, type DesktopEvents,
} from '../shared/desktop-api';

/**
 * The rules of the IPC boundary, free of Electron so they run under plain Node: who may call,
 * what a call's input must look like, and how an answer or a failure crosses the process line.
 */

/** What goes back over IPC. Errors travel as data: Electron keeps only the message of a thrown Error. */
export type IpcAnswer<T = unknown> = { ok: true; value: T } | { ok: false; error: DesktopError };

/** Where our renderer is loaded from: the built file, or the Vite dev server while developing. */
export type RendererOrigin = { kind: 'file'; url: string } | { kind: 'dev'; url: string };

/** The facts about an IPC sender that the check needs (read from the Electron event). */
export interface SenderFacts {
  /** The sending webContents is our main window's. */
  fromAppWindow: boolean;
  /** The sending frame is the top frame (not an iframe). */
  isMainFrame: boolean;
  /** The sending frame's URL; null when the frame is already gone. */
  frameUrl: string | null;
}

export type Verdict = { ok: true } | { ok: false; reason: string };

/** True when `url` is a page of our renderer (any route: the app uses hash history). */
export function isRendererUrl(url: string, renderer: RendererOrigin): boolean {
  let got: URL;
  let want: URL;
  try {
    got = new URL(url);
    want = new URL(renderer.url);
  } catch {
    return false;
  }
  if (renderer.kind === 'file') return got.protocol === 'file:' && got.host === '' && got.pathname === want.pathname;
  return got.origin === want.origin;
}

/** Only the main frame of our own window, showing our renderer, may call the desktop API. */
export function checkSender(sender: SenderFacts, renderer: RendererOrigin): Verdict {
  if (!sender.fromAppWindow) return { ok: false, reason: 'the call came from a window that is not the app window' };
  if (!sender.isMainFrame) return { ok: false, reason: 'the call came from a sub-frame' };
  if (sender.frameUrl === null) return { ok: false, reason: 'the calling frame is gone' };
  if (!isRendererUrl(sender.frameUrl, renderer)) return { ok: false, reason: `the calling page (${describeUrl(sender.frameUrl)}) is not the app's` };
  return { ok: true };
}

/** Scheme, host and path only: a refused URL is logged, and its query may hold anything. */
function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return 'an invalid URL';
  }
}

/** Parses a call's input with its schema; a bad one becomes an `invalid_input` error naming each field. */
export function parseCallInput(name: DesktopCallName, raw: unknown): { ok: true; value: unknown } | { ok: false; error: DesktopError } {
  const parsed = desktopCalls[name].input.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: { code: 'invalid_input', message: `${name}: ${describeIssues(parsed.error)}` } };
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : 'input'}: ${i.message}`).join('; ');
}

/** Any failure as plain `{ code, message }` data (what the renderer shows, and all that survives IPC). */
export function toIpcError(err: unknown): DesktopError {
  if (err instanceof z.ZodError) return { code: 'invalid_input', message: describeIssues(err) };
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' && err.code !== '') {
    const message = 'message' in err && typeof err.message === 'string' && err.message !== '' ? err.message : err.code;
    return { code: err.code, message };
  }
  const detail = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `The app failed unexpectedly (${detail}). Try again; if it keeps failing, restart the app.` };
}

/** Validates the input, calls the implementation and wraps the outcome for IPC. Never throws. */
export async function handleDesktopCall(api: DesktopApi, name: DesktopCallName, raw: unknown): Promise<IpcAnswer> {
  const input = parseCallInput(name, raw);
  if (!input.ok) return input;
  try {
    const call = api[name] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: await call.call(api, input.value) };
  } catch (err) {
    return { ok: false, error: toIpcError(err) };
  }
}

/** Relays every desktop event to the renderer on its channel; answers the function that stops it. */
export function forwardDesktopEvents(api: Pick<DesktopApi, 'on'>, send: (channel: string, payload: unknown) => void): () => void {
  const stops = desktopEventNames.map((event: DesktopEventName) => api.on(event, (payload: DesktopEvents[typeof event]) => send(ipcChannel(event), payload)));
  return () => {
    for (const stop of stops) stop();
  };
}
