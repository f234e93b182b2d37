import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './json-file';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where the window was: its normal (not maximised) bounds, and whether it was maximised. */
export interface WindowState {
  /** Absent: let the OS centre the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
export const MIN_SIZE = { width: 800, height: 560 } as const;
/** How much of the window's top band (the title bar) must lie on a screen to be grabbable. */
const GRAB = { width: 120, height: 32 } as const;

const storedSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean().default(false),
});

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/**
 * The state to open the window with, from what was saved and the screens there are now
 * (their work areas, primary first). A window whose title bar would be off every screen (a
 * monitor was unplugged, the resolution changed) is centred instead; a size larger than its
 * screen shrinks to fit; anything unreadable gives the default.
 */
export function restoreWindowState(saved: unknown, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const parsed = storedSchema.safeParse(saved);
  const fit = (size: { width: number; height: number }, area: Rect) => ({
    width: Math.max(Math.min(MIN_SIZE.width, area.width), Math.min(size.width, area.width)),
    height: Math.max(Math.min(MIN_SIZE.height, area.height), Math.min(size.height, area.height)),
  });
  if (!parsed.success) return { ...fit(DEFAULT_SIZE, primary), maximized: false };
  const s = parsed.data;
  if (s.x === undefined || s.y === undefined) return { ...fit(s, primary), maximized: s.maximized };
  const titleBar: Rect = { x: s.x, y: s.y, width: s.width, height: GRAB.height };
  const screen = workAreas.find((area) => {
    const o = overlap(titleBar, area);
    return o.width >= Math.min(GRAB.width, s.width) && o.height >= GRAB.height;
  });
  if (!screen) return { ...fit(s, primary), maximized: s.maximized };
  const size = fit(s, screen);
  // Shrunk to its screen: keep it on that screen.
  const x = Math.min(Math.max(s.x, screen.x), screen.x + screen.width - size.width);
  const y = Math.min(Math.max(s.y, screen.y), screen.y + screen.height - size.height);
  return { x: size.width === s.width ? s.x : x, y: size.height === s.height ? s.y : y, ...size, maximized: s.maximized };
}

/** What to save: the normal bounds even while maximised, so un-maximising goes back there. */
export function captureWindowState(normalBounds: Rect, maximized: boolean): WindowState {
  return { x: Math.round(normalBounds.x), y: Math.round(normalBounds.y), width: Math.round(normalBounds.width), height: Math.round(normalBounds.height), maximized };
}

export function loadWindowState(file: string, workAreas: readonly Rect[]): WindowState {
  return restoreWindowState(readJsonFile(file), workAreas);
}

export function saveWindowState(file: string, state: WindowState): void {
  writeJsonFile(file, state);
}
