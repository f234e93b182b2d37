import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { captureWindowState, DEFAULT_SIZE, loadWindowState, MIN_SIZE, restoreWindowState, saveWindowState } from './window-state';

const laptop = { x: 0, y: 0, width: 1920, height: 1040 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('restoring the window where it was', () => {
  it('gives the default size, centred, when nothing (or garbage) was saved', () => {
    for (const saved of [null, undefined, 'x', { width: 'wide' }, { x: 1, y: 2 }, { width: -5, height: 10 }]) {
      expect(restoreWindowState(saved, [laptop])).toEqual({ ...DEFAULT_SIZE, maximized: false });
    }
  });

  it('puts the window back where it was, maximised or not', () => {
    const saved = { x: 2100, y: 80, width: 1400, height: 900, maximized: true };
    expect(restoreWindowState(saved, [laptop, rightMonitor])).toEqual(saved);
  });

  it('centres a window left on a monitor that is gone, keeping its size', () => {
    const saved = { x: 2100, y: 80, width: 1400, height: 900, maximized: false };
    expect(restoreWindowState(saved, [laptop])).toEqual({ width: 1400, height: 900, maximized: false });
  });

  it('centres a window whose title bar is above or below every screen', () => {
    expect(restoreWindowState({ x: 100, y: -500, width: 1000, height: 700, maximized: false }, [laptop])).not.toHaveProperty('x');
    expect(restoreWindowState({ x: 100, y: 1030, width: 1000, height: 700, maximized: false }, [laptop])).not.toHaveProperty('y');
  });

  it('keeps a window that hangs partly off screen while its title bar can still be grabbed', () => {
    const saved = { x: -300, y: 10, width: 1000, height: 700, maximized: false };
    expect(restoreWindowState(saved, [laptop])).toEqual(saved);
    // Only 50 px of the title bar visible: too little to grab.
    expect(restoreWindowState({ ...saved, x: -950 }, [laptop])).not.toHaveProperty('x');
  });

  it('shrinks a window larger than its screen and keeps it on that screen', () => {
    const small = { x: 0, y: 0, width: 1366, height: 728 };
    expect(restoreWindowState({ x: 200, y: 100, width: 1900, height: 1000, maximized: false }, [small])).toEqual({ x: 0, y: 0, width: 1366, height: 728, maximized: false });
  });

  it('never restores below the minimum size a screen allows', () => {
    expect(restoreWindowState({ x: 10, y: 10, width: 200, height: 100, maximized: false }, [laptop])).toEqual({ x: 10, y: 10, ...MIN_SIZE, maximized: false });
  });

  it('saves normal bounds and the maximised flag', () => {
    expect(captureWindowState({ x: 10.4, y: 20.6, width: 1000, height: 700 }, true)).toEqual({ x: 10, y: 21, width: 1000, height: 700, maximized: true });
  });
});

describe('the window state file', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips, and a damaged file reads as the default', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gpd-window-'));
    const file = path.join(dir, 'nested', 'window-state.json');
    expect(loadWindowState(file, [laptop])).toEqual({ ...DEFAULT_SIZE, maximized: false });
    saveWindowState(file, { x: 50, y: 60, width: 1200, height: 800, maximized: false });
    expect(loadWindowState(file, [laptop])).toEqual({ x: 50, y: 60, width: 1200, height: 800, maximized: false });
    fs.writeFileSync(file, '{"x": 5, "y"');
    expect(loadWindowState(file, [laptop])).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });
});
