// better-sqlite3 built for Electron, for `npm start` (scripts/start.mjs). The repository's
// node_modules/better-sqlite3 is built for Node and used by the tests: it is copied to
// out/electron-native/better-sqlite3 and built there for Electron the way its install script
// builds it for Node (prebuild-install's download, else node-gyp against Electron's headers).
// Made once per Electron and better-sqlite3 version; the decisions are in start-plan.mjs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ELECTRON_NATIVE_DIR, nativeBuildFailure, nativeBuildPlan } from './start-plan.mjs';

/** A compile takes a few minutes on a slow machine; longer means it is stuck. */
const BUILD_TIMEOUT_MS = 20 * 60_000;

function versionOf(root, name) {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** npm's own node-gyp: npm names it to the scripts it runs (`npm start`), else it sits beside npm. */
function nodeGypScript() {
  const candidates = [
    process.env.npm_config_node_gyp,
    process.env.npm_execpath && path.join(path.dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((file) => file && fs.existsSync(file)) ?? null;
}

/** better-sqlite3's own prebuild-install (a dependency of it), or null. */
function prebuildInstallScript(packageDir) {
  try {
    return createRequire(path.join(packageDir, 'package.json')).resolve('prebuild-install/bin.js');
  } catch {
    return null;
  }
}

/** Runs `node <args>` in `cwd`; resolves with its exit and everything it printed. */
function run(args, { cwd, env, onChild }) {
  return new Promise((resolve) => {
    let output = '';
    let settled = false;
    let timer = null;
    const finish = (code, signal) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      onChild(null);
      resolve({ code, signal, output });
    };
    let child;
    try {
      // Its own process group, so that stopping it stops the compiler it runs too.
      child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    } catch (err) {
      output = `Error: ${err instanceof Error ? err.message : String(err)}`;
      finish(null, null);
      return;
    }
    const stop = () => {
      try {
        if (process.platform === 'win32') child.kill('SIGTERM');
        else process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    };
    onChild({ stop });
    timer = setTimeout(stop, BUILD_TIMEOUT_MS);
    for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => (output += chunk));
    child.once('error', (err) => {
      output += `\nError: ${err.message}`;
      finish(null, null);
    });
    child.once('close', finish);
  });
}

/**
 * The path of better_sqlite3.node built for the installed Electron, building it when needed.
 * @param {{ root: string, onChild?: (running: { stop(): void } | null) => void }} o
 *   onChild: how to stop the build step that runs (with everything else on Ctrl+C), then null
 * @returns {Promise<{ ok: true, binding: string } | { ok: false, reason: string }>}
 */
export async function prepareSqliteForElectron({ root, onChild = () => {} }) {
  const base = path.join(root, ELECTRON_NATIVE_DIR);
  const dir = path.join(base, 'better-sqlite3');
  const binding = path.join(dir, 'build', 'Release', 'better_sqlite3.node');
  const stampFile = path.join(base, 'better-sqlite3.json');
  let electronVersion;
  let plan;
  try {
    electronVersion = versionOf(root, 'electron');
    plan = nativeBuildPlan({
      electronVersion, sqliteVersion: versionOf(root, 'better-sqlite3'), platform: process.platform, arch: process.arch,
      held: readJson(stampFile), bindingExists: fs.existsSync(binding), env: process.env,
    });
  } catch (err) {
    return { ok: false, reason: `better-sqlite3 could not be prepared for Electron (${err instanceof Error ? err.message : String(err)})` };
  }
  if (!plan.build) return { ok: true, binding };

  console.log(`Preparing better-sqlite3 for Electron ${electronVersion} in ${ELECTRON_NATIVE_DIR}/ (first start only; downloads from the internet)…`);
  try {
    fs.rmSync(base, { recursive: true, force: true });
    const source = path.join(root, 'node_modules', 'better-sqlite3');
    const nodeBuild = path.join(source, 'build');
    fs.cpSync(source, dir, { recursive: true, filter: (src) => src !== nodeBuild && !src.startsWith(nodeBuild + path.sep) });
  } catch (err) {
    return { ok: false, reason: `better-sqlite3 could not be copied to ${ELECTRON_NATIVE_DIR} (${err instanceof Error ? err.message : String(err)})` };
  }

  const step = { cwd: dir, env: plan.env, onChild };
  // A prebuilt binary when one is published for this Electron (quick); else a compile.
  const prebuild = prebuildInstallScript(dir);
  let result = prebuild ? await run([prebuild], step) : null;
  if (!result || result.code !== 0 || !fs.existsSync(binding)) {
    const nodeGyp = nodeGypScript();
    if (!nodeGyp) return { ok: false, reason: `better-sqlite3 could not be prepared for Electron ${electronVersion} (no prebuilt binary, and npm's node-gyp was not found: run it through npm start)` };
    result = await run([nodeGyp, 'rebuild', '--release'], step);
    if (result.code !== 0 || !fs.existsSync(binding)) {
      return { ok: false, reason: nativeBuildFailure(result.output, result.code, result.signal, electronVersion) };
    }
  }
  fs.writeFileSync(stampFile, `${JSON.stringify(plan.stamp, null, 2)}\n`);
  return { ok: true, binding };
}
