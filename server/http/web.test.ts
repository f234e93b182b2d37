import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { registerWeb, webContentSecurityPolicy } from './web';

const dirs: string[] = [];
function webDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gpd-web-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

let app: FastifyInstance | null = null;
async function serve(dir: string): Promise<FastifyInstance> {
  app = Fastify();
  await registerWeb(app, { dir });
  app.get('/api/v1/thing', async () => ({ ok: true }));
  return app;
}
afterEach(async () => {
  await app?.close();
  app = null;
});
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function expectSecurityHeaders(headers: Record<string, unknown>) {
  expect(headers['content-security-policy']).toBe(webContentSecurityPolicy);
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).not.toContain('unsafe-eval');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
}

describe('the web build served by the backend', () => {
  it('answers index.html at / and the hashed files under /assets, with the security headers', async () => {
    const web = await serve(webDir({ 'index.html': '<!doctype html><title>Go Personal Desk</title>', 'assets/index-abc123.js': 'console.log(1)' }));
    const page = await web.inject('/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<title>Go Personal Desk</title>');
    expect(page.headers['cache-control']).toBe('no-cache');
    expectSecurityHeaders(page.headers);

    const script = await web.inject('/assets/index-abc123.js');
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.headers['cache-control']).toContain('immutable');
    expectSecurityHeaders(script.headers);
  });

  it('leaves the API alone and serves nothing outside the build', async () => {
    const web = await serve(webDir({ 'index.html': 'x', 'assets/a.js': '1', 'assets/.secret': 's', 'private.txt': 'p' }));
    expect((await web.inject('/api/v1/thing')).json()).toEqual({ ok: true });
    expect((await web.inject('/assets/.secret')).statusCode).not.toBe(200);
    expect((await web.inject('/assets/../private.txt')).body).not.toBe('p');
    expect((await web.inject('/private.txt')).statusCode).toBe(404);
  });

  it('says how to build it when the build is missing', async () => {
    const web = await serve(path.join(os.tmpdir(), 'gpd-web-missing-' + process.pid));
    const page = await web.inject('/');
    expect(page.statusCode).toBe(503);
    expect(page.headers['content-type']).toMatch(/^text\/plain/);
    expect(page.body).toContain('npm run build:renderer');
    expectSecurityHeaders(page.headers);
  });
});
