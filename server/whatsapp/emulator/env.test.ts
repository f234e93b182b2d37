import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvError, optionsFromEnv, parseEnv } from './env';

describe('emulator environment', () => {
  it('applies the documented defaults', () => {
    const env = parseEnv({ META_APP_SECRET: 's3cret' });
    expect(env).toMatchObject({
      EMULATOR_PORT: 3200, EMULATOR_HOST: '127.0.0.1', WEBHOOK_URL: 'http://127.0.0.1:3100/webhooks/whatsapp',
      WHATSAPP_ACCESS_TOKEN: 'emulator-token', EMULATOR_QUIET: false, EMULATOR_VERIFY_WEBHOOK: false,
    });
    const options = optionsFromEnv(parseEnv({ META_APP_SECRET: 's3cret', EMULATOR_QUIET: '1', WEBHOOK_VERIFY_TOKEN: 'v' }), () => undefined);
    expect(options).toMatchObject({ appSecret: 's3cret', quiet: true, verifyToken: 'v', port: 3200 });
  });

  it('explains every problem in one message', () => {
    const attempt = () => parseEnv({ EMULATOR_PORT: 'abc', WEBHOOK_URL: 'not a url', EMULATOR_QUIET: 'maybe' });
    expect(attempt).toThrow(EnvError);
    const message = (() => {
      try {
        attempt();
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(message).toContain('META_APP_SECRET is required');
    expect(message).toContain('EMULATOR_PORT');
    expect(message).toContain('WEBHOOK_URL must be the backend callback URL');
    expect(message).toContain('EMULATOR_QUIET');
  });

  it('needs the verify token to verify the webhook', () => {
    expect(() => parseEnv({ META_APP_SECRET: 's', EMULATOR_VERIFY_WEBHOOK: '1' })).toThrow(/EMULATOR_VERIFY_WEBHOOK=1 needs WEBHOOK_VERIFY_TOKEN/);
  });

  it('loads a seed file and rejects a broken one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'emulator-seed-'));
    const good = join(dir, 'seed.json');
    writeFileSync(good, JSON.stringify({ numbers: [{ wabaId: '1', displayPhoneNumber: '+55 11 4000-0001' }] }));
    const options = optionsFromEnv(parseEnv({ META_APP_SECRET: 's', EMULATOR_SEED_FILE: good }), () => undefined);
    expect(options.seed?.numbers?.[0]?.wabaId).toBe('1');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ numbers: [{ displayPhoneNumber: 'x' }] }));
    expect(() => optionsFromEnv(parseEnv({ META_APP_SECRET: 's', EMULATOR_SEED_FILE: bad }), () => undefined)).toThrow(/not a valid seed/);
  });
});
