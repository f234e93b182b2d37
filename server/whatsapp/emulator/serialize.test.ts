import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metaJson } from './serialize';
import { signatureSha256, verifySignature } from './signature';
import { CUSTOMER, PNID, SECRET, startTestEmulator, until, type TestEmulator } from './test-support';
import { newWamid, waIdOfWamid } from './wamid';

describe('Meta-style serialisation', () => {
  it('escapes non-ASCII as lowercase \\u escapes and emoji as surrogate pairs', () => {
    const text = metaJson({ body: 'Olá, ação 😮 ÿ', n: 1 });
    expect(text).toBe('{"body":"Ol\\u00e1, a\\u00e7\\u00e3o \\ud83d\\ude2e \\u00ff","n":1}');
    expect(/^[\x20-\x7e]*$/.test(text)).toBe(true);
    expect(JSON.parse(text)).toEqual({ body: 'Olá, ação 😮 ÿ', n: 1 });
  });

  it('keeps ASCII as is and escapes control characters like JSON', () => {
    expect(metaJson({ a: 'x/y "q" \n\t' })).toBe('{"a":"x/y \\"q\\" \\n\\t"}');
    expect(metaJson({ a: '\u001f' })).toBe('{"a":"\\u001f"}');
  });
});

describe('webhook signatures', () => {
  it('is the HMAC-SHA256 of the exact bytes, hex, prefixed with sha256=', () => {
    const body = metaJson({ text: 'Olá 😮' });
    const expected = createHmac('sha256', SECRET).update(Buffer.from(body, 'utf8')).digest('hex');
    expect(signatureSha256(body, SECRET)).toBe(`sha256=${expected}`);
    expect(verifySignature(body, `sha256=${expected}`, SECRET)).toBe(true);
  });

  it('does not verify over a re-serialised body, another secret or no header', () => {
    const body = metaJson({ text: 'Olá 😮' });
    const header = signatureSha256(body, SECRET);
    expect(verifySignature(JSON.stringify(JSON.parse(body)), header, SECRET)).toBe(false);
    expect(verifySignature(body, header, 'other-secret')).toBe(false);
    expect(verifySignature(body, undefined, SECRET)).toBe(false);
  });
});

describe('delivered webhooks', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator();
  });
  afterAll(() => t.close());

  it('arrive as ASCII bytes whose X-Hub-Signature-256 verifies over the raw body only', async () => {
    t.emulator.control.customerSends({ phoneNumberId: PNID, from: CUSTOMER, name: 'José Conceição', type: 'text', text: { body: 'Bom dia ☀️ tudo bem?' } });
    const hook = await until(() => t.sink.received[0]);
    const raw = hook.raw.toString('latin1');
    expect(/^[\x20-\x7e]*$/.test(raw)).toBe(true);
    expect(raw).toContain('Jos\\u00e9 Concei\\u00e7\\u00e3o');
    expect(raw).toContain('\\u2600\\ufe0f');
    const header = hook.headers['x-hub-signature-256'];
    expect(header).toBe(`sha256=${createHmac('sha256', SECRET).update(hook.raw).digest('hex')}`);
    expect(verifySignature(hook.raw, String(header), SECRET)).toBe(true);
    expect(verifySignature(JSON.stringify(hook.body), String(header), SECRET)).toBe(false);
    expect(hook.headers['content-type']).toBe('application/json');
  });
});

describe('wamid', () => {
  it('follows the decoded layout and embeds the wa_id', () => {
    const id = newWamid(CUSTOMER);
    expect(id.startsWith('wamid.')).toBe(true);
    const bytes = Buffer.from(id.slice(6), 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0x1c, 0x18, CUSTOMER.length]);
    expect(bytes.subarray(3, 3 + CUSTOMER.length).toString('ascii')).toBe(CUSTOMER);
    const tail = bytes.subarray(3 + CUSTOMER.length);
    expect([...tail.subarray(0, 6)]).toEqual([0x15, 0x02, 0x00, 0x11, 0x18, 0x12]);
    expect(tail.subarray(6, 24).toString('ascii')).toMatch(/^[0-9A-F]{18}$/);
    expect(tail[24]).toBe(0);
    expect(tail.length).toBe(25);
    expect(waIdOfWamid(id)).toBe(CUSTOMER);
    expect(newWamid(CUSTOMER)).not.toBe(id);
  });
});
