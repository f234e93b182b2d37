import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The renderer's web build at `/` (wall screens, end-to-end tests), with its security headers.
 * The policy is narrower than the page's own meta tag (renderer/index.html), which also has to
 * let Electron reach a backend chosen at sign-in: here everything comes from this backend.
 */
export const webContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  // MUI (emotion) inserts <style> elements.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob: data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders: Record<string, string> = {
  'content-security-policy': webContentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

/** Where `npm run build:renderer` writes: out/renderer, seen from this file or from the bundle in out/server. */
export function defaultWebDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../../out/renderer'), path.resolve(here, '../renderer')];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html'))) ?? candidates[0]!;
}

const missingBuild = (dir: string) =>
  `The web app has not been built yet (no ${path.join(dir, 'index.html')}).\n` +
  'Run `npm run build:renderer` in the repository, then restart the backend (`npm start` does both).\n';

function withSecurityHeaders(reply: FastifyReply): FastifyReply {
  for (const [name, value] of Object.entries(securityHeaders)) void reply.header(name, value);
  return reply;
}

/** Serves `index.html` at `/` and the hashed files under `/assets/`; a plain message when the build is missing. */
export async function registerWeb(app: FastifyInstance, opts: { dir?: string } = {}): Promise<void> {
  const dir = opts.dir ?? defaultWebDir();
  const assets = path.join(dir, 'assets');
  const serveIndex = async (_req: unknown, reply: FastifyReply) => {
    withSecurityHeaders(reply);
    if (!fs.existsSync(path.join(dir, 'index.html'))) {
      return reply.status(503).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(missingBuild(dir));
    }
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(fs.createReadStream(path.join(dir, 'index.html')));
  };
  app.get('/', { schema: { hide: true } }, serveIndex);
  app.get('/index.html', { schema: { hide: true } }, serveIndex);
  // Without a build at start there is nothing to serve under /assets: `/` says how to build it.
  if (!fs.existsSync(assets)) return;
  await app.register(fastifyStatic, {
    root: assets,
    prefix: '/assets/',
    index: false,
    dotfiles: 'deny',
    // File names carry a content hash: a new build has new names.
    immutable: true,
    maxAge: '365d',
    setHeaders: (reply: FastifyReply) => void withSecurityHeaders(reply),
  });
}
