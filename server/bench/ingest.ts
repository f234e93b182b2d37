import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import { Client, Pool } from 'undici';
import type { Message } from '../../shared/api/messages';
import type { Change } from '../../shared/api/sync';
import { socketPath, type ClientToServerEvents, type ServerToClientEvents } from '../../shared/realtime';
import { DEV_APP_SECRET } from '../config';
import { customerMessage, inboundPayload, metaJson } from '../whatsapp/webhook/fixtures';
import { signBody } from '../whatsapp/webhook/signature';
import { cpuBetween, sampleCpu } from './cpu';
import { AGENTS, CUSTOMERS, INGEST_DATABASE, MANAGER_EMAIL, NUMBERS, agentEmail, createIngestDatabase, phoneNumberIdOf, startIngestBackend, waIdOf } from './ingest-setup';
import { BENCH_PASSWORD } from './seed';
import type { BenchContext, Measurement, Section } from './section';
import { count, ms, summarize, table } from './stats';

const FULL_SUSTAINED = 20_000;
const IN_FLIGHT = 64;
const STEADY_RATE = 500;
/** Meta redelivers; this share of posts repeats an earlier delivery, which must change nothing. */
const REDELIVERY_EVERY = 100;
/** A message whose event has not arrived this long after the last post counts as lost. */
const SETTLE_MS = 15_000;
const TARGET_RATE = 1500;
const TARGET_P99_MS = 50;

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Delivery {
  wamid: string;
  body: string;
  signature: string;
}

/** What the measuring socket saw per wamid: first event time and the message ids it carried. */
class Observer {
  readonly firstSeen = new Map<string, number>();
  readonly idsOf = new Map<string, Set<string>>();
  private waiting: { wamids: Set<string>; done: () => void } | null = null;
  lastEventAt = 0;

  onChange = (c: Change) => {
    if (c.entity !== 'message' || !c.data) return;
    const m = c.data as Message;
    if (m.direction !== 'in' || !m.wamid?.startsWith('wamid.BENCH')) return;
    const now = performance.now();
    let ids = this.idsOf.get(m.wamid);
    if (!ids) this.idsOf.set(m.wamid, (ids = new Set()));
    ids.add(m.id);
    if (this.firstSeen.has(m.wamid)) return;
    this.firstSeen.set(m.wamid, now);
    this.lastEventAt = now;
    if (this.waiting?.wamids.delete(m.wamid) && this.waiting.wamids.size === 0) this.waiting.done();
  };

  /** Resolves when every wamid was seen, or `quietMs` after the last new one. */
  async waitFor(wamids: readonly string[], quietMs: number): Promise<void> {
    const missing = new Set(wamids.filter((w) => !this.firstSeen.has(w)));
    if (missing.size === 0) return;
    await new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(finish, quietMs);
      };
      const finish = () => {
        clearTimeout(timer);
        clearInterval(poll);
        this.waiting = null;
        resolve();
      };
      let seen = this.firstSeen.size;
      const poll = setInterval(() => {
        if (this.firstSeen.size !== seen) {
          seen = this.firstSeen.size;
          arm();
        }
      }, 200);
      this.waiting = { wamids: missing, done: finish };
      arm();
    });
  }
}

let wamidCounter = 0;
/** One text message of customer `c`, signed like Meta; the wamid is unique for the whole run. */
function delivery(c: number, phase: string): Delivery {
  const waId = waIdOf(c);
  const wamid = `wamid.BENCH${phase}${(wamidCounter++).toString(36).padStart(7, '0')}`;
  const body = metaJson(inboundPayload({
    phoneNumberId: phoneNumberIdOf(c % NUMBERS), displayPhone: `551141${String(c % NUMBERS).padStart(6, '0')}`, waId, name: `Cliente ${c + 1}`,
    messages: [customerMessage('text', waId, new Date(), { text: { body: `Olá! Mensagem ${wamidCounter} do cliente ${c + 1}, pedido nº ${1000 + c} 😊` } }, wamid)],
  }));
  return { wamid, body, signature: signBody(body, DEV_APP_SECRET) };
}

interface PostLog {
  sentAt: Map<string, number>;
  errors: number;
  firstError: string | undefined;
  lastAnswerAt: number;
}

async function post(pool: Pool, d: Delivery, out: PostLog, record: boolean): Promise<void> {
  const sent = performance.now();
  if (record) out.sentAt.set(d.wamid, sent);
  try {
    const res = await pool.request({ path: '/webhooks/whatsapp', method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': d.signature }, body: d.body });
    const text = await res.body.text();
    if (res.statusCode !== 200) {
      out.errors++;
      out.firstError ??= `${res.statusCode} POST /webhooks/whatsapp: ${text.slice(0, 200)}`;
    }
  } catch (err) {
    out.errors++;
    out.firstError ??= `POST /webhooks/whatsapp: ${err instanceof Error ? err.message : String(err)}`;
  }
  out.lastAnswerAt = performance.now();
}

/** Closed loop: IN_FLIGHT posts at any time, each next one as soon as an answer arrives. */
async function postAsFastAsAccepted(pool: Pool, list: readonly Delivery[], redeliveries: ReadonlySet<number>): Promise<PostLog> {
  const out: PostLog = { sentAt: new Map(), errors: 0, firstError: undefined, lastAnswerAt: 0 };
  let next = 0;
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < list.length) {
      const i = next++;
      await post(pool, list[i]!, out, !redeliveries.has(i));
    }
  }));
  return out;
}

/** Open loop: message i is posted at start + i / rate, whatever the answers do. */
async function postAtRate(pool: Pool, list: readonly Delivery[], rate: number): Promise<PostLog> {
  const out: PostLog = { sentAt: new Map(), errors: 0, firstError: undefined, lastAnswerAt: 0 };
  const pending: Array<Promise<void>> = [];
  const start = performance.now();
  let i = 0;
  while (i < list.length) {
    const due = Math.min(list.length, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
    while (i < due) pending.push(post(pool, list[i++]!, out, true));
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(pending);
  return out;
}

async function login(baseUrl: string, email: string): Promise<string> {
  const conn = new Client(baseUrl);
  try {
    const res = await conn.request({ path: '/api/v1/auth/login', method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: BENCH_PASSWORD }) });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`login of ${email} answered ${res.statusCode}: ${text.slice(0, 200)}`);
    return (JSON.parse(text) as { token: string }).token;
  } finally {
    await conn.close();
  }
}

async function goOnline(baseUrl: string, token: string): Promise<void> {
  const conn = new Client(baseUrl);
  try {
    const res = await conn.request({
      path: '/api/v1/me/status', method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ clientId: randomUUID(), status: 'online' }),
    });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`PUT /api/v1/me/status answered ${res.statusCode}: ${text.slice(0, 200)}`);
  } finally {
    await conn.close();
  }
}

async function openSocket(baseUrl: string, token: string, onChange?: (c: Change) => void): Promise<ClientSocket> {
  const socket: ClientSocket = connect(baseUrl, { path: socketPath, auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  if (onChange) socket.on('change', onChange);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  // The ack comes once the server has put the socket in its rooms.
  await new Promise<void>((resolve) => socket.emit('sync:head', () => resolve()));
  return socket;
}

interface PhaseResult {
  scenario: string;
  clients: number;
  messages: number;
  posts: number;
  latencies: number[];
  seconds: number;
  lost: number;
  duplicated: number;
  errors: number;
  firstError: string | undefined;
  cpu: Measurement['cpu'];
  target: 'rate' | 'p99' | undefined;
}

export const ingestSection: Section = {
  name: 'ingest',
  title: 'WhatsApp webhook ingestion on PostgreSQL: signed inbound messages → the agent\'s socket',
  async run(ctx: BenchContext): Promise<Measurement[]> {
    const { options, log } = ctx;
    const sustainedCount = Math.max(500, Math.round(FULL_SUSTAINED * options.scale));
    const steadyCount = Math.round(STEADY_RATE * options.durationS);
    const started = Date.now();
    const database = await createIngestDatabase(options.databaseUrl);
    log(`  fresh database ${INGEST_DATABASE}: ${NUMBERS} numbers, ${AGENTS} agents online, a manager over every number (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    const backend = await startIngestBackend(database.url, options.profileDir);
    const sockets: ClientSocket[] = [];
    const pool = new Pool(backend.url, { connections: IN_FLIGHT, pipelining: 1, keepAliveTimeout: 60_000 });
    const observer = new Observer();
    const results: PhaseResult[] = [];
    try {
      for (let i = 0; i < AGENTS; i++) {
        const token = await login(backend.url, agentEmail(i));
        await goOnline(backend.url, token);
        sockets.push(await openSocket(backend.url, token));
      }
      sockets.push(await openSocket(backend.url, await login(backend.url, MANAGER_EMAIL), observer.onChange));

      const phase = async (scenario: string, list: Delivery[], redeliveries: ReadonlySet<number>, paced: boolean, target: PhaseResult['target']): Promise<PhaseResult> => {
        const wamids = [...new Set(list.map((d) => d.wamid))];
        const before = sampleCpu(backend.pid);
        const posted = paced ? await postAtRate(pool, list, STEADY_RATE) : await postAsFastAsAccepted(pool, list, redeliveries);
        await observer.waitFor(wamids, SETTLE_MS);
        const after = sampleCpu(backend.pid);
        const latencies: number[] = [];
        let lost = 0;
        let duplicated = 0;
        let lastEvent = 0;
        for (const w of wamids) {
          const seen = observer.firstSeen.get(w);
          if (seen === undefined) {
            lost++;
            continue;
          }
          lastEvent = Math.max(lastEvent, seen);
          latencies.push(seen - posted.sentAt.get(w)!);
          if ((observer.idsOf.get(w)?.size ?? 0) > 1) duplicated++;
        }
        const firstPost = Math.min(...posted.sentAt.values());
        // Delivered rate: every message, from the first post to the last event on the socket (paced
        // too: below the offered rate the backend fell behind and the latencies are queueing).
        const seconds = (lastEvent - firstPost) / 1000;
        const r: PhaseResult = {
          scenario, clients: paced ? 0 : IN_FLIGHT, messages: wamids.length, posts: list.length, latencies, seconds, lost, duplicated,
          errors: posted.errors, firstError: posted.firstError, cpu: cpuBetween(before, after), target,
        };
        const s = summarize(latencies, seconds);
        log(`  ${scenario}: ${count(list.length)} posts (${count(list.length - wamids.length)} redeliveries), ${count(wamids.length)} messages, ${count(s.perSecond)}/s delivered${paced ? ` (offered ${STEADY_RATE}/s${s.perSecond < STEADY_RATE * 0.95 ? ': the backend fell behind, latency is mostly queueing' : ''})` : ''}, p50 ${ms(s.p50)} ms, p99 ${ms(s.p99)} ms, lost ${lost}, duplicated ${duplicated}, errors ${posted.errors}`);
        return r;
      };

      // 1. Each customer's first message: opens a ticket and routes it (also warms the backend up).
      const first = Array.from({ length: CUSTOMERS }, (_, c) => delivery(c, 'F'));
      results.push(await phase('first messages (new tickets)', first, new Set(), false, undefined));

      // 2. As fast as the backend accepts them, with 1 % redeliveries of an earlier message.
      const sustained: Delivery[] = [];
      const redeliveries = new Set<number>();
      for (let i = 0; i < sustainedCount; i++) {
        sustained.push(delivery(i % CUSTOMERS, 'S'));
        if (i % REDELIVERY_EVERY === REDELIVERY_EVERY - 1) {
          redeliveries.add(sustained.length);
          sustained.push(sustained[sustained.length - 1 - Math.floor(REDELIVERY_EVERY / 2)]!);
        }
      }
      results.push(await phase('sustained, as fast as accepted', sustained, redeliveries, false, 'rate'));

      // 3. A steady 500 messages/s: latency webhook receipt → the manager's socket.
      const steady = Array.from({ length: steadyCount }, (_, i) => delivery((i * 7) % CUSTOMERS, 'P'));
      results.push(await phase(`steady ${STEADY_RATE}/s`, steady, new Set(), true, 'p99'));

      // What the database holds: every message once.
      const db = new pg.Client({ connectionString: database.url });
      await db.connect();
      try {
        const dup = await db.query<{ n: number }>(`select count(*)::int as n from (select wamid from messages where wamid like 'wamid.BENCH%' group by wamid having count(*) > 1) d`);
        const rows = await db.query<{ n: number }>(`select count(*)::int as n from messages where wamid like 'wamid.BENCH%'`);
        const expected = results.reduce((n, r) => n + r.messages, 0);
        log(`  database: ${count(rows.rows[0]!.n)} bench messages stored of ${count(expected)} sent, ${dup.rows[0]!.n} wamids stored more than once`);
        if (rows.rows[0]!.n !== expected || dup.rows[0]!.n > 0) {
          const last = results[results.length - 1]!;
          last.duplicated += dup.rows[0]!.n;
          last.firstError ??= `the database holds ${rows.rows[0]!.n} bench messages for ${expected} sent (${dup.rows[0]!.n} wamids twice)`;
        }
      } finally {
        await db.end();
      }
    } finally {
      for (const s of sockets) s.disconnect();
      await pool.close();
      await backend.stop();
      if (options.keep) log(`  kept ${INGEST_DATABASE} (--keep): drop it by hand when done`);
      else await database.drop();
    }

    log(`\n  ingestion (messages/s = messages ÷ (last socket event − first post); latency = post sent → the manager's socket event)\n`);
    log(table(
      [
        { title: 'scenario', align: 'left' }, { title: 'in flight' }, { title: 'posts' }, { title: 'messages' }, { title: 'msg/s' }, { title: 'p50 ms' }, { title: 'p95 ms' },
        { title: 'p99 ms' }, { title: 'max ms' }, { title: 'lost' }, { title: 'dup' }, { title: 'errors' }, { title: 'cpu% srv/pg/cli/other' }, { title: 'target', align: 'left' }, { title: 'result', align: 'left' },
      ],
      results.map((r) => {
        const s = summarize(r.latencies, r.seconds);
        const intact = r.lost === 0 && r.duplicated === 0 && r.errors === 0;
        const target = r.target === 'rate' ? `≥ ${count(TARGET_RATE)} msg/s, none lost/dup` : r.target === 'p99' ? `p99 < ${TARGET_P99_MS} ms, none lost/dup` : 'none lost/dup';
        const ok = intact && (r.target === 'rate' ? s.perSecond >= TARGET_RATE : r.target === 'p99' ? s.p99 < TARGET_P99_MS : true);
        const pct = (v: number) => Math.round(v).toString();
        return [
          r.scenario, r.clients ? String(r.clients) : 'paced', count(r.posts), count(r.messages), count(s.perSecond), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max),
          String(r.lost), String(r.duplicated), String(r.errors), `${pct(r.cpu.backend)}/${pct(r.cpu.postgres)}/${pct(r.cpu.client)}/${pct(r.cpu.other)}`, target, ok ? 'PASS' : 'FAIL',
        ];
      }),
    ));

    return results.map((r): Measurement => {
      const problems = r.lost + r.duplicated;
      return {
        scenario: r.scenario,
        clients: r.clients,
        summary: summarize(r.latencies, r.seconds),
        errors: r.errors + problems,
        firstError: r.firstError ?? (problems ? `${r.lost} messages lost, ${r.duplicated} duplicated` : undefined),
        itemsPerAnswer: 1,
        bytesPerAnswer: 0,
        cpu: r.cpu,
        target: r.target === 'rate' ? { kind: 'rps-at-least', value: TARGET_RATE } : undefined,
      };
    });
  },
};
