import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifySignature } from './signature';
import { CUSTOMER, PNID, SECRET, startTestEmulator, until, VERIFY_TOKEN, WABA, type TestEmulator } from './test-support';
import type { WireMessagesValue } from './wire';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator({ retry: { baseMs: 40, maxDelayMs: 1000, maxAttempts: 4, timeoutMs: 2000 } });
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.emulator.control.waitForIdle();
  t.emulator.control.reset();
  t.sink.received.length = 0;
  t.sink.verifications.length = 0;
  t.sink.respond = () => 200;
  t.sink.verifyToken = VERIFY_TOKEN;
});

const write = () => t.emulator.control.customerSends({ phoneNumberId: PNID, from: CUSTOMER, type: 'text', text: { body: 'Olá' } });

describe('webhook delivery', () => {
  it('retries with exponential backoff after a 500 and delivers the same signed bytes', async () => {
    t.sink.respond = (n) => (n < 2 ? 500 : 200);
    const sent = write();
    expect(await t.emulator.control.waitForIdle()).toBe(true);
    const [delivery] = t.emulator.control.deliveries({ kind: 'message' });
    expect(delivery?.id).toBe(sent.deliveryIds[0]);
    expect(delivery?.state).toBe('delivered');
    expect(delivery?.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    const times = delivery?.attempts.map((a) => Date.parse(a.at)) ?? [];
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(40);
    expect((times[2] ?? 0) - (times[1] ?? 0)).toBeGreaterThanOrEqual(80);
    const hook = t.sink.received[0];
    expect(hook?.raw.toString()).toBe(delivery?.body);
    expect(verifySignature(hook?.raw ?? '', String(hook?.headers['x-hub-signature-256']), SECRET)).toBe(true);
    expect(hook?.headers['x-hub-signature']).toMatch(/^sha1=[0-9a-f]{40}$/);
  });

  it('gives up after the configured attempts and keeps the record', async () => {
    t.sink.respond = () => 503;
    write();
    const failed = await until(() => t.emulator.control.deliveries({ state: 'failed' })[0], 5000);
    expect(failed.attempts).toHaveLength(4);
    expect(t.sink.received).toHaveLength(0);
    expect(await t.emulator.control.waitForIdle(1000)).toBe(true);
  });

  it('records connection failures and delivers once the backend comes up', async () => {
    t.emulator.control.configure({ webhookUrl: 'http://127.0.0.1:9/nothing-here' });
    write();
    await until(() => t.emulator.control.deliveries()[0]?.attempts.length);
    expect(t.emulator.control.deliveries()[0]?.attempts[0]?.error).toMatch(/fetch failed|ECONNREFUSED/);
    t.emulator.control.configure({ webhookUrl: t.sink.url });
    await until(() => t.sink.received[0], 5000);
  });

  it('delivers duplicates when asked to, with the same message id', async () => {
    const sent = t.emulator.control.customerSends({ phoneNumberId: PNID, from: CUSTOMER, type: 'text', text: { body: 'de novo' }, times: 3 });
    await t.emulator.control.waitForIdle();
    expect(sent.deliveryIds).toHaveLength(3);
    const ids = t.sink.received.map((w) => (w.body.entry[0]?.changes[0]?.value as WireMessagesValue).messages?.[0]?.id);
    expect(ids).toEqual([sent.id, sent.id, sent.id]);
  });

  it('sends system-level errors in value.errors', async () => {
    t.emulator.control.emitSystemError({ phoneNumberId: PNID, code: 130429 });
    const hook = await until(() => t.sink.received[0]);
    const value = hook.body.entry[0]?.changes[0]?.value as WireMessagesValue;
    expect(hook.body.entry[0]?.id).toBe(WABA);
    expect(value.errors?.[0]).toMatchObject({ code: 130429, title: 'Rate limit hit', error_data: { details: expect.any(String) } });
    expect(value).not.toHaveProperty('messages');
    expect(value).not.toHaveProperty('statuses');
  });
});

describe('webhook verification', () => {
  it('passes Meta’s GET challenge with the verify token, and fails when the backend refuses it', async () => {
    const ok = await t.emulator.control.verifyWebhook();
    expect(ok.ok).toBe(true);
    const query = t.sink.verifications[0];
    expect(query?.get('hub.mode')).toBe('subscribe');
    expect(query?.get('hub.verify_token')).toBe(VERIFY_TOKEN);
    expect(query?.get('hub.challenge')).toBe(ok.challenge);

    t.sink.verifyToken = 'something-else';
    const refused = await t.emulator.control.verifyWebhook();
    expect(refused).toMatchObject({ ok: false, status: 403 });
  });

  it('holds deliveries until the challenge succeeds when verification is on', async () => {
    t.emulator.control.configure({ verifyWebhook: true });
    t.sink.verifyToken = 'wrong-for-now';
    write();
    await until(() => t.emulator.control.deliveries()[0]?.attempts.length);
    expect(t.emulator.control.deliveries()[0]?.attempts[0]?.error).toContain('verification failed');
    expect(t.sink.received).toHaveLength(0);
    t.sink.verifyToken = VERIFY_TOKEN;
    await until(() => t.sink.received[0], 5000);
  });
});
