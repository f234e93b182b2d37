// Builds the Node-side bundles into out/ (the renderer has its own Vite build into out/renderer):
//   out/server/main.js, out/server/admin.js   backend service and admin CLI (ESM)
//   out/server/migrations/                    SQL migrations, found next to the bundle at runtime
//   out/main/index.js                         Electron main process (ESM), when main/ has code
//   out/preload/index.cjs                     preload script (CommonJS: sandboxed preloads
//                                             cannot be ES modules), when preload/ has code
// Usage: node scripts/build.mjs   (npm run build runs tsc -b first)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...p) => path.join(root, ...p);
const exists = (p) => fs.existsSync(at(p));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  tsconfig: at('tsconfig.node.json'),
  logLevel: 'warning',
  absWorkingDir: root,
};

async function buildServer() {
  const entries = { main: 'server/main.ts', admin: 'server/cli/admin.ts' };
  const missing = Object.values(entries).filter((e) => !exists(e));
  if (missing.length > 0) throw new Error(`missing server entry point(s): ${missing.join(', ')}`);

  fs.rmSync(at('out/server'), { recursive: true, force: true });
  await build({
    ...common,
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, at(file)])),
    outdir: at('out/server'),
    format: 'esm',
    // Dependencies stay in node_modules (native argon2, PGlite's wasm, pg...): only our code is bundled.
    packages: 'external',
  });
  fs.cpSync(at('server/db/migrations'), at('out/server/migrations'), { recursive: true });
  console.log('built out/server (main.js, admin.js, migrations/)');
}

async function buildDesktop() {
  if (exists('main/index.ts')) {
    fs.rmSync(at('out/main'), { recursive: true, force: true });
    await build({
      ...common,
      entryPoints: [at('main/index.ts')],
      outfile: at('out/main/index.js'),
      format: 'esm',
      // electron is provided by the runtime; better-sqlite3 is native (asarUnpack in
      // electron-builder.yml). Everything else is bundled, so the installer needs no node_modules
      // beyond those.
      external: ['electron', 'better-sqlite3'],
    });
    console.log('built out/main/index.js');
  }
  if (exists('preload/index.ts')) {
    fs.rmSync(at('out/preload'), { recursive: true, force: true });
    await build({
      ...common,
      entryPoints: [at('preload/index.ts')],
      outfile: at('out/preload/index.cjs'),
      format: 'cjs',
      external: ['electron'],
    });
    console.log('built out/preload/index.cjs');
  }
}

try {
  await buildServer();
  await buildDesktop();
} catch (err) {
  console.error(`build failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
