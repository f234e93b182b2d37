import { describe, expect, it } from 'vitest';
import { CUSTOMER, PNID, useTestEmulator, textTo, TOKEN, WABA } from './test-support';
import type { GraphErrorBody, WireQualityValue } from './wire';

const t = useTestEmulator();

describe('phone numbers', () => {
  it('lists the WABA’s numbers with the default fields', async () => {
    t.emulator.control.addNumber({ id: '100000000000002', wabaId: WABA, displayPhoneNumber: '5511400000002', qualityRating: 'YELLOW', throughputLevel: 'HIGH' });
    const res = await t.graph<{ data: Array<Record<string, unknown>>; paging: unknown }>('GET', `/v21.0/${WABA}/phone_numbers`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      { verified_name: 'Loja Exemplo', code_verification_status: 'VERIFIED', display_phone_number: '+55 11 4000-0001', quality_rating: 'GREEN', platform_type: 'CLOUD_API', throughput: { level: 'STANDARD' }, id: PNID },
      { verified_name: 'Go Personal Desk', code_verification_status: 'VERIFIED', display_phone_number: '+5511400000002', quality_rating: 'YELLOW', platform_type: 'CLOUD_API', throughput: { level: 'HIGH' }, id: '100000000000002' },
    ]);
    expect(res.body.paging).toBeDefined();
  });

  it('answers the requested fields of one number, nested selections included', async () => {
    t.emulator.control.updateNumber(PNID, { messagingLimitTier: 'TIER_10K', qualityRating: 'RED' });
    const fields = 'quality_rating,throughput{level},messaging_limit_tier,whatsapp_business_manager_messaging_limit,status,verified_name,display_phone_number,code_verification_status,name_status,is_pin_enabled';
    const res = await t.graph('GET', `/v21.0/${PNID}?fields=${encodeURIComponent(fields)}`);
    expect(res.body).toEqual({
      quality_rating: 'RED', throughput: { level: 'STANDARD' }, messaging_limit_tier: 'TIER_10K', whatsapp_business_manager_messaging_limit: 'TIER_10K',
      status: 'CONNECTED', verified_name: 'Loja Exemplo', display_phone_number: '+55 11 4000-0001', code_verification_status: 'VERIFIED',
      name_status: 'APPROVED', is_pin_enabled: false, id: PNID,
    });
  });

  it('emits phone_number_quality_update when quality or limit change through the control API', async () => {
    t.emulator.control.setQuality(PNID, { event: 'UPGRADE', limit: 'TIER_10K', qualityRating: 'GREEN' });
    t.emulator.control.setQuality(PNID, { event: 'FLAGGED', qualityRating: 'RED' });
    await t.emulator.control.waitForIdle();
    const values = t.sink.received.map((w) => {
      expect(w.body.entry[0]?.id).toBe(WABA);
      expect(Number.isInteger(w.body.entry[0]?.time)).toBe(true);
      expect(w.body.entry[0]?.changes[0]?.field).toBe('phone_number_quality_update');
      return w.body.entry[0]?.changes[0]?.value as WireQualityValue;
    });
    expect(values).toEqual([
      { display_phone_number: '551140000001', event: 'UPGRADE', old_limit: 'TIER_1K', current_limit: 'TIER_10K', max_daily_conversations_per_business: 'TIER_10K' },
      { display_phone_number: '551140000001', event: 'FLAGGED', current_limit: 'TIER_10K', max_daily_conversations_per_business: 'TIER_10K' },
    ]);
    expect((await t.graph('GET', `/v21.0/${PNID}?fields=quality_rating`)).body).toEqual({ quality_rating: 'RED', id: PNID });
  });
});

describe('registration', () => {
  it('adds a number, then request_code → verify_code (wrong code 136025) → register moves PENDING to CONNECTED', async () => {
    const created = await t.graph<{ id: string }>('POST', `/v21.0/${WABA}/phone_numbers`, { cc: '55', phone_number: '11 4000-0009', verified_name: 'Loja Filial' });
    expect(created.body.id).toMatch(/^\d+$/);
    const id = created.body.id;
    const state = async () => (await t.graph<Record<string, string>>('GET', `/v21.0/${id}?fields=status,code_verification_status,display_phone_number`)).body;
    expect(await state()).toEqual({ status: 'PENDING', code_verification_status: 'NOT_VERIFIED', display_phone_number: '+55 1140000009', id });

    const early = await t.graph<GraphErrorBody>('POST', `/v21.0/${id}/register`, { messaging_product: 'whatsapp', pin: '123456' });
    expect(early.body.error.code).toBe(133006);
    const sending = await t.graph<GraphErrorBody>('POST', `/v21.0/${id}/messages`, textTo(CUSTOMER, 'oi'));
    expect(sending.body.error.code).toBe(133010);

    const badMethod = await t.graph<GraphErrorBody>('POST', `/v21.0/${id}/request_code?code_method=FAX&language=pt_BR`);
    expect(badMethod.body.error.code).toBe(100);
    expect(await t.graph('POST', `/v21.0/${id}/request_code?code_method=SMS&language=pt_BR`)).toEqual({ status: 200, body: { success: true } });
    const wrong = await t.graph<GraphErrorBody>('POST', `/v21.0/${id}/verify_code`, { code: '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 136025, message: '(#136025) Verify code error' });
    expect(await t.graph('POST', `/v21.0/${id}/verify_code`, { code: '123456' })).toEqual({ status: 200, body: { success: true } });
    expect((await state()).code_verification_status).toBe('VERIFIED');

    const shortPin = await t.graph<GraphErrorBody>('POST', `/v21.0/${id}/register`, { messaging_product: 'whatsapp', pin: '12' });
    expect(shortPin.body.error.code).toBe(100);
    expect(await t.graph('POST', `/v21.0/${id}/register`, { messaging_product: 'whatsapp', pin: '654321' })).toEqual({ status: 200, body: { success: true } });
    expect((await state()).status).toBe('CONNECTED');

    const mismatch = await t.graph<GraphErrorBody>('POST', `/v21.0/${id}/register`, { messaging_product: 'whatsapp', pin: '111111' });
    expect(mismatch.body.error.code).toBe(133005);
    const again = await t.graph<GraphErrorBody>('POST', `/v21.0/${id}/request_code`, { code_method: 'VOICE', language: 'pt_BR' });
    expect(again.body.error.code).toBe(136024);
  });

  it('limits register/deregister calls (133016)', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await t.graph<GraphErrorBody>('POST', `/v21.0/${PNID}/${i % 2 === 0 ? 'deregister' : 'register'}`, { messaging_product: 'whatsapp', pin: '123456' });
      codes.push(res.status === 200 ? 0 : res.body.error.code);
    }
    expect(codes).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 133016]);
  });
});

describe('business profile', () => {
  const path = `/v21.0/${PNID}/whatsapp_business_profile`;
  const get = () => t.graph<{ data: Array<Record<string, unknown>> }>('GET', `${path}?fields=about,address,description,email,profile_picture_url,websites,vertical`);

  it('updates within Meta’s limits and reads back', async () => {
    expect((await get()).body).toEqual({ data: [{ messaging_product: 'whatsapp' }] });
    const update = { messaging_product: 'whatsapp', about: 'Atendimento de seg. a sex.', address: 'Av. Paulista, 1000 - São Paulo', description: 'Loja de exemplo', email: 'contato@loja.example', websites: ['https://loja.example', 'http://loja.example/blog'], vertical: 'RETAIL' };
    expect(await t.graph('POST', path, update)).toEqual({ status: 200, body: { success: true } });
    const { messaging_product: _p, ...fields } = update;
    expect((await get()).body.data[0]).toEqual({ messaging_product: 'whatsapp', ...fields });
  });

  const bad: Array<[string, Record<string, unknown>]> = [
    ['about over 139', { about: 'a'.repeat(140) }],
    ['empty about', { about: '' }],
    ['address over 256', { address: 'a'.repeat(257) }],
    ['description over 512', { description: 'a'.repeat(513) }],
    ['email over 128', { email: `${'a'.repeat(120)}@loja.example` }],
    ['invalid email', { email: 'nao-e-email' }],
    ['three websites', { websites: ['https://a.example', 'https://b.example', 'https://c.example'] }],
    ['website not http', { websites: ['ftp://a.example'] }],
    ['website over 256', { websites: [`https://a.example/${'x'.repeat(250)}`] }],
    ['unknown vertical', { vertical: 'PETS' }],
    ['missing messaging_product', { messaging_product: undefined, about: 'ok' }],
  ];
  it.each(bad)('%s → 400 code 100 and nothing changes', async (_name, change) => {
    await t.graph('POST', path, { messaging_product: 'whatsapp', about: 'Antes' });
    const res = await t.graph<GraphErrorBody>('POST', path, { messaging_product: 'whatsapp', ...change });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(100);
    expect((await get()).body.data[0]).toEqual({ messaging_product: 'whatsapp', about: 'Antes' });
  });

  it('sets the photo through a resumable upload handle', async () => {
    const bytes = Buffer.from('fake-jpeg-bytes');
    const session = await t.graph<{ id: string }>('POST', `/v21.0/1234567890/uploads?file_name=foto.jpg&file_length=${bytes.length}&file_type=image/jpeg`);
    expect(session.body.id).toMatch(/^upload:/);
    const up = await fetch(`${t.emulator.url}/v21.0/${session.body.id}`, { method: 'POST', headers: { authorization: `OAuth ${TOKEN}`, file_offset: '0', 'content-type': 'image/jpeg' }, body: bytes });
    const { h } = (await up.json()) as { h: string };
    expect(h).toMatch(/^4::/);
    expect((await t.graph('GET', `/v21.0/${session.body.id}`)).body).toEqual({ id: session.body.id, file_offset: bytes.length });
    expect((await t.graph('POST', path, { messaging_product: 'whatsapp', profile_picture_handle: h })).status).toBe(200);
    const url = String((await get()).body.data[0]?.profile_picture_url);
    const picture = await fetch(url);
    expect(Buffer.from(await picture.arrayBuffer()).equals(bytes)).toBe(true);
    const invalid = await t.graph<GraphErrorBody>('POST', path, { messaging_product: 'whatsapp', profile_picture_handle: '4::nope' });
    expect(invalid.body.error.code).toBe(100);
  });
});
