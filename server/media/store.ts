import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';

/** Where media bytes live: a folder under DATA_DIR by default (an S3-compatible store would implement the same). */
export interface MediaStore {
  /** Stores bytes from a stream, refusing past `maxBytes`; answers size and sha256 (hex). */
  put(key: string, source: Readable | Uint8Array, maxBytes: number): Promise<{ size: number; sha256: string }>;
  read(key: string): Readable;
  readBytes(key: string): Promise<Buffer>;
  remove(key: string): Promise<void>;
}

export class MediaTooLarge extends Error {}

export class FolderMediaStore implements MediaStore {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    if (!/^[a-z0-9][a-z0-9/_-]*$/i.test(key) || key.includes('..')) throw new Error(`invalid media key ${key}`);
    return path.join(this.root, key);
  }

  async put(key: string, source: Readable | Uint8Array, maxBytes: number): Promise<{ size: number; sha256: string }> {
    const target = this.file(key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.part-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
    const hash = crypto.createHash('sha256');
    let size = 0;
    try {
      if (source instanceof Uint8Array) {
        if (source.byteLength > maxBytes) throw new MediaTooLarge(`larger than ${maxBytes} bytes`);
        hash.update(source);
        size = source.byteLength;
        await fs.promises.writeFile(temp, source);
      } else {
        await pipeline(source, async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            size += chunk.length;
            if (size > maxBytes) throw new MediaTooLarge(`larger than ${maxBytes} bytes`);
            hash.update(chunk);
            yield chunk;
          }
        }, fs.createWriteStream(temp));
      }
      await fs.promises.rename(temp, target);
    } catch (err) {
      await fs.promises.rm(temp, { force: true });
      throw err;
    }
    return { size, sha256: hash.digest('hex') };
  }

  read(key: string): Readable {
    return fs.createReadStream(this.file(key));
  }

  readBytes(key: string): Promise<Buffer> {
    return fs.promises.readFile(this.file(key));
  }

  async remove(key: string): Promise<void> {
    await fs.promises.rm(this.file(key), { force: true });
  }
}

/** Keys spread over folders by month so no folder grows without bound. */
export function mediaKey(orgId: string, id: string, at: Date): string {
  return `${orgId}/${at.toISOString().slice(0, 7)}/${id}`;
}
