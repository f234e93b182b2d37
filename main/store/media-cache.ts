import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

export interface MediaCacheOptions {
  /** The folder that holds the cached files (created when missing); nothing else should live there. */
  dir: string;
  /** Most bytes kept; the least recently used files go first when a new one would pass it. */
  maxBytes: number;
  /** Epoch ms (tests pass their own); stored as each file's mtime, so recency survives a restart. */
  now?: () => number;
}

interface Entry { file: string; size: number }

const TMP = '.partial';

/**
 * Thumbnails and recently opened media on disk, least recently used out first once the folder
 * passes `maxBytes`. A key (e.g. `thumb:<mediaId>`) maps to a hashed file name, so keys never
 * become paths; the extension is kept so the OS opens the file with the right application.
 */
export class MediaCache {
  /** name hash → file; Map order is recency order (oldest first). */
  private readonly entries = new Map<string, Entry>();
  private used = 0;
  private readonly now: () => number;

  private constructor(private readonly dir: string, private limit: number, now?: () => number) {
    this.now = now ?? Date.now;
  }

  /** Opens the folder, forgetting half-written files, and trims it to the limit. */
  static async open(options: MediaCacheOptions): Promise<MediaCache> {
    if (!(options.maxBytes >= 0)) throw new Error(`MediaCache maxBytes must be 0 or more bytes, got ${options.maxBytes}.`);
    const cache = new MediaCache(options.dir, options.maxBytes, options.now);
    await fsp.mkdir(options.dir, { recursive: true });
    const found: Array<Entry & { hash: string; usedAt: number }> = [];
    for (const name of await fsp.readdir(options.dir)) {
      const file = path.join(options.dir, name);
      if (name.includes(TMP)) {
        await fsp.rm(file, { force: true });
        continue;
      }
      const st = await fsp.stat(file);
      if (st.isFile()) found.push({ hash: name.split('.')[0]!, file, size: st.size, usedAt: st.mtimeMs });
    }
    found.sort((a, b) => a.usedAt - b.usedAt);
    for (const f of found) cache.track(f.hash, { file: f.file, size: f.size });
    cache.evict();
    return cache;
  }

  get usedBytes(): number {
    return this.used;
  }

  get maxBytes(): number {
    return this.limit;
  }

  /** The cached file's path, marked as just used; null when it is not cached. */
  path(key: string): string | null {
    const hash = hashOf(key);
    const e = this.entries.get(hash);
    if (!e) return null;
    if (!fs.existsSync(e.file)) {
      this.untrack(hash);
      return null;
    }
    this.touch(hash, e);
    return e.file;
  }

  /**
   * Stores `bytes` under `key` (replacing what it held) and returns its path, or null when the
   * file alone is larger than the limit (it is then not cached). Written to a temporary name first,
   * so a crash never leaves a truncated file under the real one.
   */
  async put(key: string, bytes: Uint8Array, extension?: string): Promise<string | null> {
    if (bytes.byteLength > this.limit) return null;
    const hash = hashOf(key);
    const ext = extension && /^[a-z0-9]{1,10}$/i.test(extension) ? `.${extension.toLowerCase()}` : '';
    const file = path.join(this.dir, `${hash}${ext}`);
    const tmp = `${file}${TMP}-${crypto.randomBytes(4).toString('hex')}`;
    await fsp.writeFile(tmp, bytes);
    await fsp.rename(tmp, file);
    const old = this.entries.get(hash);
    if (old && old.file !== file) await fsp.rm(old.file, { force: true });
    this.untrack(hash);
    const e = { file, size: bytes.byteLength };
    this.track(hash, e);
    this.stamp(e.file);
    this.evict(hash);
    return file;
  }

  remove(key: string): void {
    const hash = hashOf(key);
    const e = this.entries.get(hash);
    if (!e) return;
    fs.rmSync(e.file, { force: true });
    this.untrack(hash);
  }

  /** A new limit (from settings); trims at once when it is lower. */
  setMaxBytes(maxBytes: number): void {
    this.limit = maxBytes;
    this.evict();
  }

  clear(): void {
    for (const e of this.entries.values()) fs.rmSync(e.file, { force: true });
    this.entries.clear();
    this.used = 0;
  }

  private evict(keep?: string): void {
    for (const [hash, e] of this.entries) {
      if (this.used <= this.limit) return;
      if (hash === keep) continue;
      fs.rmSync(e.file, { force: true });
      this.untrack(hash);
    }
  }

  private touch(hash: string, e: Entry): void {
    this.entries.delete(hash);
    this.entries.set(hash, e);
    this.stamp(e.file);
  }

  private stamp(file: string): void {
    const t = new Date(this.now());
    try {
      fs.utimesSync(file, t, t);
    } catch {
      // Recency on disk is a hint for the next start; the in-memory order is what counts now.
    }
  }

  private track(hash: string, e: Entry): void {
    this.entries.set(hash, e);
    this.used += e.size;
  }

  private untrack(hash: string): void {
    const e = this.entries.get(hash);
    if (!e) return;
    this.entries.delete(hash);
    this.used -= e.size;
  }
}

const hashOf = (key: string) => crypto.createHash('sha256').update(key).digest('hex').slice(0, 32);
