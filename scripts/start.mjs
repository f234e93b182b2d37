// `npm start`: the demo (backend + WhatsApp emulator + seeded organisation) and the desktop app on
// it (`electron .`). Where Electron cannot start (Node older than 22.12, no binary and no download,
// no display, better-sqlite3 not buildable for it, or a failed launch), one line says why and the
// backend's web build is the app instead. better-sqlite3 for Electron is prepared in
// out/electron-native/ the first time (start-native.mjs), while the demo starts.
//
// Usage: npm start [-- --quiet] [-- --web]
//   --quiet   no simulated customers (passed to the demo)
//   --web     do not try the desktop app (also GPD_NO_ELECTRON=1)
// The demo's variables apply (PORT, EMULATOR_PORT, DATA_DIR, LOG_LEVEL): see the README.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { mtimeOrNull, newestMtime, ensureRendererBuilt } from './renderer-build.mjs';
import { prepareSqliteForElectron } from './start-native.mjs';
import { backendUrlIn, electronFailure, electronLaunch, electronPlan } from './start-plan.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...p) => path.join(root, ...p);
/** How long a just-launched Electron may take to fail before it counts as started. */
const STARTUP_GRACE_MS = 15_000;

const args = process.argv.slice(2);
const webOnly = args.includes('--web') || ['1', 'true', 'yes'].includes((process.env.GPD_NO_ELECTRON ?? '').toLowerCase());
const demoArgs = args.filter((a) => a !== '--web');

function buildRendererIfNeeded() {
  try {
    ensureRendererBuilt();
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}

/** The Electron main process bundle, built when missing or older than its sources. */
function buildDesktopIfNeeded() {
  const builtAt = Math.min(mtimeOrNull('out/main/index.js') ?? 0, mtimeOrNull('out/preload/index.cjs') ?? 0);
  if (builtAt > 0 && newestMtime(['main', 'preload', 'shared']) <= builtAt) return true;
  console.log('Building the desktop app (main process and preload)…');
  const result = spawnSync(process.execPath, [at('scripts/build.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (result.status === 0 && fs.existsSync(at('out/main/index.js'))) return true;
  const first = (result.stderr ?? '').split('\n').map((l) => l.trim()).find(Boolean) ?? `exit code ${result.status}`;
  console.log(`Desktop app not started: its build failed (${first.slice(0, 200)}). Run \`npm run build\` to see why.`);
  return false;
}

const children = { demo: null, electron: null, native: null };
let stopping = false;
let webUrl = null;

function stop(signal, code = 0) {
  if (stopping) return;
  stopping = true;
  children.electron?.kill('SIGTERM');
  children.native?.stop();
  const demo = children.demo;
  if (!demo || demo.exitCode !== null) process.exit(code);
  // The demo stops its parts in order on SIGINT (a terminal's Ctrl+C reaches it too: it stops once).
  demo.kill('SIGINT');
  setTimeout(() => {
    console.error('The demo did not stop within 30 s: ending it.');
    demo.kill('SIGKILL');
  }, 30_000).unref();
  demo.once('exit', () => process.exit(code));
  if (signal) console.log(`\n${signal}: stopping…`);
}

function serveWeb(reason) {
  console.log(`Desktop app not started: ${reason}.`);
  console.log(`Web app: ${webUrl}/  (same sign-ins as above; Ctrl+C stops everything)`);
}

/** Whether to try Electron at all; when so, better-sqlite3 for it is prepared meanwhile. */
const plan = electronPlan({
  nodeVersion: process.versions.node, platform: process.platform, env: process.env, noElectron: webOnly,
  electronInstalled: fs.existsSync(at('node_modules/electron/cli.js')), mainSource: fs.existsSync(at('main/index.ts')),
});
let nativeReady = null;
let nativeSettled = false;

function prepareNative() {
  if (!plan.launch) return;
  nativeReady = prepareSqliteForElectron({ root, onChild: (running) => (children.native = running) })
    .catch((err) => ({ ok: false, reason: `better-sqlite3 could not be prepared for Electron (${err instanceof Error ? err.message : String(err)})` }))
    .finally(() => (nativeSettled = true));
}

async function launchElectron() {
  if (!plan.launch) return serveWeb(plan.reason);
  if (!nativeSettled) console.log('The desktop app starts once better-sqlite3 is ready for Electron (a few minutes when it compiles)…');
  const native = await nativeReady;
  if (stopping) return;
  if (!native?.ok) return serveWeb(native?.reason ?? 'better-sqlite3 was not prepared for Electron');
  if (!buildDesktopIfNeeded()) return serveWeb('see the line above');
  console.log('Starting the desktop app (Electron)…');
  const launch = electronLaunch({ root, backendUrl: webUrl, sqliteBinding: native.binding, env: process.env });
  let child;
  try {
    child = spawn(process.execPath, launch.args, { cwd: launch.cwd, stdio: ['ignore', 'inherit', 'pipe'], env: launch.env });
  } catch (err) {
    return serveWeb(electronFailure(err instanceof Error ? err.message : String(err), null, null));
  }
  children.electron = child;
  // Until it has run for a while its complaints are held back: a failed start is told in one line.
  let started = false;
  let held = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => (started ? process.stderr.write(chunk) : (held += chunk)));
  const timer = setTimeout(() => {
    started = true;
    process.stderr.write(held);
    held = '';
    console.log(`Desktop app started. The web app is also at ${webUrl}/`);
  }, STARTUP_GRACE_MS);
  child.once('error', (err) => {
    clearTimeout(timer);
    children.electron = null;
    if (!stopping) serveWeb(electronFailure(err.message, null, null));
  });
  child.once('exit', (code, signal) => {
    clearTimeout(timer);
    children.electron = null;
    if (stopping) return;
    if (!started) return serveWeb(electronFailure(held, code, signal));
    if (code === 0) {
      console.log('The desktop app was closed: stopping the demo.');
      return stop(null, 0);
    }
    console.log(`The desktop app stopped (${signal ?? `exit code ${code}`}). Web app: ${webUrl}/  (Ctrl+C stops everything)`);
  });
}

function startDemo() {
  const demo = spawn(process.execPath, ['--import', 'tsx', at('server/demo/main.ts'), ...demoArgs], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
  children.demo = demo;
  let bannerEnding = false;
  readline.createInterface({ input: demo.stdout }).on('line', (line) => {
    console.log(line);
    webUrl ??= backendUrlIn(line);
    if (/^\s*Stop: Ctrl\+C/.test(line)) bannerEnding = true;
    else if (bannerEnding && /^─+$/.test(line)) {
      bannerEnding = false;
      if (webUrl) void launchElectron();
    }
  });
  demo.once('exit', (code, signal) => {
    if (stopping) return;
    // The demo said why (a port in use, a locked data folder…); nothing to add but the exit.
    children.electron?.kill('SIGTERM');
    process.exit(code ?? (signal ? 1 : 0));
  });
}

process.on('SIGINT', () => stop('SIGINT', 0));
process.on('SIGTERM', () => stop('SIGTERM', 0));
buildRendererIfNeeded();
prepareNative();
startDemo();
