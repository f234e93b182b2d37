import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appFiles, appRootOf, launcherBackendUrl, sqliteBinding } from './locations';

const appPath = path.resolve('/opt/Go Personal Desk/resources/app.asar');

describe('where the app loads its files from', () => {
  it('loads the built renderer as a file URL next to the preload', () => {
    const f = appFiles(appPath, { isPackaged: true });
    expect(f.preload).toBe(path.join(appPath, 'out/preload/index.cjs'));
    expect(f.renderer).toEqual({ kind: 'file', url: 'file:///opt/Go%20Personal%20Desk/resources/app.asar/out/renderer/index.html' });
    expect(f.warning).toBeNull();
  });

  it('uses a local dev server only in a development run', () => {
    expect(appFiles(appPath, { isPackaged: false, devUrl: 'http://localhost:5173' }).renderer).toEqual({ kind: 'dev', url: 'http://localhost:5173/' });
    const installed = appFiles(appPath, { isPackaged: true, devUrl: 'http://localhost:5173' });
    expect(installed.renderer.kind).toBe('file');
    expect(installed.warning).toMatch(/ignored in an installed app/);
  });

  it('refuses a dev server that is not on this machine or not http', () => {
    for (const devUrl of ['http://192.168.0.9:5173', 'https://localhost:5173', 'file:///tmp/index.html', 'nonsense']) {
      const f = appFiles(appPath, { isPackaged: false, devUrl });
      expect(f.renderer.kind, devUrl).toBe('file');
      expect(f.warning, devUrl).not.toBeNull();
    }
  });
});

describe('the app folder and launcher hints', () => {
  it('is two folders above the main bundle, however Electron was started', () => {
    expect(appRootOf(pathToFileURL(path.join(appPath, 'out/main/index.js')).href)).toBe(appPath);
  });

  it('takes a backend address from the launcher when it is an http(s) URL', () => {
    expect(launcherBackendUrl({ GPD_BACKEND_URL: 'http://127.0.0.1:3100/' })).toBe('http://127.0.0.1:3100');
    expect(launcherBackendUrl({ GPD_BACKEND_URL: 'javascript:alert(1)' })).toBeNull();
    expect(launcherBackendUrl({ GPD_BACKEND_URL: ' ' })).toBeNull();
    expect(launcherBackendUrl({})).toBeNull();
  });

  it('loads an Electron build of better-sqlite3 only in a development run that names one', () => {
    expect(sqliteBinding({ isPackaged: false, env: { GPD_SQLITE_BINDING: '/x/better_sqlite3.node' } })).toEqual({ nativeBinding: '/x/better_sqlite3.node' });
    expect(sqliteBinding({ isPackaged: true, env: { GPD_SQLITE_BINDING: '/x/better_sqlite3.node' } })).toEqual({});
    expect(sqliteBinding({ isPackaged: false, env: {} })).toEqual({});
  });
});
