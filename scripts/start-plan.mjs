// Pure decisions of `npm start` (scripts/start.mjs), kept apart so they can be tested.

/** Electron's own launcher (node_modules/electron/cli.js) needs this Node. */
export const ELECTRON_MIN_NODE = [22, 12, 0];

/** "20.20.2" → [20, 20, 2]. */
export function parseVersion(text) {
  const parts = String(text).replace(/^v/, '').split('.').map((n) => Number.parseInt(n, 10) || 0);
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];
}

function atLeast(version, min) {
  for (let i = 0; i < 3; i++) {
    if (version[i] !== min[i]) return version[i] > min[i];
  }
  return true;
}

/**
 * Whether the renderer must be built: no build yet, or a source newer than it.
 * @param {{ builtAt: number | null, newestSource: number }} s  mtimes in ms (builtAt: out/renderer/index.html)
 */
export function rendererNeedsBuild({ builtAt, newestSource }) {
  return builtAt === null || newestSource > builtAt;
}

/**
 * Whether to try the desktop app, or why not (one line, for the user).
 * @param {{ nodeVersion: string, platform: string, env: Record<string, string | undefined>, electronInstalled: boolean, mainSource: boolean, noElectron: boolean }} s
 * @returns {{ launch: true } | { launch: false, reason: string }}
 */
export function electronPlan(s) {
  if (s.noElectron) return { launch: false, reason: 'the desktop app was turned off (--web or GPD_NO_ELECTRON=1)' };
  if (!atLeast(parseVersion(s.nodeVersion), ELECTRON_MIN_NODE)) {
    return { launch: false, reason: `Electron needs Node ${ELECTRON_MIN_NODE.join('.')} or newer to start, and this is Node ${s.nodeVersion.replace(/^v/, '')}` };
  }
  if (!s.electronInstalled) return { launch: false, reason: 'the electron package is not installed (run npm install)' };
  if (!s.mainSource) return { launch: false, reason: 'the desktop app has no main process yet (main/index.ts)' };
  if (s.platform === 'linux' && !s.env.DISPLAY && !s.env.WAYLAND_DISPLAY) {
    return { launch: false, reason: 'there is no graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  }
  return { launch: true };
}

/**
 * The one line saying why Electron stopped, from what it printed (no stack trace).
 * @param {string} stderr  what the Electron launcher wrote
 * @param {number | null} code
 * @param {string | null} signal
 */
export function electronFailure(stderr, code, signal) {
  const lines = String(stderr).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  // Stack frames and source excerpts say nothing to a user: keep the first message line.
  const message = lines.find((l) => !/^at\s/.test(l) && !/^[\^~\s]+$/.test(l) && !/^(node:)?internal\//.test(l) && !/^\S+\.(c?js|mjs):\d+$/.test(l) && !/^throw\s/.test(l));
  const why = message ? message.replace(/^(Uncaught\s+)?(Error|TypeError):\s*/, '').slice(0, 200) : signal ? `it was stopped by ${signal}` : `it exited with code ${code}`;
  return `Electron did not start (${why})`;
}

/**
 * The demo's backend URL from its banner line ("Backend (REST + socket)   http://…"), or null.
 * @param {string} line
 */
export function backendUrlIn(line) {
  const m = /Backend \(REST \+ socket\)\s+(https?:\/\/\S+)/.exec(line);
  return m ? m[1] : null;
}
