import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GraphClient } from './client';
import { GraphError, LOCAL_CODES, PayloadError } from './errors';
import { metaError, startFakeGraph, type FakeGraph } from './fake-graph';

const TOKEN = 'EAAG-media-token-0123456789';
const PNID = '106540352242922';

let graph: FakeGraph;
let client: GraphClient;

beforeAll(async () => {
  graph = await startFakeGraph();
});
afterAll(() => graph.close());
beforeEach(() => {
  graph.requests.length = 0;
  client = new GraphClient({ baseUrl: graph.baseUrl, tokenFor: () => TOKEN, timeoutMs: 2_000, mediaTimeoutMs: 2_000 });
});

async function caught(p: Promise<unknown>): Promise<GraphError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof GraphError) return e;
    throw e;
  }
  throw new Error('expected a GraphError');
}

describe('uploadMedia', () => {
  it('posts a multipart form with file, type and messaging_product', async () => {
    graph.handle(() => ({ json: { id: '1037543291543636' } }));
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    expect(await client.uploadMedia(PNID, { bytes, mimeType: 'image/jpeg', filename: 'foto.jpg' })).toEqual({ id: '1037543291543636' });
    const req = graph.requests[0]!;
    expect([req.method, req.path, req.headers.authorization]).toEqual(['POST', `/v21.0/${PNID}/media`, `Bearer ${TOKEN}`]);
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const form = await new Response(req.body, { headers: { 'content-type': req.headers['content-type']! } }).formData();
    const file = form.get('file') as File;
    expect(file.name).toBe('foto.jpg');
    expect(file.type).toBe('image/jpeg');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(bytes);
    expect(form.get('type')).toBe('image/jpeg');
    expect(form.get('messaging_product')).toBe('whatsapp');
  });

  it('refuses an empty file without calling Meta', async () => {
    await expect(client.uploadMedia(PNID, { bytes: new Uint8Array(0), mimeType: 'image/jpeg', filename: 'x.jpg' })).rejects.toBeInstanceOf(PayloadError);
    expect(graph.requests).toHaveLength(0);
  });
});

describe('getMedia', () => {
  it('resolves the id to its URL; file_size may be a string or a number', async () => {
    const url = `${graph.origin}/lookaside/?mid=1&ext=1&hash=2`;
    for (const fileSize of ['303833', 303833]) {
      graph.handle(() => ({ json: { messaging_product: 'whatsapp', url, mime_type: 'image/jpeg', sha256: 'abc', file_size: fileSize, id: '555' } }));
      expect(await client.getMedia(PNID, '555')).toStrictEqual({ id: '555', url, mimeType: 'image/jpeg', sha256: 'abc', fileSize: 303833 });
    }
    expect(graph.requests.map((r) => [r.method, r.path])).toEqual([['GET', '/v21.0/555'], ['GET', '/v21.0/555']]);
  });

  it('an unknown or expired media id is a permanent error', async () => {
    graph.handle(() => ({ status: 400, json: metaError(100, 'Invalid parameter', 'Unsupported get request. Object with ID \'555\' does not exist') }));
    expect((await caught(client.getMedia(PNID, '555'))).kind).toBe('permanent');
  });
});

describe('downloadMedia', () => {
  const audio = Buffer.alloc(50_000, 7);

  it('downloads with the Bearer token and returns bytes, type and sha256', async () => {
    graph.handle(() => ({ body: audio, headers: { 'content-type': 'audio/ogg; codecs=opus' } }));
    const url = `${graph.origin}/lookaside/?mid=9&ext=1&hash=h`;
    const got = await client.downloadMedia(PNID, url, 1_000_000);
    expect(got.bytes.equals(audio)).toBe(true);
    expect(got.mimeType).toBe('audio/ogg; codecs=opus');
    expect(got.sha256).toBe(createHash('sha256').update(audio).digest('hex'));
    expect(graph.requests[0]!.path).toBe('/lookaside/?mid=9&ext=1&hash=h');
    expect(graph.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('refuses a file whose declared size is over the cap', async () => {
    graph.handle(() => ({ body: audio, headers: { 'content-type': 'audio/ogg' } }));
    const e = await caught(client.downloadMedia(PNID, `${graph.origin}/lookaside/?mid=9`, 10_000));
    expect(e).toMatchObject({ code: LOCAL_CODES.tooLarge, kind: 'permanent' });
    expect(e.reason).toMatch(/larger than WhatsApp allows/);
  });

  it('stops reading a stream with no declared size once it passes the cap', async () => {
    let written = 0;
    graph.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4' }); // chunked: no content-length
      const chunk = Buffer.alloc(16 * 1024, 1);
      const pump = () => {
        // Endless unless the client hangs up.
        while (!res.destroyed && written < 50 * 1024 * 1024 && res.write(chunk)) written += chunk.length;
        if (!res.destroyed && written < 50 * 1024 * 1024) res.once('drain', pump);
      };
      res.on('close', () => res.destroy());
      pump();
      return 'handled';
    });
    const e = await caught(client.downloadMedia(PNID, `${graph.origin}/stream`, 100_000));
    expect(e.code).toBe(LOCAL_CODES.tooLarge);
    await new Promise((r) => setTimeout(r, 50));
    expect(written).toBeLessThan(10 * 1024 * 1024);
  });

  it('an expired URL is an error the caller can react to (re-fetch the URL)', async () => {
    graph.handle(() => ({ status: 404, body: 'URL signature expired' }));
    const e = await caught(client.downloadMedia(PNID, `${graph.origin}/lookaside/?mid=9`, 1_000));
    expect(e).toMatchObject({ httpStatus: 404, kind: 'permanent', details: 'URL signature expired' });
  });

  it('only downloads http(s) URLs', async () => {
    await expect(client.downloadMedia(PNID, 'file:///etc/passwd', 1_000)).rejects.toBeInstanceOf(PayloadError);
    expect(graph.requests).toHaveLength(0);
  });
});
