// Builds the Node-side bundles into out/ (the renderer has its own Vite build into out/renderer):
//   out/server/main.js, out/server/admin.js   backend service and admin CLI (ESM)
//   out/server/migrations/                    SQL migrations, found next to the bundle at runtime
//   out/main/index.js                         Electron main process (ESM), when main/ has code
//   out/preload/index.cjs                     preload script (CommonJS: sandboxed preloads
//                                             cannot be ES modules), when preload/ has code
// Usage: node scripts/build.mjs   (npm run build runs tsc -b first)
import fs from 'node:fs';
import { builtinModules } from 'node:module';
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
    const result = await build({
      ...common,
      entryPoints: [at('main/index.ts')],
      outfile: at('out/main/index.js'),
      format: 'esm',
      // npm packages stay in node_modules: bundled CommonJS inside an ES module cannot require()
      // Node built-ins, and better-sqlite3 is native. The installer packs the production
      // dependencies (electron-builder.yml); checkDesktopImports makes sure that is all we use.
      packages: 'external',
      metafile: true,
    });
    checkDesktopImports(result.metafile, 'out/main/index.js');
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

/**
 * The main bundle may import only what the installer carries: Node built-ins, electron, and the
 * production dependencies of package.json (devDependencies are not packed).
 */
function checkDesktopImports(metafile, outfile) {
  const manifest = JSON.parse(fs.readFileSync(at('package.json'), 'utf8'));
  const allowed = new Set(['electron', ...Object.keys(manifest.dependencies ?? {})]);
  const packageOf = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
  const output = metafile.outputs[outfile];
  const missing = new Set();
  for (const imp of output?.imports ?? []) {
    if (!imp.external || imp.path.startsWith('node:')) continue;
    const name = packageOf(imp.path);
    if (!allowed.has(name) && !builtinModules.includes(name)) missing.add(name);
  }
  if (missing.size > 0) {
    throw new Error(`${outfile} imports ${[...missing].join(', ')}, which the installer would not carry: add them to "dependencies" in package.json, or stop importing them from main/.`);
  }
}

try {
  await buildServer();
  await buildDesktop();
} catch (err) {
  console.error(`build failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
