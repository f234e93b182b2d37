import pg from 'pg';
import { Client } from 'undici';
import { startFloor, type Backend } from './backend';
import { cpuBetween, sampleCpu } from './cpu';
import { Connections, getJson, runLoad, type VirtualUser } from './load';
import { BENCH_PASSWORD } from './seed';
import type { BenchContext, Measurement, Section, Target } from './section';
import { summarize } from './stats';

/** Concurrent clients measured; each is a different agent with their own session when there are enough. */
const CONCURRENCY = [1, 16];
const TARGETS: Record<number, Target> = {
  1: { kind: 'p95-below-ms', value: 5 },
  16: { kind: 'rps-at-least', value: 2000 },
};
const WARMUP_MS = 2000;
const PAGE = 50;

interface Agent {
  userId: string;
  email: string;
  /** The number where this agent has the most open tickets: their list is measured there. */
  numberId: string;
  openTickets: number;
  /** Tickets the agent may open with more than a page of messages (or their latest ones at small scales). */
  ticketIds: string[];
  token: string;
}

/** Agents with the most open tickets on one of their numbers, with tickets they may read. */
async function pickAgents(url: string, count: number): Promise<Omit<Agent, 'token'>[]> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const busiest = await db.query<{ user_id: string; email: string; number_id: string; open: number }>(`
      select * from (
        select distinct on (t.assignee_id) t.assignee_id as user_id, u.email, t.number_id, count(*)::int as open
        from tickets t join users u on u.id = t.assignee_id
        where t.state = 'open'
        group by t.assignee_id, u.email, t.number_id
        order by t.assignee_id, count(*) desc
      ) a order by open desc, email limit $1`, [count]);
    const agents: Omit<Agent, 'token'>[] = [];
    for (const a of busiest.rows) {
      const long = await db.query<{ id: string }>(`
        select t.id from tickets t
        where t.assignee_id = $1 and (select count(*) from (select 1 from messages m where m.ticket_id = t.id limit ${PAGE + 1}) x) > ${PAGE}
        limit 64`, [a.user_id]);
      const ids = long.rows.length > 0 ? long.rows : (await db.query<{ id: string }>(`select id from tickets where assignee_id = $1 order by last_message_at desc limit 64`, [a.user_id])).rows;
      agents.push({ userId: a.user_id, email: a.email, numberId: a.number_id, openTickets: a.open, ticketIds: ids.map((r) => r.id) });
    }
    return agents;
  } finally {
    await db.end();
  }
}

async function login(baseUrl: string, email: string): Promise<string> {
  const conn = new Client(baseUrl);
  try {
    const res = await conn.request({
      path: '/api/v1/auth/login', method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: BENCH_PASSWORD }),
    });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`login of ${email} answered ${res.statusCode}: ${text.slice(0, 200)}`);
    return (JSON.parse(text) as { token: string }).token;
  } finally {
    await conn.close();
  }
}

interface Scenario {
  name: string;
  /** `floor`: the bare handler of floor-server.ts, for comparison (no target). */
  server: 'backend' | 'floor';
  /** Requests of the agent's virtual user, in turn. */
  paths(agent: Agent): () => string;
}

const scenarios: Scenario[] = [
  {
    name: `ticket list (open, ${PAGE})`,
    server: 'backend',
    paths: (agent) => {
      const path = `/api/v1/tickets?numberId=${agent.numberId}&state=open&limit=${PAGE}`;
      return () => path;
    },
  },
  {
    name: 'floor: bare Fastify+pg, same statement',
    server: 'floor',
    paths: (agent) => {
      const path = `/floor/tickets?numberId=${agent.numberId}&limit=${PAGE}`;
      return () => path;
    },
  },
  {
    name: `latest ${PAGE} messages`,
    server: 'backend',
    paths: (agent) => {
      let i = 0;
      return () => `/api/v1/tickets/${agent.ticketIds[i++ % agent.ticketIds.length]}/messages?limit=${PAGE}`;
    },
  },
];

async function measure(ctx: BenchContext, baseUrl: string, backendPid: number, scenario: Scenario, agents: Agent[], clients: number): Promise<Measurement> {
  const users: VirtualUser[] = Array.from({ length: clients }, (_, i) => {
    const agent = agents[i % agents.length]!;
    return { token: agent.token, nextPath: scenario.paths(agent) };
  });
  const conns = new Connections(baseUrl, clients);
  try {
    // One checked answer per user: right status, and pages as full as the data allows.
    let items = 0;
    for (const [i, user] of users.entries()) {
      const path = user.nextPath();
      const res = await getJson(conns.clients[i]!, user.token, path);
      if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
      items += (res.body as { items: unknown[] }).items.length;
    }
    await runLoad(conns, users, Math.min(WARMUP_MS, ctx.options.durationS * 1000));
    const before = sampleCpu(backendPid);
    const run = await runLoad(conns, users, ctx.options.durationS * 1000);
    const cpu = cpuBetween(before, sampleCpu(backendPid));
    const summary = summarize(run.latencies, run.seconds);
    return {
      scenario: scenario.name, clients, summary, errors: run.errors, firstError: run.firstError,
      itemsPerAnswer: items / users.length, bytesPerAnswer: summary.requests ? run.bytes / summary.requests : 0,
      cpu, target: scenario.server === 'backend' ? TARGETS[clients] : undefined,
    };
  } finally {
    await conns.close();
  }
}

export const apiReadSection: Section = {
  name: 'api-read',
  title: `REST reads through the real API (bearer session, access checks): an agent's open tickets (page of ${PAGE}) and a ticket's latest ${PAGE} messages`,
  async run(ctx) {
    const dataset = await ctx.dataset();
    const backend = await ctx.backend();
    const wanted = Math.max(...CONCURRENCY);
    const picked = await pickAgents(dataset.url, wanted);
    if (picked.length === 0) throw new Error('the bench database has no open tickets: regenerate it (run without --keep)');
    const agents: Agent[] = [];
    // argon2 makes a sign-in cost most of a second: sign the agents in two at a time.
    for (let i = 0; i < picked.length; i += 2) {
      const pair = picked.slice(i, i + 2);
      const tokens = await Promise.all(pair.map((a) => login(backend.url, a.email)));
      pair.forEach((a, j) => agents.push({ ...a, token: tokens[j]! }));
    }
    const first = agents[0]!;
    ctx.log(`  ${agents.length} agents signed in; e.g. ${first.email}: ${first.openTickets} open tickets on their busiest number, ${first.ticketIds.length} readable tickets rotated for messages`);
    const results: Measurement[] = [];
    let floor: Backend | undefined;
    try {
      for (const scenario of scenarios) {
        const server = scenario.server === 'backend' ? backend : (floor ??= await startFloor(dataset.url));
        for (const clients of CONCURRENCY) {
          const m = await measure(ctx, server.url, server.pid, scenario, agents, clients);
          ctx.log(`  ${scenario.name}, ${clients} client${clients > 1 ? 's' : ''}: ${Math.round(m.summary.perSecond)} req/s, p95 ${m.summary.p95.toFixed(2)} ms`);
          results.push(m);
        }
      }
    } finally {
      await floor?.stop();
    }
    return results;
  },
};
