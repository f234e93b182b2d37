import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RendererOrigin } from './ipc-rules';

/**
 * The app folder, from where the main bundle is (`<app>/out/main/index.js`): the repository in a
 * development run, `resources/app.asar` when installed. Unlike `app.getAppPath()`, right also when
 * Electron is started with the bundle's path instead of the folder.
 */
export function appRootOf(mainBundleUrl: string): string {
  return path.resolve(path.dirname(fileURLToPath(mainBundleUrl)), '..', '..');
}

/** The files the app loads, relative to the app folder (the repository, or app.asar when installed). */
export interface AppFiles {
  preload: string;
  rendererHtml: string;
  icon: string;
  /** Where the renderer comes from: the built file, or a dev server while developing. */
  renderer: RendererOrigin;
  /** Why a dev server address was ignored, if one was given. */
  warning: string | null;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * `devUrl` (GPD_RENDERER_URL) points the window at the Vite dev server. It is honoured only in a
 * development run (not packaged) and only for a loopback http address: an installed app always
 * loads its own files.
 */
export function appFiles(appPath: string, opts: { isPackaged: boolean; devUrl?: string | undefined }): AppFiles {
  const rendererHtml = path.join(appPath, 'out', 'renderer', 'index.html');
  const files = {
    preload: path.join(appPath, 'out', 'preload', 'index.cjs'),
    rendererHtml,
    icon: path.join(appPath, 'assets', 'icon.png'),
  };
  const built: RendererOrigin = { kind: 'file', url: pathToFileURL(rendererHtml).href };
  if (!opts.devUrl) return { ...files, renderer: built, warning: null };
  if (opts.isPackaged) return { ...files, renderer: built, warning: 'GPD_RENDERER_URL is ignored in an installed app' };
  let url: URL;
  try {
    url = new URL(opts.devUrl);
  } catch {
    return { ...files, renderer: built, warning: `GPD_RENDERER_URL="${opts.devUrl}" is not a URL; loading the built renderer` };
  }
  if (url.protocol !== 'http:' || !LOOPBACK.has(url.hostname)) {
    return { ...files, renderer: built, warning: `GPD_RENDERER_URL must be an http address on this machine (localhost); loading the built renderer` };
  }
  return { ...files, renderer: { kind: 'dev', url: url.href }, warning: null };
}

/** Files the main process keeps in Electron's userData folder. */
export function userDataFiles(userData: string) {
  return {
    windowState: path.join(userData, 'window-state.json'),
    /** Settings and the last /me answer (plain data). */
    deskState: path.join(userData, 'desk-state.json'),
    /** Backend URL and token, encrypted with safeStorage. */
    session: path.join(userData, 'session.bin'),
    /** The local cache (SQLite) lives here. */
    cacheDir: path.join(userData, 'cache'),
  };
}

/**
 * The better-sqlite3 addon built for Electron's ABI. An installed app carries its own build (made
 * by `npm run dist`). A development run needs one built apart from the Node build the tests use:
 * its path comes in GPD_SQLITE_BINDING (set by the launcher that prepares it).
 */
export function sqliteBinding(o: { isPackaged: boolean; env: Record<string, string | undefined> }): { nativeBinding?: string } {
  if (o.isPackaged || !o.env.GPD_SQLITE_BINDING) return {};
  return { nativeBinding: o.env.GPD_SQLITE_BINDING };
}

/** A backend address given by the launcher (GPD_BACKEND_URL), offered on the sign-in screen when none is saved. */
export function launcherBackendUrl(env: Record<string, string | undefined>): string | null {
  const raw = env.GPD_BACKEND_URL?.trim();
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? raw.replace(/\/+$/, '') : null;
  } catch {
    return null;
  }
}
