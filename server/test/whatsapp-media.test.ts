import crypto from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../shared/api/messages';
import { media, messages } from '../db/schema';
import { SIGNED_URL_TTL_MS } from '../services/media';
import { createEmulator, type Emulator } from '../whatsapp/emulator/server';
import { dbKinds } from './databases';
import { ApiClient, seedOrg, startTestServer, type Seed, type TestServer } from './harness';

/** Media in (WhatsApp → our store → the agent) and out (the agent's upload → WhatsApp), through the emulator. */

const SECRET = 'media-test-app-secret';
const VERIFY = 'media-test-verify-token';
const TOKEN = 'media-test-access-token';
const WABA = '200000000000201';
const NUMBER_A = '100000000000201';
const NUMBER_B = '100000000000202';

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
/** Bytes that start like a JPEG / PNG; the rest is random so every file is distinct. */
const jpeg = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), crypto.randomBytes(size - 4)]);
const png = (size: number) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(size - 8)]);

type UploadLog = { fields: Record<string, string>; file: { filename: string; contentType: string; size: number } };
type MediaInfo = { id: string; mimeType: string | null; filename: string | null; size: number | null; sha256: string | null; status: string };

describe.each(dbKinds)('WhatsApp media through the emulator (%s)', (kind) => {
  let emulator: Emulator;
  let server: TestServer;
  let seed: Seed;
  let dataDir: string;
  let ana: ApiClient;
  let carla: ApiClient;
  const db = () => server.app.ctx.db;
  let customerSeq = 0;
  const newCustomer = () => `55219${kind === 'postgres' ? '8' : '7'}${String(++customerSeq).padStart(6, '0')}`;

  async function stored(wamid: string) {
    return vi.waitFor(async () => {
      const [m] = await db().select().from(messages).where(eq(messages.wamid, wamid));
      if (!m) throw new Error(`message ${wamid} not stored yet`);
      return m;
    }, { timeout: 15_000, interval: 20 });
  }

  async function readyMedia(id: string) {
    return vi.waitFor(async () => {
      await server.app.workersIdle();
      const [row] = await db().select().from(media).where(eq(media.id, id));
      expect(row?.status).toBe('ready');
      return row!;
    }, { timeout: 15_000, interval: 50 });
  }

  const download = (url: string, token?: string) => fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  function upload(client: ApiClient, numberId: string, filename: string, contentType: string, body: Buffer) {
    return fetch(`${server.url}/api/v1/media?numberId=${numberId}&filename=${encodeURIComponent(filename)}`, {
      method: 'POST', headers: { authorization: `Bearer ${client.token}`, 'content-type': contentType }, body,
    });
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'gpd-media-test-'));
    emulator = await createEmulator({
      appSecret: SECRET, verifyToken: VERIFY, accessToken: TOKEN, webhookUrl: 'http://127.0.0.1:9/webhooks/whatsapp',
      statusDelays: { sentMs: 1, deliveredMs: 1, readMs: 1 }, retry: { baseMs: 20, maxDelayMs: 200, maxAttempts: 8, timeoutMs: 10_000 },
      seed: {
        numbers: [
          { id: NUMBER_A, wabaId: WABA, displayPhoneNumber: '+55 21 4000-0201', verifiedName: 'Acme Vendas' },
          { id: NUMBER_B, wabaId: WABA, displayPhoneNumber: '+55 21 4000-0202', verifiedName: 'Acme Suporte' },
        ],
      },
    });
    server = await startTestServer(kind, {
      WHATSAPP_GRAPH_URL: `${emulator.url}/v21.0`, WHATSAPP_ACCESS_TOKEN: TOKEN, META_APP_SECRET: SECRET, WEBHOOK_VERIFY_TOKEN: VERIFY, DATA_DIR: dataDir,
    });
    emulator.control.configure({ webhookUrl: `${server.url}/webhooks/whatsapp` });
    seed = await seedOrg(server.app, { numberA: NUMBER_A, numberB: NUMBER_B, wabaId: WABA });
    [ana, carla] = await Promise.all([ApiClient.login(server.url, 'ana@acme.test'), ApiClient.login(server.url, 'carla@acme.test')]);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await emulator?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  describe('a customer sends a photo', () => {
    const photo = jpeg(48_000);
    let mediaId: string;

    beforeAll(async () => {
      const sent = emulator.control.customerSends({
        phoneNumberId: NUMBER_A, from: newCustomer(), name: 'Paulo Lima', type: 'image', image: { caption: 'Foto do defeito', mime_type: 'image/jpeg', data_base64: photo.toString('base64') },
      });
      const m = await stored(sent.id);
      expect(m).toMatchObject({ type: 'image', text: 'Foto do defeito' });
      mediaId = m.media!.id;
      // What the webhook told us points at the emulator's file.
      const [row] = await db().select().from(media).where(eq(media.id, mediaId));
      expect(row!.waMediaId).toBe(sent.mediaId);
    });

    it('the download job fetches it through the Graph API into the store, keeping size, type and sha256', async () => {
      const row = await readyMedia(mediaId);
      expect(row).toMatchObject({ direction: 'in', mimeType: 'image/jpeg', size: photo.length, sha256: sha256(photo) });
      const lookups = emulator.control.requests({ method: 'GET' }).filter((r) => r.path.endsWith(`/${row.waMediaId}`));
      expect(lookups.map((r) => [r.auth, r.status])).toEqual([['ok', 200]]);
      const fetched = emulator.control.requests({ path: '/whatsapp_business/attachments' });
      expect(fetched.map((r) => [r.auth, r.status])).toEqual([['ok', 200]]);
    });

    it('the agent reads the same bytes from our API with the bearer token, and not without it', async () => {
      const res = await download(`${server.url}/api/v1/media/${mediaId}`, ana.token);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(sha256(photo));
      expect((await download(`${server.url}/api/v1/media/${mediaId}`)).status).toBe(401);
    });

    it('a signed URL works without the token, and not with a bad signature or after it expired', async () => {
      const signed = await ana.get<{ url: string; expiresAt: string }>(`/api/v1/media/${mediaId}/url`);
      expect(signed.status).toBe(200);
      const url = `${server.url}${signed.body.url}`;
      const res = await download(url);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(photo)).toBe(true);

      const tampered = new URL(url);
      const sig = tampered.searchParams.get('sig')!;
      tampered.searchParams.set('sig', `${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`);
      expect((await download(tampered.toString())).status).toBe(401);
      const otherExp = new URL(url);
      otherExp.searchParams.set('exp', String(Number(otherExp.searchParams.get('exp')) + 3600_000));
      expect((await download(otherExp.toString())).status).toBe(401);

      server.clock.advance(SIGNED_URL_TTL_MS + 1000);
      expect((await download(url)).status).toBe(401);
    });

    it("another number's agent gets 404, with or without asking for a URL", async () => {
      expect((await download(`${server.url}/api/v1/media/${mediaId}`, carla.token)).status).toBe(404);
      expect((await carla.get(`/api/v1/media/${mediaId}/url`)).status).toBe(404);
    });
  });

  it('a customer document keeps its file name and type', async () => {
    const sent = emulator.control.customerSends({ phoneNumberId: NUMBER_A, from: newCustomer(), type: 'document', document: { filename: 'boleto-marco.pdf', caption: 'Boleto' } });
    const m = await stored(sent.id);
    const row = await readyMedia(m.media!.id);
    expect(row).toMatchObject({ mimeType: 'application/pdf', filename: 'boleto-marco.pdf' });
    const res = await download(`${server.url}/api/v1/media/${row.id}`, ana.token);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect([bytes.length, sha256(bytes)]).toEqual([row.size, row.sha256]);
  });

  describe('an agent sends a file', () => {
    it('refuses what WhatsApp would refuse, before storing anything: a GIF image, an oversized JPEG, an empty file', async () => {
      const numberId = seed.numberA.numberId;
      const gif = await upload(ana, numberId, 'animacao.gif', 'image/gif', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'));
      expect(gif.status).toBe(422);
      expect(((await gif.json()) as { error: { code: string } }).error.code).toBe('media_rejected');

      const big = await upload(ana, numberId, 'grande.jpg', 'image/jpeg', jpeg(5 * 1024 * 1024 + 1));
      expect(big.status).toBe(422);
      expect(((await big.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'media_rejected', message: expect.stringMatching(/5 MB/) as string });

      const empty = await upload(ana, numberId, 'vazio.pdf', 'application/pdf', Buffer.alloc(0));
      expect(empty.status).toBe(422);
      expect(((await empty.json()) as { error: { code: string } }).error.code).toBe('media_rejected');

      const rows = await db().select().from(media).where(eq(media.direction, 'out'));
      expect(rows).toHaveLength(0);
    });

    it('accepts a streamed upload (no Content-Length) and still stops one past the limit', async () => {
      const streamed = (body: Buffer, contentType: string, filename: string) => fetch(`${server.url}/api/v1/media?numberId=${seed.numberA.numberId}&filename=${filename}`, {
        method: 'POST', headers: { authorization: `Bearer ${ana.token}`, 'content-type': contentType },
        body: new ReadableStream({ start(c) { c.enqueue(new Uint8Array(body)); c.close(); } }), duplex: 'half',
      } as RequestInit & { duplex: 'half' });
      const file = png(3000);
      const ok = await streamed(file, 'image/png', 'tela.png');
      expect(ok.status).toBe(201);
      expect((await ok.json()) as MediaInfo).toMatchObject({ size: file.length, sha256: sha256(file), status: 'ready' });
      const big = await streamed(jpeg(5 * 1024 * 1024 + 10), 'image/jpeg', 'grande.jpg');
      expect(big.status).toBe(422);
      expect(((await big.json()) as { error: { code: string } }).error.code).toBe('media_rejected');
    });

    it('refuses an upload for a number the agent does not serve', async () => {
      const res = await upload(carla, seed.numberA.numberId, 'foto.png', 'image/png', png(1000));
      expect(res.status).toBe(404);
    });

    it('uploads, then sends it with a caption: WhatsApp gets the file once and a message referencing its id', async () => {
      const inbound = emulator.control.customerSends({ phoneNumberId: NUMBER_A, from: newCustomer(), type: 'text', text: { body: 'Me manda o comprovante?' } });
      const ticketId = (await stored(inbound.id)).ticketId;
      const file = png(20_000);
      const res = await upload(ana, seed.numberA.numberId, 'comprovante.png', 'image/png', file);
      expect(res.status).toBe(201);
      const info = (await res.json()) as MediaInfo;
      expect(info).toMatchObject({ mimeType: 'image/png', filename: 'comprovante.png', size: file.length, sha256: sha256(file), status: 'ready' });

      const first = await ana.post<Message>(`/api/v1/tickets/${ticketId}/messages`, { type: 'media', mediaId: info.id, caption: 'Segue o comprovante' });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ type: 'image', text: 'Segue o comprovante', media: { id: info.id, mimeType: 'image/png' } });
      const again = await ana.post<Message>(`/api/v1/tickets/${ticketId}/messages`, { type: 'media', mediaId: info.id });
      expect(again.status).toBe(201);
      for (const id of [first.body.id, again.body.id]) {
        await vi.waitFor(async () => {
          const [m] = await db().select().from(messages).where(eq(messages.id, id));
          expect(m?.status).toBe('read');
        }, { timeout: 15_000, interval: 25 });
      }

      const uploads = emulator.control.requests({ method: 'POST', path: `/${NUMBER_A}/media` });
      expect(uploads).toHaveLength(1);
      expect(uploads[0]).toMatchObject({ auth: 'ok', status: 200 });
      expect((uploads[0]!.body as UploadLog).file).toEqual({ filename: 'comprovante.png', contentType: 'image/png', size: file.length });
      const waMediaId = (uploads[0]!.response as { id: string }).id;

      const sends = emulator.control.requests({ method: 'POST', path: `/${NUMBER_A}/messages` })
        .filter((r) => [first.body.id, again.body.id].includes((r.body as { biz_opaque_callback_data?: string }).biz_opaque_callback_data ?? ''));
      expect(sends.map((r) => r.body)).toEqual([
        { messaging_product: 'whatsapp', recipient_type: 'individual', to: inbound.message.from, type: 'image', image: { id: waMediaId, caption: 'Segue o comprovante' }, biz_opaque_callback_data: first.body.id },
        { messaging_product: 'whatsapp', recipient_type: 'individual', to: inbound.message.from, type: 'image', image: { id: waMediaId }, biz_opaque_callback_data: again.body.id },
      ]);
      // WhatsApp holds exactly our bytes under that id.
      const onMeta = await fetch(`${emulator.url}/v21.0/${waMediaId}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(((await onMeta.json()) as { sha256: string; file_size: string }).sha256).toBe(sha256(file));
    });
  });
});
