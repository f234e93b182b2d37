import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqliteStore } from '../../main/store/sqlite-store';
import { DEFAULT_MPS } from '../../server/whatsapp/graph/throughput';
import type { Message } from '../../shared/api/messages';
import type { Ticket } from '../../shared/api/tickets';
import { SyncEngine } from '../../shared/sync/engine';
import type { OutboxEvent } from '../../shared/sync/flusher';
import type { FetchFn } from '../../shared/sync/http';
import { count, ms, percentile } from '../../server/bench/stats';
import { AGENT, PHONE_NUMBER_ID, startFlushRig, type FlushRig } from './flush-rig';
import { parseOutboxFlushFlags, UsageError } from './options';
import { agentText, customerText, person, seededRandom } from './phrases';

/**
 * Section `outbox-flush`: an agent's desktop engine (SyncEngine over SqliteStore, default
 * options) goes offline, queues 1,000 messages (× --scale) across 50 of their tickets, and
 * reconnects. Measured: reconnect → outbox empty, every item accepted by the server (target
 * < 2 s), and, separately, how fast the backend then drains those sends to the Graph API
 * (the emulator), which WhatsApp's per-number throughput bounds.
 */

const log = (line: string) => console.log(line);
const TARGET_MS = 2_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function waitFor(what: string, timeoutMs: number, done: () => boolean | Promise<boolean>, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(everyMs);
  }
}

function flushSize(scale: number): { messages: number; tickets: number } {
  const messages = Math.max(50, Math.round(1000 * scale));
  // 20 per ticket at full size: under WhatsApp's burst of 45 messages to one customer (pair rate).
  return { messages, tickets: Math.max(5, Math.min(50, Math.round(messages / 20))) };
}

interface Flush {
  queueMs: number;
  onlineMs: number;
  flushMs: number;
  drainMs: number;
  /** Share of the flush this process's event loop was busy. */
  busy: number;
  posts: number[];
  retries: string[];
}

/** Signs the agent in, makes them available, and has customers write until they hold `size.tickets` tickets. */
async function agentWithTickets(rig: FlushRig, engine: SyncEngine, size: { tickets: number }): Promise<Ticket[]> {
  const signed = await engine.signIn(rig.proxy.url, AGENT.email, AGENT.password);
  if (!signed.ok) throw new Error(`sign-in failed: ${signed.code} ${signed.message}`);
  await waitFor('the engine to be online and caught up', 60_000, () => engine.status.state === 'online' && !engine.status.syncing);
  engine.setStatus('online');
  await waitFor('the status change to reach the server', 30_000, () => engine.status.pending === 0);
  const rnd = seededRandom(7);
  for (let i = 0; i < size.tickets; i++) {
    const customer = person(rnd);
    await rig.emulator.control('POST', '/customers/messages', {
      phoneNumberId: PHONE_NUMBER_ID, from: `551190${String(100_000 + i)}`, name: customer.name, type: 'text', text: { body: customerText(rnd, customer.name) },
    });
  }
  const mine = () => engine.query.tickets({ numberId: rig.numberId, states: ['open'] }).filter((t) => t.assigneeId === signed.user.id);
  await waitFor(`${size.tickets} tickets assigned to the agent in the cache`, 120_000, () => mine().length >= size.tickets, 100);
  return mine();
}

/** Offline, `messages` texts queued round the tickets, back online: times until the outbox is empty and until the emulator got every send. */
async function flush(rig: FlushRig, engine: SyncEngine, tickets: Ticket[], messages: number, posts: number[]): Promise<Flush & { ids: Set<string> }> {
  rig.proxy.cut();
  await waitFor('the engine to notice it is offline', 30_000, () => engine.status.state !== 'online');
  const rnd = seededRandom(11);
  const queuedAt = performance.now();
  const ids = new Set<string>();
  for (let i = 0; i < messages; i++) {
    const t = tickets[i % tickets.length]!;
    ids.add(engine.sendText(t.id, agentText(rnd, t.contact.name ?? 'cliente')).id);
  }
  const queueMs = performance.now() - queuedAt;
  const before = (await rig.emulator.control<{ outbound: number }>('GET', '/state')).outbound;

  let sent = 0;
  let onlineAt = 0;
  let emptyAt = 0;
  const failures: string[] = [];
  const retries: string[] = [];
  engine.on('outbox', (e: OutboxEvent) => {
    if (!ids.has(e.item.id)) return;
    if (e.outcome === 'sent' && ++sent === messages) emptyAt = performance.now();
    if (e.outcome === 'failed') failures.push(`${e.error?.code ?? '?'}: ${e.error?.message ?? ''}`);
    if (e.outcome === 'retry') retries.push(e.error?.code ?? '?');
  });
  engine.subscribe((s) => {
    if (s.state === 'online' && onlineAt === 0) onlineAt = performance.now();
  });
  posts.length = 0;
  const startedAt = performance.now();
  const busyBefore = performance.eventLoopUtilization();
  rig.proxy.restore();
  engine.networkChanged(true);
  let progressAt = startedAt;
  await waitFor('the outbox to empty', 900_000, () => {
    if (performance.now() - progressAt > 15_000) {
      progressAt = performance.now();
      log(`  … ${count(sent)} of ${count(messages)} accepted after ${seconds(progressAt - startedAt)}`);
    }
    return emptyAt > 0 || failures.length > 0;
  });
  if (failures.length > 0) throw new Error(`${failures.length} items were refused, first: ${failures[0]}`);
  const busy = performance.eventLoopUtilization(busyBefore).utilization;
  let drainedAt = 0;
  await waitFor(`the emulator to receive ${messages} sends`, 600_000, async () => {
    const { outbound } = await rig.emulator.control<{ outbound: number }>('GET', '/state');
    if (outbound - before >= messages) drainedAt = performance.now();
    return drainedAt > 0;
  }, 100);
  return { ids, queueMs, onlineMs: onlineAt - startedAt, flushMs: emptyAt - startedAt, drainMs: drainedAt - startedAt, busy, posts: [...posts], retries };
}

/** How many of `ids` the server holds exactly once (by clientId), over the tickets' messages. */
async function exactlyOnceOnServer(rig: FlushRig, token: string, tickets: Ticket[], ids: Set<string>): Promise<number> {
  const seen = new Map<string, number>();
  for (const t of tickets) {
    const res = await fetch(`${rig.backend.url}/api/v1/tickets/${t.id}/messages?limit=200`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`GET messages of ${t.id}: ${res.status} ${await res.text()}`);
    for (const m of ((await res.json()) as { items: Message[] }).items) if (m.clientId && ids.has(m.clientId)) seen.set(m.clientId, (seen.get(m.clientId) ?? 0) + 1);
  }
  return [...ids].filter((id) => seen.get(id) === 1).length;
}

function report(f: Flush, messages: number, tickets: number): void {
  const sorted = [...f.posts].sort((a, b) => a - b);
  const retried = f.retries.length ? `; ${f.retries.length} retried (${[...new Set(f.retries)].join(', ')})` : '';
  log(`queued offline: ${count(messages)} sendText across ${tickets} tickets in ${seconds(f.queueMs)} (${(f.queueMs / messages).toFixed(2)} ms each: outbox item + optimistic row, one durable commit)`);
  log(`reconnect → online: ${seconds(f.onlineMs)}`);
  log(`POST requests during the flush: ${count(f.posts.length)}, answer time p50 ${ms(percentile(sorted, 50))} ms, p95 ${ms(percentile(sorted, 95))} ms (request sent → answer headers, seen from the client)${retried}`);
  log(`engine process (this one): event loop busy ${Math.round(f.busy * 100)} % of the flush (SQLite commits are synchronous: each durable one waits for the disk)`);
  log(`outbox empty (every item accepted by the server): ${seconds(f.flushMs)} after reconnect, ${count(messages / (f.flushMs / 1000))} items/s   target < ${TARGET_MS / 1000} s   ${f.flushMs < TARGET_MS ? 'PASS' : 'FAIL'}`);
  log(`Graph API drain: the emulator received all ${count(messages)} sends ${seconds(f.drainMs)} after reconnect: ${count(messages / (f.drainMs / 1000))} messages/s (WhatsApp's default throughput for a number: ${DEFAULT_MPS}/s; no target)`);
}

async function run(rig: FlushRig, size: { messages: number; tickets: number }): Promise<boolean> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gpd-bench-flush-cache-'));
  const store = SqliteStore.open(path.join(dir, 'cache.db'));
  // Times each POST the engine makes, to tell the server's share of the flush from the client's.
  const posts: number[] = [];
  const timed: FetchFn = async (input, init) => {
    const at = performance.now();
    const res = await fetch(input, init);
    if (init.method === 'POST') posts.push(performance.now() - at);
    return res;
  };
  const engine = new SyncEngine({ store, fetch: timed });
  let token = '';
  engine.on('session', (s) => (token = s.token));
  try {
    const tickets = await agentWithTickets(rig, engine, size);
    const f = await flush(rig, engine, tickets, size.messages, posts);
    const once = await exactlyOnceOnServer(rig, token, tickets, f.ids);
    const left = store.outbox().length;
    report(f, size.messages, tickets.length);
    const exact = once === f.ids.size && left === 0;
    log(`check: ${count(once)} of ${count(f.ids.size)} messages on the server exactly once; ${left} left in the outbox${exact ? '' : ' — MISMATCH'}`);
    // Targets are reported, not enforced; a lost or duplicated message is an error.
    return exact;
  } finally {
    await engine.close();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  let flags;
  try {
    flags = parseOutboxFlushFlags(process.argv.slice(2), process.env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${err.message}\n\nUsage: tsx tests/bench/outbox-flush.ts [--scale <fraction>] [--database-url <postgres admin url>]`);
    return 2;
  }
  if (flags.help) {
    log('Usage: tsx tests/bench/outbox-flush.ts [--scale <fraction>] [--database-url <postgres admin url>]\n  (or npm run bench -- --only outbox-flush …; see tests/bench/README.md)');
    return 0;
  }
  const size = flushSize(flags.scale);
  const rig = await startFlushRig({ databaseUrl: flags.databaseUrl, maxTicketsPerAgent: size.tickets + 10 });
  try {
    log(`Backend (server/main.ts) on ${rig.databaseKind}, the Cloud API emulator and this engine each in their own process; the client reaches the backend through a TCP proxy that the bench cuts.`);
    return (await run(rig, size)) ? 0 : 1;
  } finally {
    await rig.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
