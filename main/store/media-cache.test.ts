import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MediaCache } from './media-cache';

describe('MediaCache', () => {
  let dir: string;
  let clock: number;
  const now = () => clock;
  const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill);
  const open = (maxBytes: number) => MediaCache.open({ dir, maxBytes, now });
  const files = () => fs.readdirSync(dir).sort();

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gpd-media-'));
    clock = Date.UTC(2026, 0, 1);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores a file under a key and gives its path back, with its extension', async () => {
    const cache = await open(1000);
    const file = await cache.put('thumb:media-1', bytes(10, 7), 'jpg');
    expect(file).toMatch(/\.jpg$/);
    expect(cache.path('thumb:media-1')).toBe(file);
    expect(fs.readFileSync(file!)).toEqual(Buffer.from(bytes(10, 7)));
    expect(cache.path('thumb:media-2')).toBeNull();
    expect(cache.usedBytes).toBe(10);
  });

  it('drops the least recently used files when a new one passes the limit', async () => {
    const cache = await open(300);
    for (const k of ['a', 'b', 'c']) {
      clock += 1000;
      await cache.put(k, bytes(100));
    }
    clock += 1000;
    expect(cache.path('a')).not.toBeNull();
    clock += 1000;
    await cache.put('d', bytes(100));
    expect(['a', 'b', 'c', 'd'].map((k) => cache.path(k) !== null)).toEqual([true, false, true, true]);
    expect(cache.usedBytes).toBe(300);
    expect(files()).toHaveLength(3);
  });

  it('does not cache a file larger than the whole limit, and keeps the others', async () => {
    const cache = await open(150);
    await cache.put('small', bytes(100));
    expect(await cache.put('huge', bytes(151))).toBeNull();
    expect(cache.path('small')).not.toBeNull();
    expect(cache.path('huge')).toBeNull();
  });

  it('replaces a key in place, counting only the new size', async () => {
    const cache = await open(1000);
    await cache.put('k', bytes(100), 'png');
    const file = await cache.put('k', bytes(40), 'jpg');
    expect(cache.usedBytes).toBe(40);
    expect(files()).toEqual([path.basename(file!)]);
  });

  it('keeps the use order across a restart, forgets half-written files, and trims to a lower limit', async () => {
    const first = await open(1000);
    for (const k of ['old', 'mid', 'new']) {
      clock += 1000;
      await first.put(k, bytes(100));
    }
    clock += 1000;
    first.path('old');
    fs.writeFileSync(path.join(dir, 'abc.partial-1234'), 'half');

    const again = await open(200);
    expect(files()).toHaveLength(2);
    expect(['old', 'mid', 'new'].map((k) => again.path(k) !== null)).toEqual([true, false, true]);
    again.setMaxBytes(100);
    expect(again.path('old')).toBeNull();
    expect(again.path('new')).not.toBeNull();
  });

  it('never lets a key choose where the file goes', async () => {
    const cache = await open(1000);
    const file = await cache.put('../../etc/passwd', bytes(5), '../x');
    expect(path.dirname(file!)).toBe(dir);
    expect(path.extname(file!)).toBe('');
  });

  it('forgets a file removed behind its back, and clears everything on request', async () => {
    const cache = await open(1000);
    const file = await cache.put('a', bytes(10));
    await cache.put('b', bytes(10));
    fs.rmSync(file!);
    expect(cache.path('a')).toBeNull();
    expect(cache.usedBytes).toBe(10);
    cache.clear();
    expect([cache.usedBytes, files()]).toEqual([0, []]);
  });
});
