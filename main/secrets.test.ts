import fs from 'node:fs';
import type { SafeStorage } from 'electron';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Log } from './log';
import { electronSecretBox, SessionVault, testSecretBox } from './secrets';

const session = { token: 'tok_0123456789abcdef', userId: 'u1', userName: 'Ana', baseUrl: 'https://desk.example.com' };

function recordingLog() {
  const lines: string[] = [];
  const log: Log = { info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
  return { log, lines };
}

describe('the kept session', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gpd-secrets-'));
    file = path.join(dir, 'session.bin');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is written sealed, never in the clear, and read back', async () => {
    const vault = new SessionVault(file, testSecretBox(), recordingLog().log);
    await vault.save(session);
    const raw = fs.readFileSync(file);
    expect(raw.toString('latin1')).not.toContain(session.token);
    expect(raw.toString('latin1')).not.toContain('desk.example.com');
    expect(await vault.load()).toEqual(session);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('is not written at all when encryption is unavailable, and says so once', async () => {
    const { log, lines } = recordingLog();
    fs.writeFileSync(file, 'an older sealed session');
    const vault = new SessionVault(file, testSecretBox({ available: false }), log);
    await vault.save(session);
    await vault.save(session);
    expect(fs.existsSync(file)).toBe(false);
    expect(lines).toEqual([expect.stringMatching(/^session: not kept on disk because .*sign in again at the next start$/)]);
    expect(await vault.load()).toBeNull();
  });

  it('reads nothing when there is no file, and forgets a file it cannot open', async () => {
    const { log, lines } = recordingLog();
    const vault = new SessionVault(file, testSecretBox(), log);
    expect(await vault.load()).toBeNull();
    fs.writeFileSync(file, 'sealed on another machine');
    expect(await vault.load()).toBeNull();
    expect(fs.existsSync(file)).toBe(false);
    expect(lines[0]).toMatch(/could not be decrypted.*sign in again/);
  });

  it('clear() removes it', async () => {
    const vault = new SessionVault(file, testSecretBox(), recordingLog().log);
    await vault.save(session);
    await vault.clear();
    expect(await vault.load()).toBeNull();
  });
});

describe("Electron's safeStorage as a box", () => {
  const fake = (available: boolean, backend: string) =>
    ({
      isAsyncEncryptionAvailable: async () => available,
      getSelectedStorageBackend: () => backend,
      encryptStringAsync: async (t: string) => Buffer.from(`enc:${t}`),
      decryptStringAsync: async (b: Buffer) => ({ result: b.toString().slice(4), shouldReEncrypt: false }),
    }) as unknown as SafeStorage;

  it('is refused without OS encryption, and on Linux without a keyring', async () => {
    expect(await electronSecretBox(fake(false, 'gnome_libsecret'), 'linux').unavailable()).toMatch(/no keychain or keyring/);
    expect(await electronSecretBox(fake(true, 'basic_text'), 'linux').unavailable()).toMatch(/no keyring is running/);
    expect(await electronSecretBox(fake(true, 'basic_text'), 'darwin').unavailable()).toBeNull();
  });

  it('seals and opens with a real keyring', async () => {
    const box = electronSecretBox(fake(true, 'kwallet6'), 'linux');
    expect(await box.unavailable()).toBeNull();
    expect(await box.decrypt(await box.encrypt('segredo'))).toBe('segredo');
  });
});
