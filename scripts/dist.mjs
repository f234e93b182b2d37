// Desktop installers, on a packaging machine (Node >= 22.12 and internet: electron-builder
// downloads Electron and builds better-sqlite3 for it). Run through `npm run dist`, which builds
// first. Never from npm install, npm test or CI.
//
// 1. Stages the app in out/app/: a package.json with the production dependencies only (pinned to
//    the versions installed here) and the built output (out/main, out/preload, out/renderer) plus
//    assets/. electron-builder installs those dependencies inside out/app/node_modules and builds
//    better-sqlite3 there for Electron's ABI: the repository's own node_modules, whose
//    better-sqlite3 is built for Node and used by the tests, is never touched.
// 2. Runs electron-builder with electron-builder.yml (directories.app = out/app).
//
// Usage: node scripts/dist.mjs [--stage-only] [electron-builder options, e.g. --linux AppImage]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...p) => path.join(root, ...p);
const stageDir = at('out', 'app');
const args = process.argv.slice(2);
const stageOnly = args.includes('--stage-only');
const builderArgs = args.filter((a) => a !== '--stage-only');

function fail(message) {
  console.error(`dist: ${message}`);
  process.exit(1);
}

function installedVersion(name) {
  const file = at('node_modules', name, 'package.json');
  if (!fs.existsSync(file)) fail(`${name} is not installed: run npm install first`);
  return JSON.parse(fs.readFileSync(file, 'utf8')).version;
}

function stage() {
  const manifest = JSON.parse(fs.readFileSync(at('package.json'), 'utf8'));
  const needed = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'assets/icon.png'];
  const missing = needed.filter((f) => !fs.existsSync(at(f)));
  if (missing.length > 0) fail(`missing ${missing.join(', ')}: run npm run build (and the renderer build into out/renderer) first`);

  fs.rmSync(stageDir, { recursive: true, force: true });
  fs.mkdirSync(stageDir, { recursive: true });
  const app = {
    name: manifest.name,
    productName: manifest.productName,
    version: manifest.version,
    description: manifest.description,
    author: { name: 'Go Personal', email: 'desk@gopersonal.example' },
    license: 'UNLICENSED',
    private: true,
    type: manifest.type,
    main: manifest.main,
    engines: manifest.engines,
    dependencies: Object.fromEntries(Object.keys(manifest.dependencies ?? {}).sort().map((name) => [name, installedVersion(name)])),
    allowScripts: { 'better-sqlite3': true },
  };
  fs.writeFileSync(path.join(stageDir, 'package.json'), `${JSON.stringify(app, null, 2)}\n`);
  for (const dir of ['out/main', 'out/preload', 'out/renderer', 'assets']) {
    fs.cpSync(at(dir), path.join(stageDir, dir), { recursive: true, filter: (src) => !src.endsWith('.map') });
  }
  console.log(`staged ${path.relative(root, stageDir)} (${Object.entries(app.dependencies).map(([n, v]) => `${n}@${v}`).join(', ')})`);
}

stage();
if (stageOnly) process.exit(0);

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  fail(`electron-builder 26 needs Node >= 22.12 (this is ${process.versions.node}). Package on a machine with a newer Node and internet access; see docs/deployment.md.`);
}
const run = spawnSync('npx', ['--yes', 'electron-builder@26', '--config', 'electron-builder.yml', ...builderArgs], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(run.status ?? 1);
