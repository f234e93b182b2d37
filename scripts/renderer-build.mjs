// Builds the renderer (out/renderer) when it is missing or older than its sources. Used by
// `npm start` and by the end-to-end tests' global setup.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rendererNeedsBuild } from './start-plan.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Newest modification time of the files under the folders (skipping build output, dependencies and tests). */
export function newestMtime(dirs) {
  let newest = 0;
  const walk = (p) => {
    let stat;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      if (/(^|[/\\])(node_modules|out|dist|\.data|\.demo-data)$/.test(p)) return;
      for (const name of fs.readdirSync(p)) walk(path.join(p, name));
    } else if (!/\.(test|spec)\.tsx?$/.test(p)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const d of dirs) walk(path.join(root, d));
  return newest;
}

export function mtimeOrNull(file) {
  try {
    return fs.statSync(path.join(root, file)).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * Runs `vite build renderer` when needed. Answers true when a build was made; throws when it failed.
 * @param {{ log?: (line: string) => void }} [opts]
 */
export function ensureRendererBuilt(opts = {}) {
  const log = opts.log ?? ((line) => console.log(line));
  const builtAt = mtimeOrNull('out/renderer/index.html');
  if (!rendererNeedsBuild({ builtAt, newestSource: newestMtime(['renderer', 'shared']) })) return false;
  log(builtAt === null ? 'Building the app (renderer) for the first time…' : 'The app changed since it was built: building the renderer again…');
  const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', 'renderer', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The renderer build failed (see above). Run `npm run build:renderer` to see the whole output.');
  return true;
}
