import fs from 'node:fs';
import type { SafeStorage } from 'electron';
import { writeFileAtomic } from './json-file';
import type { Log } from './log';

/**
 * Encryption with a key the OS keeps (Keychain, DPAPI, the Secret Service or KWallet), for the
 * session token and the backend URL. A box that cannot encrypt says why instead of pretending.
 */
export interface SecretBox {
  /** Null when secrets can be kept; otherwise why not, in words for a log line. */
  unavailable(): Promise<string | null>;
  encrypt(text: string): Promise<Uint8Array>;
  decrypt(data: Uint8Array): Promise<string>;
}

/** Electron's safeStorage. On Linux without a keyring it would fall back to a fixed key: refused. */
export function electronSecretBox(safeStorage: SafeStorage, platform: NodeJS.Platform = process.platform): SecretBox {
  return {
    async unavailable() {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) return 'the operating system offers no encryption for this app (no keychain or keyring)';
      if (platform === 'linux') {
        const backend = safeStorage.getSelectedStorageBackend();
        if (backend === 'basic_text' || backend === 'unknown') return `no keyring is running (safeStorage backend "${backend}" would keep the token readable by anyone with the file)`;
      }
      return null;
    },
    encrypt: async (text) => safeStorage.encryptStringAsync(text),
    decrypt: async (data) => (await safeStorage.decryptStringAsync(Buffer.from(data))).result,
  };
}

/**
 * For tests only: a reversible scrambling, NOT encryption. `available: false` behaves like a
 * machine without a keyring.
 */
export function testSecretBox(opts: { available: boolean } = { available: true }): SecretBox {
  const flip = (bytes: Uint8Array) => bytes.map((b) => b ^ 0x5a);
  return {
    unavailable: async () => (opts.available ? null : 'the test box is set as unavailable'),
    encrypt: async (text) => flip(new TextEncoder().encode(`box:${text}`)),
    decrypt: async (data) => {
      const text = new TextDecoder().decode(flip(data));
      if (!text.startsWith('box:')) throw new Error('not sealed by this box');
      return text.slice(4);
    },
  };
}

/**
 * The kept session (backend URL, user, token) as one encrypted file. It never writes the session
 * in the clear: without encryption the app simply asks for the password at the next start. A
 * file that no longer decrypts (another machine, a reset keyring) is removed.
 */
export class SessionVault {
  private toldUnavailable = false;

  constructor(
    private readonly file: string,
    private readonly box: SecretBox,
    private readonly log: Log,
  ) {}

  async load(): Promise<unknown> {
    let data: Buffer;
    try {
      data = fs.readFileSync(this.file);
    } catch {
      return null;
    }
    try {
      return JSON.parse(await this.box.decrypt(data)) as unknown;
    } catch (err) {
      this.log.warn(`session: the kept session could not be decrypted (${err instanceof Error ? err.message : String(err)}); sign in again`);
      this.remove();
      return null;
    }
  }

  async save(session: object): Promise<void> {
    const reason = await this.box.unavailable();
    if (reason) {
      if (!this.toldUnavailable) this.log.warn(`session: not kept on disk because ${reason}; you will sign in again at the next start`);
      this.toldUnavailable = true;
      this.remove();
      return;
    }
    writeFileAtomic(this.file, await this.box.encrypt(JSON.stringify(session)));
  }

  async clear(): Promise<void> {
    this.remove();
  }

  private remove(): void {
    fs.rmSync(this.file, { force: true });
  }
}
