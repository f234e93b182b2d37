import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { isUpdateFileName } from '../http/routes/updates';
import { dbKinds } from './databases';
import { startTestServer, type TestServer } from './harness';

/** A GET with the path sent exactly as written (fetch would resolve "..", hiding traversal attempts). */
function rawGet(baseUrl: string, rawPath: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const LATEST = 'version: 0.2.0\nfiles:\n  - url: go-personal-desk-0.2.0-win-x64.exe\n    sha512: abc\n';
const INSTALLER = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251));

describe.each(dbKinds)('the update feed at /updates/ (%s)', (kind) => {
  let server: TestServer;
  let root: string;
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'gpd-updates-'));
    const dir = path.join(root, 'updates');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'latest.yml'), LATEST);
    fs.writeFileSync(path.join(dir, 'latest-linux.yml'), 'version: 0.2.0\n');
    fs.writeFileSync(path.join(dir, 'go-personal-desk-0.2.0-win-x64.exe'), INSTALLER);
    fs.writeFileSync(path.join(dir, 'go-personal-desk-0.2.0-win-x64.exe.blockmap'), 'blockmap');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not for download');
    fs.writeFileSync(path.join(dir, '.env'), 'SECRET=1');
    fs.writeFileSync(path.join(root, 'secret.yml'), 'outside the folder');
    fs.mkdirSync(path.join(dir, 'old.AppImage'));
    server = await startTestServer(kind, { UPDATES_DIR: dir });
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('serves the channel files, without a token and not to be cached', async () => {
    const res = await fetch(`${server.url}/updates/latest.yml`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(LATEST);
    expect(res.headers.get('cache-control')).toBe('public, max-age=0');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${server.url}/updates/latest-linux.yml`)).status).toBe(200);
  });

  it('serves installers whole and by byte range (differential download)', async () => {
    const whole = await fetch(`${server.url}/updates/go-personal-desk-0.2.0-win-x64.exe`);
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(INSTALLER);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const part = await fetch(`${server.url}/updates/go-personal-desk-0.2.0-win-x64.exe`, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(INSTALLER.subarray(100, 200));
    expect((await fetch(`${server.url}/updates/go-personal-desk-0.2.0-win-x64.exe.blockmap`)).status).toBe(200);
  });

  it('answers 404 for a release file that is not there', async () => {
    const res = await fetch(`${server.url}/updates/latest-mac.yml`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: expect.stringContaining('not in the update folder') } });
    expect((await fetch(`${server.url}/updates/old.AppImage`)).status).toBe(404);
  });

  it('serves nothing else that sits in the folder', async () => {
    for (const name of ['notes.txt', '.env', 'latest.yml.bak']) {
      const res = await fetch(`${server.url}/updates/${name}`);
      expect(res.status, name).toBe(404);
      expect(await res.text(), name).not.toMatch(/not for download|SECRET/);
    }
  });

  it('refuses paths out of the folder, however they are spelled', async () => {
    for (const attempt of ['/updates/../secret.yml', '/updates/..%2fsecret.yml', '/updates/%2e%2e%2fsecret.yml', '/updates/..%5csecret.yml', '/updates/%2e%2e/secret.yml', '/updates/sub/../../secret.yml']) {
      const res = await rawGet(server.url, attempt);
      expect(res.status, attempt).toBe(404);
      expect(res.body.toString(), attempt).not.toContain('outside the folder');
    }
  });
});

describe('update file names', () => {
  it.each(['latest.yml', 'latest-mac.yml', 'latest-linux-arm64.yml', 'go-personal-desk-0.2.0-win-x64.exe', 'a.dmg', 'a.zip', 'A-1.AppImage', 'a_1.deb', 'x.exe.blockmap'])('serves %s', (name) => {
    expect(isUpdateFileName(name)).toBe(true);
  });

  it.each(['', '.env', '..', '../latest.yml', 'a/b.exe', 'a\\b.exe', 'latest.yaml', 'latest.yml.bak', 'notes.txt', 'x.EXE', 'x..exe', '-x.exe', `${'a'.repeat(200)}.exe`])('refuses %j', (name) => {
    expect(isUpdateFileName(name)).toBe(false);
  });

  it('keeps the folder under DATA_DIR unless UPDATES_DIR says otherwise', () => {
    const base = path.resolve('/srv/gpd');
    expect(loadConfig({ DATA_DIR: 'data' }, base).updatesDir).toBe(path.join(base, 'data', 'updates'));
    expect(loadConfig({ DATA_DIR: 'data', UPDATES_DIR: 'releases' }, base).updatesDir).toBe(path.join(base, 'releases'));
  });
});
