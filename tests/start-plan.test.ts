import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  backendUrlIn, electronFailure, electronLaunch, electronPlan, nativeBuildFailure, nativeBuildPlan, parseVersion, rendererNeedsBuild,
} from '../scripts/start-plan.mjs';

const ready: Parameters<typeof electronPlan>[0] = { nodeVersion: '22.12.0', platform: 'linux', env: { DISPLAY: ':0' }, electronInstalled: true, mainSource: true, noElectron: false };

describe('npm start: whether to try the desktop app', () => {
  it('tries Electron where it can run', () => {
    expect(electronPlan(ready)).toEqual({ launch: true });
    expect(electronPlan({ ...ready, nodeVersion: 'v24.1.0' })).toEqual({ launch: true });
    expect(electronPlan({ ...ready, platform: 'darwin', env: {} })).toEqual({ launch: true });
    expect(electronPlan({ ...ready, env: { WAYLAND_DISPLAY: 'wayland-0' } })).toEqual({ launch: true });
  });

  it('says in one line why not, for each reason', () => {
    const why = (over: Partial<typeof ready>) => {
      const plan = electronPlan({ ...ready, ...over });
      if (plan.launch) throw new Error('expected no launch');
      expect(plan.reason).not.toContain('\n');
      return plan.reason;
    };
    expect(why({ nodeVersion: '20.20.2' })).toBe('Electron needs Node 22.12.0 or newer to start, and this is Node 20.20.2');
    expect(why({ nodeVersion: '22.11.9' })).toMatch(/needs Node 22\.12\.0/);
    expect(why({ electronInstalled: false })).toMatch(/electron package is not installed/);
    expect(why({ mainSource: false })).toMatch(/no main process/);
    expect(why({ env: {} })).toMatch(/no graphical display/);
    expect(why({ noElectron: true })).toMatch(/--web/);
  });

  it('reads versions', () => {
    expect(parseVersion('v22.12.0')).toEqual([22, 12, 0]);
    expect(parseVersion('24')).toEqual([24, 0, 0]);
  });
});

describe('npm start: building the renderer', () => {
  it('builds when there is no build or a source is newer', () => {
    expect(rendererNeedsBuild({ builtAt: null, newestSource: 1 })).toBe(true);
    expect(rendererNeedsBuild({ builtAt: 100, newestSource: 101 })).toBe(true);
    expect(rendererNeedsBuild({ builtAt: 100, newestSource: 100 })).toBe(false);
    expect(rendererNeedsBuild({ builtAt: 100, newestSource: 50 })).toBe(false);
  });
});

describe('npm start: a failed Electron launch in one line', () => {
  it('keeps the message and drops the stack', () => {
    const stderr = [
      'Downloading Electron binary...',
      '/work/node_modules/electron/index.js:13',
      "    throw new Error(",
      '    ^',
      '',
      'Error: Electron failed to install correctly. Please delete `node_modules/electron` and run "npx install-electron --no" manually.',
      '    at downloadElectron (/work/node_modules/electron/index.js:13:11)',
      '    at node:internal/main/run_main_module:28:49',
    ].join('\n');
    const line = electronFailure(stderr.replace('Downloading Electron binary...\n', ''), 1, null);
    expect(line).toBe('Electron did not start (Electron failed to install correctly. Please delete `node_modules/electron` and run "npx install-electron --no" manually.)');
    expect(line).not.toContain('\n');
  });

  it('falls back to the exit code or signal when nothing was said', () => {
    expect(electronFailure('', 127, null)).toBe('Electron did not start (it exited with code 127)');
    expect(electronFailure('\n', null, 'SIGSEGV')).toBe('Electron did not start (it was stopped by SIGSEGV)');
  });

  it('finds the backend in the demo banner', () => {
    expect(backendUrlIn('  Backend (REST + socket) http://127.0.0.1:3100')).toBe('http://127.0.0.1:3100');
    expect(backendUrlIn('  OpenAPI document        http://127.0.0.1:3100/api/openapi.json')).toBeNull();
  });
});

describe('npm start: better-sqlite3 built for Electron', () => {
  const facts = { electronVersion: '45.5.0', sqliteVersion: '12.11.1', platform: 'linux', arch: 'x64', bindingExists: true, env: {} };
  const stamp = { electron: '45.5.0', betterSqlite3: '12.11.1', platform: 'linux', arch: 'x64' };

  it('reuses the build made for this Electron and better-sqlite3, and builds again when either changed', () => {
    expect(nativeBuildPlan({ ...facts, held: stamp })).toEqual({ build: false });
    expect(nativeBuildPlan({ ...facts, held: { ...stamp, electron: '44.0.0' } }).build).toBe(true);
    expect(nativeBuildPlan({ ...facts, held: { ...stamp, betterSqlite3: '12.10.0' } }).build).toBe(true);
    expect(nativeBuildPlan({ ...facts, held: stamp, bindingExists: false }).build).toBe(true);
    expect(nativeBuildPlan({ ...facts, held: null }).build).toBe(true);
    expect(nativeBuildPlan({ ...facts, held: 'not json' }).build).toBe(true);
  });

  it("targets Electron's runtime and headers, whatever the user's npm settings point at", () => {
    const plan = nativeBuildPlan({
      ...facts, held: null,
      env: { PATH: '/usr/bin', npm_config_nodedir: '/usr', npm_config_target: '20.20.2', npm_config_cache: '/tmp/npm' },
    });
    if (!plan.build) throw new Error('expected a build');
    expect(plan.stamp).toEqual(stamp);
    expect(plan.env).toEqual({
      PATH: '/usr/bin', npm_config_cache: '/tmp/npm',
      npm_config_runtime: 'electron', npm_config_target: '45.5.0', npm_config_disturl: 'https://electronjs.org/headers',
      npm_config_arch: 'x64', npm_config_target_arch: 'x64',
    });
  });

  it('says in one line why the build failed: offline, a compile error, or just the exit', () => {
    const offline = [
      'gyp http GET https://electronjs.org/headers/v45.5.0/node-v45.5.0-headers.tar.gz',
      'gyp WARN install got an error, rolling back install',
      'gyp ERR! configure error',
      'gyp ERR! stack Error: This is most likely not a problem with node-gyp or the package itself and',
      'gyp ERR! stack is related to network connectivity. In most cases you are behind a proxy or have bad',
      'gyp ERR! stack at go (/usr/lib/node_modules/npm/node_modules/node-gyp/lib/install.js:244:21)',
      'gyp ERR! not ok',
    ].join('\n');
    expect(nativeBuildFailure(offline, 1, null, '45.5.0')).toBe("better-sqlite3 could not be prepared for Electron 45.5.0 (no connection to download Electron's headers)");
    const compile = ['make: *** [sqlite3.target.mk:150: Release/obj.target/sqlite3.o] Error 1', 'gyp ERR! build error', 'gyp ERR! stack Error: `make` failed with exit code: 2', 'gyp ERR! stack at ChildProcess.<anonymous>'].join('\n');
    expect(nativeBuildFailure(compile, 1, null, '45.5.0')).toBe('better-sqlite3 could not be prepared for Electron 45.5.0 (`make` failed with exit code: 2)');
    expect(nativeBuildFailure('', 1, null, '45.5.0')).toBe('better-sqlite3 could not be prepared for Electron 45.5.0 (exit code 1)');
    expect(nativeBuildFailure(compile, null, 'SIGTERM', '45.5.0')).not.toContain('\n');
  });

  it('starts `electron .` from the repository with the backend and the Electron build of better-sqlite3', () => {
    const launch = electronLaunch({ root: '/repo', backendUrl: 'http://127.0.0.1:3100', sqliteBinding: '/repo/out/electron-native/better-sqlite3/build/Release/better_sqlite3.node', env: { PATH: '/usr/bin' } });
    expect(launch.args).toEqual([path.join('/repo', 'node_modules', 'electron', 'cli.js'), '.']);
    expect(launch.cwd).toBe('/repo');
    expect(launch.env).toEqual({ PATH: '/usr/bin', GPD_BACKEND_URL: 'http://127.0.0.1:3100', GPD_SQLITE_BINDING: '/repo/out/electron-native/better-sqlite3/build/Release/better_sqlite3.node' });
  });
});
