import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Test-only: a real HTTP server on a free port that records requests and answers as each test scripts. */

export type RecordedRequest = { method: string; path: string; headers: http.IncomingHttpHeaders; body: Buffer };

export type Reply = { status?: number; json?: unknown; body?: string | Buffer; headers?: Record<string, string> };

export type Handler = (req: RecordedRequest, res: http.ServerResponse) => Reply | 'handled' | Promise<Reply | 'handled'>;

export type FakeGraph = {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `origin + /v21.0`: what the client takes as baseUrl. */
  baseUrl: string;
  requests: RecordedRequest[];
  handle: (h: Handler) => void;
  close: () => Promise<void>;
};

export async function startFakeGraph(): Promise<FakeGraph> {
  let handler: Handler = () => ({ status: 500, json: { error: { message: 'no handler', code: 1 } } });
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      requests.push(rec);
      void Promise.resolve(handler(rec, res)).then((reply) => {
        if (reply === 'handled') return;
        const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.body ?? '');
        res.writeHead(reply.status ?? 200, {
          'content-type': reply.json !== undefined ? 'application/json' : 'text/plain',
          'content-length': String(Buffer.byteLength(body)),
          ...reply.headers,
        });
        res.end(body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    baseUrl: `${origin}/v21.0`,
    requests,
    handle: (h) => { handler = h; },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Meta's error envelope (reference §2). */
export function metaError(code: number, title: string, details?: string, extra: Record<string, unknown> = {}): unknown {
  return {
    error: {
      message: `(#${code}) ${title}`, type: 'OAuthException', code,
      ...(details ? { error_data: { messaging_product: 'whatsapp', details } } : {}),
      fbtrace_id: 'Az8or2yhqkZfEZ-_4Qn_Bam', ...extra,
    },
  };
}
