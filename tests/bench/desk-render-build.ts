import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, type InlineConfig } from 'vite';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The bench page's build output: beside the app's (out/renderer), never inside it. */
export const benchOutDir = path.join(repoRoot, 'out/renderer-bench');
const STAMP = '.sources-hash';

/**
 * The bench page's own Vite build (root renderer/bench/). The app's build (`vite build renderer`,
 * renderer/vite.config.ts) has renderer/index.html as its only page, so this page never ships.
 * Same settings as the app's where they matter for speed: production mode, minified, chrome120.
 */
export function benchViteConfig(): InlineConfig {
  return {
    configFile: false,
    root: path.join(repoRoot, 'renderer/bench'),
    base: './',
    mode: 'production',
    logLevel: 'warn',
    plugins: [react()],
    build: {
      outDir: benchOutDir,
      emptyOutDir: true,
      target: 'chrome120',
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 1500,
      // Readable profiles in Chromium's performance panel and traces.
      sourcemap: true,
    },
  };
}

/** Files whose change calls for a new build: the renderer (page and app), shared/, the lockfile, this file. */
function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(p);
      } else if (!/\.(test|spec)\.tsx?$/.test(entry.name)) {
        out.push(p);
      }
    }
  };
  walk(path.join(repoRoot, 'renderer'));
  walk(path.join(repoRoot, 'shared'));
  out.push(path.join(repoRoot, 'package-lock.json'), fileURLToPath(import.meta.url));
  return out.sort();
}

/** A hash of the sources' paths and contents (mtimes change on checkout; contents say what matters). */
export function sourcesHash(): string {
  const hash = createHash('sha256');
  for (const file of sourceFiles()) {
    if (!fs.existsSync(file)) continue;
    hash.update(path.relative(repoRoot, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** Builds the bench page unless the last build came from the same sources. Answers whether it built. */
export async function ensureBenchBuilt(opts: { force?: boolean; log(line: string): void }): Promise<boolean> {
  const wanted = sourcesHash();
  const stamp = path.join(benchOutDir, STAMP);
  const built = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8').trim() : null;
  if (!opts.force && built === wanted && fs.existsSync(path.join(benchOutDir, 'index.html'))) return false;
  opts.log(built === null ? 'Building the desk bench page (out/renderer-bench)…' : 'The renderer changed since the bench page was built: building it again…');
  const started = Date.now();
  await build(benchViteConfig());
  fs.writeFileSync(stamp, `${wanted}\n`);
  opts.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return true;
}
