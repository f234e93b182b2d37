import { Client } from 'undici';

/** One simulated user: a session token and the requests it makes, in turn. */
export interface VirtualUser {
  token: string;
  nextPath(): string;
}

export interface LoadResult {
  /** Milliseconds of every 200 answer, from sending the request to the last body byte. */
  latencies: number[];
  seconds: number;
  errors: number;
  firstError: string | undefined;
  bytes: number;
}

/** Keep-alive connections, one per concurrent user (undici, no pipelining: one request at a time each). */
export class Connections {
  readonly clients: Client[];
  constructor(baseUrl: string, count: number) {
    this.clients = Array.from({ length: count }, () => new Client(baseUrl, { pipelining: 1, keepAliveTimeout: 60_000 }));
  }
  close(): Promise<void> {
    return Promise.all(this.clients.map((c) => c.close())).then(() => undefined);
  }
}

/** One authenticated GET, parsed: for checking answers before the timed runs. */
export async function getJson(conn: Client, token: string, path: string): Promise<{ status: number; body: unknown }> {
  const res = await conn.request({ path, method: 'GET', headers: { authorization: `Bearer ${token}` } });
  const text = await res.body.text();
  return { status: res.statusCode, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/**
 * Each user sends its next request as soon as the previous answer is fully read, until
 * `durationMs` has passed (closed loop: `users.length` requests in flight at any time).
 */
export async function runLoad(conns: Connections, users: readonly VirtualUser[], durationMs: number): Promise<LoadResult> {
  const result: LoadResult = { latencies: [], seconds: 0, errors: 0, firstError: undefined, bytes: 0 };
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(users.map((user, i) => loop(conns.clients[i]!, user, deadline, result)));
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

async function loop(conn: Client, user: VirtualUser, deadline: number, out: LoadResult): Promise<void> {
  const headers = { authorization: `Bearer ${user.token}` };
  while (performance.now() < deadline) {
    const path = user.nextPath();
    const sent = performance.now();
    try {
      const res = await conn.request({ path, method: 'GET', headers });
      let bytes = 0;
      const errorBody: Buffer[] = [];
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        if (res.statusCode !== 200) errorBody.push(chunk);
      }
      const elapsed = performance.now() - sent;
      if (res.statusCode === 200) {
        out.latencies.push(elapsed);
        out.bytes += bytes;
      } else {
        out.errors++;
        out.firstError ??= `${res.statusCode} GET ${path}: ${Buffer.concat(errorBody).toString().slice(0, 300)}`;
      }
    } catch (err) {
      out.errors++;
      out.firstError ??= `GET ${path}: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
}
