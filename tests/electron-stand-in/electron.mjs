/* global process, Buffer */
// A stand-in for the `electron` module, so the real main-process bundle runs under plain Node
// (the Electron binary cannot start here). Every export is a recording proxy: any property is
// another proxy, any call or `new` is recorded and answers a proxy, except the values in `fixed`.
// Proxies are memoised by path, so `win.webContents` is the same object on every read (the IPC
// sender check compares identities). What the tests look at is kept in `globalThis.__standIn`.

const userData = process.env.STAND_IN_USER_DATA;
const record = {
  calls: [],
  windows: [],
  notifications: [],
  tooltips: [],
  sent: [],
  ipc: new Map(),
  appListeners: new Map(),
  opened: [],
  /** Listeners given to `notification.on(event, fn)`, last one last. */
  notificationListeners: [],
  proxy: (name) => proxy(name),
};
globalThis.__standIn = record;

const display = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const seal = (text) => Buffer.from(Buffer.from(text, 'utf8').toString('base64').split('').reverse().join(''), 'utf8');
const unseal = (buf) => Buffer.from(Buffer.from(buf).toString('utf8').split('').reverse().join(''), 'base64').toString('utf8');

const fixed = {
  'app.isPackaged': false,
  'app.getName()': 'Electron',
  'app.getVersion()': '0.1.0-stand-in',
  'app.getPath()': userData,
  'app.requestSingleInstanceLock()': true,
  'app.whenReady()': Promise.resolve(),
  'net.isOnline()': true,
  'screen.getPrimaryDisplay()': display,
  'screen.getAllDisplays()': [display],
  'Notification.isSupported()': true,
  'new BrowserWindow.isDestroyed()': false,
  'new BrowserWindow.isFocused()': false,
  'new BrowserWindow.isMinimized()': false,
  'new BrowserWindow.isVisible()': true,
  'new BrowserWindow.isMaximized()': false,
  'new BrowserWindow.loadFile()': Promise.resolve(),
  'new BrowserWindow.loadURL()': Promise.resolve(),
  'safeStorage.isAsyncEncryptionAvailable()': Promise.resolve(true),
  'safeStorage.getSelectedStorageBackend()': 'gnome_libsecret',
};

/** Calls whose arguments matter: kept, and some answered. */
const behaviour = {
  'ipcMain.handle': (channel, fn) => record.ipc.set(channel, fn),
  'ipcMain.removeHandler': (channel) => record.ipc.delete(channel),
  'app.on': (event, fn) => record.appListeners.set(event, [...(record.appListeners.get(event) ?? []), fn]),
  'new Tray.setToolTip': (text) => record.tooltips.push(text),
  'new BrowserWindow.webContents.send': (channel, payload) => record.sent.push([channel, payload]),
  'shell.openExternal': async (url) => record.opened.push(url),
  'new Notification.on': (event, fn) => record.notificationListeners.push({ event, fn }),
  'safeStorage.encryptStringAsync': async (text) => seal(text),
  'safeStorage.decryptStringAsync': async (buf) => ({ result: unseal(buf), shouldReEncrypt: false }),
};

const cache = new Map();
function proxy(name) {
  if (Object.hasOwn(fixed, name)) return fixed[name];
  if (cache.has(name)) return cache.get(name);
  const p = new Proxy(function standIn() {}, {
    get: (_t, prop) => {
      if (prop === 'then') return undefined;
      if (prop === Symbol.toPrimitive) return () => `[stand-in ${name}]`;
      if (typeof prop === 'symbol') return undefined;
      if (name === 'new BrowserWindow.webContents' && prop === 'mainFrame') return proxy('mainFrame');
      return proxy(`${name}.${prop}`);
    },
    apply: (_t, _this, args) => {
      record.calls.push(name);
      if (behaviour[name]) {
        const answer = behaviour[name](...args);
        return answer === undefined ? proxy(`${name}()`) : answer;
      }
      return proxy(`${name}()`);
    },
    construct: (_t, args) => {
      record.calls.push(`new ${name}`);
      if (name === 'BrowserWindow') record.windows.push(args[0]);
      if (name === 'Notification') record.notifications.push(args[0]);
      return proxy(`new ${name}`);
    },
  });
  cache.set(name, p);
  return p;
}

export const app = proxy('app');
export const dialog = proxy('dialog');
export const ipcMain = proxy('ipcMain');
export const net = proxy('net');
export const powerMonitor = proxy('powerMonitor');
export const safeStorage = proxy('safeStorage');
export const session = proxy('session');
export const BrowserWindow = proxy('BrowserWindow');
export const screen = proxy('screen');
export const shell = proxy('shell');
export const Notification = proxy('Notification');
export const Menu = proxy('Menu');
export const Tray = proxy('Tray');
export const nativeImage = proxy('nativeImage');
export default { app };
