import { describe, expect, it } from 'vitest';
import { backendUrlIn, electronFailure, electronPlan, parseVersion, rendererNeedsBuild } from '../scripts/start-plan.mjs';

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
