import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sampleFile } from './sample-files';
import { CUSTOMER, PNID, useTestEmulator, statusesOf, TOKEN, until } from './test-support';
import type { GraphErrorBody } from './wire';

const t = useTestEmulator();

async function upload(bytes: Buffer, type: string, filename = 'arquivo', fields: Record<string, string> = { messaging_product: 'whatsapp' }) {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), filename);
  form.append('type', type);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = await fetch(`${t.emulator.url}/v21.0/${PNID}/media`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: form });
  return { status: res.status, body: (await res.json()) as { id: string } & GraphErrorBody };
}

interface MediaNode {
  messaging_product: string;
  url: string;
  mime_type: string;
  sha256: string;
  file_size: string;
  id: string;
}

describe('media upload, retrieval and download', () => {
  it('uploads, describes with a signed URL and downloads with the token only', async () => {
    const bytes = sampleFile('image/jpeg');
    const up = await upload(bytes, 'image/jpeg', 'foto.jpg');
    expect(up.status).toBe(200);
    expect(up.body).toEqual({ id: expect.stringMatching(/^\d+$/) });

    const node = await t.graph<MediaNode>('GET', `/v21.0/${up.body.id}?phone_number_id=${PNID}`);
    expect(node.status).toBe(200);
    expect(node.body).toEqual({
      messaging_product: 'whatsapp', url: expect.stringContaining('/whatsapp_business/attachments/?mid='), mime_type: 'image/jpeg',
      sha256: createHash('sha256').update(bytes).digest('hex'), file_size: String(bytes.length), id: up.body.id,
    });

    const withToken = await fetch(node.body.url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(withToken.status).toBe(200);
    expect(withToken.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await withToken.arrayBuffer()).equals(bytes)).toBe(true);

    const withoutToken = await fetch(node.body.url);
    expect(withoutToken.status).toBe(401);
    expect(((await withoutToken.json()) as GraphErrorBody).error.code).toBe(190);

    const tampered = await fetch(node.body.url.replace(/hash=[^&]+/, 'hash=abc'), { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(tampered.status).toBe(403);

    const logged = t.emulator.control.requests({ path: '/media' })[0];
    expect(logged?.body).toEqual({ fields: { type: 'image/jpeg', messaging_product: 'whatsapp' }, file: { filename: 'foto.jpg', contentType: 'image/jpeg', size: bytes.length } });
  });

  it('expires the download URL after about five minutes; a fresh GET gives a new one', async () => {
    const up = await upload(sampleFile('application/pdf'), 'application/pdf', 'boleto.pdf');
    const node = await t.graph<MediaNode>('GET', `/v21.0/${up.body.id}`);
    t.emulator.control.advanceClock({ minutes: 4 });
    expect((await fetch(node.body.url, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    t.emulator.control.advanceClock({ minutes: 2 });
    const expired = await fetch(node.body.url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('expired');
    const fresh = await t.graph<MediaNode>('GET', `/v21.0/${up.body.id}`);
    expect((await fetch(fresh.body.url, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });

  it('deletes media; afterwards the id is unknown', async () => {
    const up = await upload(sampleFile('audio/ogg'), 'audio/ogg', 'voz.ogg');
    expect(await t.graph('DELETE', `/v21.0/${up.body.id}`)).toEqual({ status: 200, body: { success: true } });
    const gone = await t.graph<GraphErrorBody>('GET', `/v21.0/${up.body.id}`);
    expect(gone.status).toBe(400);
    expect(gone.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    expect((await t.graph<GraphErrorBody>('DELETE', `/v21.0/${up.body.id}`)).status).toBe(400);
  });

  it('checks Meta’s types and size limits', async () => {
    const big = await upload(Buffer.alloc(5 * 1024 * 1024 + 1, 1), 'image/jpeg', 'grande.jpg');
    expect(big.status).toBe(400);
    expect(big.body.error.code).toBe(131053);
    const sticker = await upload(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(100 * 1024 + 10)]), 'image/webp', 's.webp');
    expect(sticker.body.error.code).toBe(131053);
    const animated = await upload(Buffer.concat([Buffer.from('RIFF....WEBPVP8XANIM'), Buffer.alloc(200 * 1024)]), 'image/webp', 'a.webp');
    expect(animated.status).toBe(200);
    const exe = await upload(Buffer.from('MZ'), 'application/x-msdownload', 'x.exe');
    expect(exe.body.error.code).toBe(100);
    expect(exe.body.error.error_data?.details).toContain("Received file of type 'application/x-msdownload'");
    const noProduct = await upload(sampleFile('image/png'), 'image/png', 'p.png', {});
    expect(noProduct.body.error.code).toBe(100);
    const doc = await upload(Buffer.alloc(6 * 1024 * 1024, 1), 'application/pdf', 'big.pdf'); // over the image limit, fine for documents
    expect(doc.status).toBe(200);
  });

  it('sends uploaded media by id, and fails the send when the kind does not fit', async () => {
    t.emulator.control.customerSends({ phoneNumberId: PNID, from: CUSTOMER, type: 'text', text: { body: 'manda a foto' } });
    const image = await upload(sampleFile('image/png'), 'image/png', 'p.png');
    const audio = await upload(sampleFile('audio/ogg'), 'audio/ogg', 'a.ogg');
    const send = (body: Record<string, unknown>) => t.graph<{ messages: Array<{ id: string }> }>('POST', `/v21.0/${PNID}/messages`, { messaging_product: 'whatsapp', to: CUSTOMER, ...body });
    const ok = await send({ type: 'image', image: { id: image.body.id, caption: 'Aqui está' } });
    const asDocument = await send({ type: 'document', document: { id: image.body.id, filename: 'foto.png' } });
    const wrong = await send({ type: 'image', image: { id: audio.body.id } });
    await t.emulator.control.waitForIdle();
    expect(statusesOf(t.sink, ok.body.messages[0]?.id).map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    expect(statusesOf(t.sink, asDocument.body.messages[0]?.id)[0]?.status).toBe('sent');
    const failed = await until(() => statusesOf(t.sink, wrong.body.messages[0]?.id)[0]);
    expect(failed.errors?.[0]?.code).toBe(131053);
  });
});
