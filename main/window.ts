import { BrowserWindow, screen, shell, type Session, type WebContents } from 'electron';
import { checkExternalUrl } from './external-links';
import type { RendererOrigin } from './ipc-rules';
import type { AppFiles } from './locations';
import type { Log } from './log';
import { captureWindowState, loadWindowState, MIN_SIZE, saveWindowState } from './window-state';
import { navigationAllowed, permissionAllowed, withSecurityHeaders } from './web-security';

/** Opens a link in the system browser if it passes the https check; logs (without the URL's query) otherwise. */
export async function openLinkOutside(url: string, log: Log): Promise<boolean> {
  const verdict = checkExternalUrl(url);
  if (!verdict.ok) {
    log.warn(`links: not opened outside the app: ${verdict.reason}`);
    return false;
  }
  await shell.openExternal(verdict.url);
  return true;
}

/**
 * Any webContents that appears (the window, or anything a bug or a page might create): it may
 * not navigate away from our renderer, open windows or attach webviews. Links to https pages go
 * to the system browser instead.
 */
export function lockDownWebContents(contents: WebContents, renderer: RendererOrigin, log: Log): void {
  const stay = (event: { preventDefault(): void; url: string }) => {
    if (navigationAllowed(event.url, renderer)) return;
    event.preventDefault();
    void openLinkOutside(event.url, log);
  };
  contents.on('will-navigate', (event) => stay(event));
  contents.on('will-redirect', (event) => stay(event));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openLinkOutside(url, log);
    return { action: 'deny' };
  });
}

/** Session-wide rules: CSP on our http(s) documents, and only the permissions the renderer needs. */
export function hardenSession(session: Session, renderer: RendererOrigin, backendOrigin: () => string | null): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = withSecurityHeaders(
      { url: details.url, resourceType: details.resourceType, headers: details.responseHeaders },
      { renderer, backendOrigin: backendOrigin() },
    );
    callback(headers ? { responseHeaders: headers } : {});
  });
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permissionAllowed(permission, details.requestingUrl, renderer));
  });
  session.setPermissionCheckHandler((_contents, permission, _origin, details) => permissionAllowed(permission, details.requestingUrl ?? '', renderer));
}

export interface MainWindowOptions {
  files: AppFiles;
  windowStateFile: string;
  log: Log;
}

/**
 * The app window, sandboxed, where it was last time, showing our renderer. Its navigation is
 * locked by `lockDownWebContents`, which index.ts applies to every webContents as it is created.
 */
export function createMainWindow(o: MainWindowOptions): BrowserWindow {
  const primary = screen.getPrimaryDisplay();
  const areas = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
  const state = loadWindowState(o.windowStateFile, areas);
  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Go Personal Desk',
    icon: o.files.icon,
    webPreferences: {
      preload: o.files.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Middle-click would open links in new windows without going through the open handler.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  // Navigation and new windows are locked for every webContents by index.ts (web-contents-created).

  let pending: NodeJS.Timeout | null = null;
  const saveNow = () => {
    if (pending) clearTimeout(pending);
    pending = null;
    if (win.isDestroyed()) return;
    try {
      saveWindowState(o.windowStateFile, captureWindowState(win.getNormalBounds(), win.isMaximized()));
    } catch (err) {
      o.log.warn(`window: could not save its position: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const saveSoon = () => {
    if (pending) clearTimeout(pending);
    pending = setTimeout(saveNow, 500);
  };
  win.on('resize', saveSoon);
  win.on('move', saveSoon);
  win.on('maximize', saveSoon);
  win.on('unmaximize', saveSoon);
  win.on('close', saveNow);

  const loading = o.files.renderer.kind === 'file' ? win.loadFile(o.files.rendererHtml) : win.loadURL(o.files.renderer.url);
  loading.catch((err: unknown) => o.log.error(`window: the renderer did not load (${o.files.renderer.url}). Build it first (out/renderer/index.html).`, err));
  return win;
}

/** Brings the window to the front (second launch, tray, notification click). */
export function focusWindow(win: BrowserWindow): void {
  if (win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
