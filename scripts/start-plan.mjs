// Pure decisions of `npm start` (scripts/start.mjs), kept apart so they can be tested.
import path from 'node:path';

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

/** Where `npm start` keeps better-sqlite3 built for Electron, apart from the Node build the tests use. */
export const ELECTRON_NATIVE_DIR = 'out/electron-native';
/** Where Electron's headers come from when better-sqlite3 is compiled for it. */
export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

/** npm settings that would make a native build target Node instead of Electron (`nodedir`: Node's headers). */
const NODE_TARGETING = /^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch)$/i;

/**
 * Whether better-sqlite3 must be built (again) for Electron, and with what environment: a build is
 * reused while Electron, better-sqlite3, the platform and the architecture are those it was made
 * for. The environment makes prebuild-install fetch, or node-gyp compile, the Electron flavour;
 * whatever the user's npm settings point at Node (a `nodedir` with Node's headers) is left out.
 * @param {{ electronVersion: string, sqliteVersion: string, platform: string, arch: string, held: unknown, bindingExists: boolean, env: Record<string, string | undefined> }} s
 *   held: the stamp the last successful build left (parsed JSON), or null; env: the inherited environment
 * @returns {{ build: false } | { build: true, stamp: Record<string, string>, env: Record<string, string | undefined> }}
 */
export function nativeBuildPlan(s) {
  const stamp = { electron: s.electronVersion, betterSqlite3: s.sqliteVersion, platform: s.platform, arch: s.arch };
  const held = s.held && typeof s.held === 'object' ? s.held : {};
  if (s.bindingExists && Object.entries(stamp).every(([k, v]) => held[k] === v)) return { build: false };
  const inherited = Object.fromEntries(Object.entries(s.env).filter(([k]) => !NODE_TARGETING.test(k)));
  return {
    build: true,
    stamp,
    env: {
      ...inherited,
      npm_config_runtime: 'electron',
      npm_config_target: s.electronVersion,
      npm_config_disturl: ELECTRON_HEADERS_URL,
      npm_config_arch: s.arch,
      npm_config_target_arch: s.arch,
    },
  };
}

/**
 * The one line saying why better-sqlite3 could not be built for Electron, from node-gyp's output.
 * @param {string} output  what the build printed (stdout and stderr)
 * @param {number | null} code
 * @param {string | null} signal
 * @param {string} electronVersion
 */
export function nativeBuildFailure(output, code, signal, electronVersion) {
  const lines = String(output).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const offline = lines.some((l) => /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH)\b|network connectivity/i.test(l));
  // node-gyp's error is the first "stack Error:" line; the rest is its stack and system report.
  const said = lines.find((l) => /^gyp ERR! stack Error:/.test(l))?.replace(/^gyp ERR! stack Error:\s*/, '')
    ?? lines.find((l) => /^Error:/.test(l))?.replace(/^Error:\s*/, '');
  const why = offline
    ? "no connection to download Electron's headers"
    : said ? said.slice(0, 160) : signal ? `stopped by ${signal}` : `exit code ${code}`;
  return `better-sqlite3 could not be prepared for Electron ${electronVersion} (${why})`;
}

/**
 * How to start the desktop app: `electron .` from the repository (so Electron reads our
 * package.json: its "main", name and version), told the backend and the Electron build of
 * better-sqlite3 through the environment.
 * @param {{ root: string, backendUrl: string, sqliteBinding: string, env: Record<string, string | undefined> }} s
 * @returns {{ args: string[], cwd: string, env: Record<string, string | undefined> }}  arguments for `node`
 */
export function electronLaunch(s) {
  return {
    args: [path.join(s.root, 'node_modules', 'electron', 'cli.js'), '.'],
    cwd: s.root,
    env: { ...s.env, GPD_BACKEND_URL: s.backendUrl, GPD_SQLITE_BINDING: s.sqliteBinding },
  };
}
