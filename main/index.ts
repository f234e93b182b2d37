import fs from 'node:fs';
import path from 'node:path';
import { app, dialog, ipcMain, net, powerMonitor, safeStorage, session, type BrowserWindow } from 'electron';
import type { DesktopState } from '../shared/desktop-api';
import { DeskService } from '../shared/desk';
import { SqliteStore } from './store/sqlite-store';
import { forwardEventsToWindow, registerDesktopIpc } from './ipc';
import { readJsonFile, writeJsonFile } from './json-file';
import { appFiles, appRootOf, launcherBackendUrl, sqliteBinding, userDataFiles } from './locations';
import { consoleLog as log } from './log';
import { NetworkWatch } from './network-watch';
import { NotificationCenter } from './notifications/center';
import { OsNotifier } from './notifications/notifier';
import { startRetention } from './retention-schedule';
import { electronSecretBox, SessionVault } from './secrets';
import { textsFor } from './texts';
import { AppTray } from './tray';
import { trayModel } from './tray-model';
import { unreadCount } from './unread';
import { Updater } from './updater';
import { createMainWindow, focusWindow, hardenSession, lockDownWebContents, openLinkOutside } from './window';

/**
 * The Electron main process: one instance, one sandboxed window, the desk service (sync engine
 * over the SQLite cache) behind IPC, tray, notifications, updates. Only wiring lives here; every
 * rule is in a plain module with its tests.
 */

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));
const PRODUCT_NAME = 'Go Personal Desk';

async function start(): Promise<void> {
  const files = appFiles(appRootOf(import.meta.url), { isPackaged: app.isPackaged, devUrl: process.env.GPD_RENDERER_URL });
  if (files.warning) log.warn(files.warning);

  let win: BrowserWindow | null = null;
  let quitting = false;
  let shutdown: 'no' | 'running' | 'done' = 'no';

  // Every webContents, whoever creates it, stays on our renderer and opens no windows.
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, files.renderer, log));

  await app.whenReady();
  if (process.platform === 'win32') app.setAppUserModelId('com.gopersonal.desk');
  const userData = userDataFiles(app.getPath('userData'));

  // ---- the desk: cache, engine, desktop API ----------------------------------------------------
  fs.mkdirSync(userData.cacheDir, { recursive: true });
  let store: SqliteStore;
  try {
    store = SqliteStore.open(path.join(userData.cacheDir, 'cache.db'), sqliteBinding({ isPackaged: app.isPackaged, env: process.env }));
  } catch (err) {
    log.error('the local cache could not be opened', err);
    dialog.showErrorBox('Go Personal Desk', `The local cache could not be opened: ${errorText(err)}.\n\nIn a development run, better-sqlite3 must be built for Electron (see main/README.md).`);
    app.exit(1);
    return;
  }
  const desk = await DeskService.create({
    store,
    host: {
      platform: 'desktop',
      appVersion: app.getVersion(),
      state: { load: () => readJsonFile(userData.deskState), save: (s) => writeJsonFile(userData.deskState, s) },
      session: new SessionVault(userData.session, electronSecretBox(safeStorage), log),
      openExternal: async (url) => {
        if (!(await openLinkOutside(url, log))) throw Object.assign(new Error('This link cannot be opened outside the app: only https links are.'), { code: 'invalid_input' });
      },
      warn: (message, err) => log.warn(`${message}: ${errorText(err)}`),
    },
  });
  // The cache keeps the last 3 months: a pass shortly after start, then daily.
  const retention = startRetention({ prune: (options) => store.prune(options), log });
  let state: DesktopState = await desk.getState({});
  const offered = launcherBackendUrl(process.env);
  if (offered && state.settings.baseUrl === null) state = { ...state, settings: await desk.setSettings({ baseUrl: offered }) };
  const userId = () => state.session?.userId ?? null;
  const backendOrigin = () => {
    try {
      return state.session ? new URL(state.session.baseUrl).origin : null;
    } catch {
      return null;
    }
  };

  // ---- window and IPC ----------------------------------------------------------------------------
  hardenSession(session.defaultSession, files.renderer, backendOrigin);
  registerDesktopIpc({ ipcMain, api: desk, renderer: files.renderer, window: () => win, log });
  forwardEventsToWindow(desk, () => win);

  const showWindow = () => {
    if (!win || win.isDestroyed()) openWindow();
    else focusWindow(win);
  };
  function openWindow(): void {
    win = createMainWindow({ files, windowStateFile: userData.windowState, log });
    win.on('focus', () => notifications.focused());
    // Closing the window keeps the app in the tray (notifications go on); Quit ends it.
    win.on('close', (event) => {
      if (quitting) return;
      event.preventDefault();
      win?.hide();
    });
    win.on('closed', () => (win = null));
  }
  app.on('second-instance', showWindow);
  app.on('activate', showWindow);

  // ---- notifications -----------------------------------------------------------------------------
  const notifier = new OsNotifier({
    icon: files.icon,
    log,
    onClick: (target) => {
      notifications.ticketOpened(target.ticketId);
      if (win && !win.isDestroyed()) {
        focusWindow(win);
        desk.openTicket(target);
        return;
      }
      // A new window hears the event only once its page has loaded.
      openWindow();
      win?.webContents.once('did-finish-load', () => desk.openTicket(target));
    },
  });
  const notifications = new NotificationCenter({
    source: {
      ticket: (id) => store.get('ticket', id)?.data ?? null,
      message: (id) => store.get('message', id)?.data ?? null,
      assignedTo: (id) => store.tickets({ states: ['open', 'waiting'] }).filter((t) => t.assigneeId === id).map((t) => t.id),
    },
    context: () => {
      const me = userId();
      return {
        focused: win !== null && !win.isDestroyed() && win.isFocused(),
        agentStatus: me ? desk.engine.query.agentStatus(me) : null,
        doNotDisturb: state.settings.doNotDisturb,
        language: state.settings.language,
      };
    },
    show: (n) => notifier.show(n),
  });
  notifications.reset(userId());

  // ---- updates -----------------------------------------------------------------------------------
  const updater = new Updater({
    log,
    isPackaged: app.isPackaged,
    onReady: () => refreshTray(),
    beforeRestart: () => (quitting = true),
    ask: async (version) => {
      const t = textsFor(state.settings.language);
      const options = { type: 'info' as const, title: t.updateReadyTitle, message: t.updateReadyTitle, detail: t.updateReadyBody(version), buttons: [t.restartNow, t.later], defaultId: 0, cancelId: 1 };
      const answer = win && !win.isDestroyed() ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
      return answer.response === 0;
    },
  });

  // ---- tray ----------------------------------------------------------------------------------------
  const tray = new AppTray(files.icon, {
    open: showWindow,
    setStatus: (status) => void desk.setStatus({ status }).catch((err: unknown) => log.warn(`tray: status not changed: ${errorText(err)}`)),
    restartToUpdate: () => updater.restartToInstall(),
    quit: () => {
      quitting = true;
      app.quit();
    },
  });
  const refreshTray = () => {
    if (shutdown !== 'no') return;
    const me = userId();
    tray.update(trayModel({
      language: state.settings.language,
      connection: state.engine.state,
      signedIn: state.session !== null,
      agentStatus: me ? desk.engine.query.agentStatus(me) : null,
      unread: unreadCount({ tickets: (q) => desk.engine.query.tickets(q), messages: (id, limit) => store.messages(id, limit), readMarker: (id) => desk.engine.query.readMarker(id) }, me),
      updateReady: updater.readyVersion,
    }));
  };
  let trayTimer: NodeJS.Timeout | null = null;
  const refreshTraySoon = () => {
    trayTimer ??= setTimeout(() => {
      trayTimer = null;
      refreshTray();
    }, 300);
  };

  // ---- what the desk reports -------------------------------------------------------------------------
  desk.on('state', (next) => {
    const userChanged = next.session?.userId !== state.session?.userId;
    state = next;
    if (userChanged) notifications.reset(userId());
    if (next.session && next.engine.state === 'online') updater.signedIn(next.session.baseUrl);
    if (!next.session) updater.signedOut();
    refreshTraySoon();
  });
  desk.on('changes', (changes) => {
    notifications.changes(changes);
    refreshTraySoon();
  });
  desk.on('reset', () => {
    notifications.reset(userId());
    refreshTraySoon();
  });

  // ---- network -------------------------------------------------------------------------------------
  const network = new NetworkWatch({ isOnline: () => net.isOnline(), onChange: (online) => desk.engine.networkChanged(online) });
  powerMonitor.on('resume', () => network.wake());

  // ---- quitting: stop the connection, then close the cache -------------------------------------------
  app.on('before-quit', (event) => {
    quitting = true;
    if (shutdown === 'done') return;
    event.preventDefault();
    if (shutdown === 'running') return;
    shutdown = 'running';
    network.stop();
    retention.stop();
    notifications.stop();
    notifier.closeAll();
    updater.stop();
    const settle = new Promise((resolve) => setTimeout(resolve, 3000));
    void Promise.race([desk.close(), settle])
      .catch((err: unknown) => log.warn(`quit: the connection did not stop cleanly: ${errorText(err)}`))
      .finally(() => {
        store.close();
        tray.destroy();
        shutdown = 'done';
        app.quit();
      });
  });

  openWindow();
  refreshTray();
  if (state.session && state.engine.state === 'online') updater.signedIn(state.session.baseUrl);
  log.info(`started ${app.getVersion()} (${app.isPackaged ? 'installed' : 'development'}); renderer ${files.renderer.url}`);
}

// Started as `electron out/main/index.js` (not `electron .`), Electron does not read our
// package.json: keep the name, and so the userData folder, ours anyway.
if (app.getName() !== PRODUCT_NAME) {
  app.setName(PRODUCT_NAME);
  app.setPath('userData', path.join(app.getPath('appData'), PRODUCT_NAME));
}
// All renderers sandboxed, whatever their webPreferences say.
app.enableSandbox();
if (!app.requestSingleInstanceLock()) {
  // Another instance runs: it shows its window (second-instance) and this one leaves.
  app.quit();
} else {
  start().catch((err: unknown) => {
    log.error('the app could not start', err);
    dialog.showErrorBox('Go Personal Desk', `The app could not start: ${errorText(err)}`);
    app.exit(1);
  });
}
