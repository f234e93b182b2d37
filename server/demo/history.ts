import type { contacts, ticketEvents, tickets } from '../db/schema';
import { describeTemplate, renderTemplateBody, type StoredComponent } from '../domain/templates';
import { DEMO_TEMPLATES, type DemoTeam } from './demo-org';
import { Conversation, type MessageRow } from './history-conversation';
import * as lines from './history-lines';
import { person, type Person } from './history-people';
import { customerTime, DAY_MS, dailyMean, isOpen, localDayStart, localTime, MINUTE_MS, nextOpening, poisson, shortDate } from './history-time';
import { Random } from './random';

export type ContactRow = typeof contacts.$inferInsert;
export type TicketRow = typeof tickets.$inferInsert;
export type EventRow = typeof ticketEvents.$inferInsert;
export type { MessageRow };

export interface HistoryAgent {
  id: string;
  firstName: string;
}

export interface HistoryNumber {
  id: string;
  queueId: string;
  team: DemoTeam;
  /** The owner first. */
  agents: HistoryAgent[];
  volume: number;
  inactivityMinutes: number;
}

export interface HistoryInput {
  orgId: string;
  /** History ends here (epoch ms); a few conversations are still waiting or open at this moment. */
  now: number;
  numbers: HistoryNumber[];
  days?: number;
  seed?: number;
}

export interface History {
  contacts: ContactRow[];
  tickets: TicketRow[];
  messages: MessageRow[];
  events: EventRow[];
}

interface ContactState {
  row: ContactRow;
  person: Person;
  committed: boolean;
  /** Until when the customer has a ticket (Infinity while one is waiting or open). */
  busyUntil: number;
}

/** A ticket being written: its row, messages and events, and the values its texts use. */
interface Draft {
  ticketId: string;
  conv: Conversation;
  events: EventRow[];
  ticket: TicketRow;
  vars: { cliente: string; pedido: string; valor: string; rastreio: string; data: string };
}

type ActiveTemplate = 'atendimento_esta_disponivel' | 'retomar_contato' | 'promocao_semana' | 'pedido_enviado' | 'lembrete_pagamento';

type Plan =
  | { at: number; kind: 'inbound' }
  | { at: number; kind: 'active'; template: ActiveTemplate; origin: 'desk' | 'out_of_hours'; contact?: ContactState; topic?: lines.Topic };

const PROACTIVE: Record<DemoTeam, ActiveTemplate[]> = { vendas: ['retomar_contato', 'promocao_semana'], suporte: ['pedido_enviado', 'lembrete_pagamento'] };

/** "Bom dia", "Boa tarde" or "Boa noite" for the local time of a message. */
function greeting(at: number): string {
  const { hour } = localTime(at);
  if (hour >= 5 && hour < 12) return 'Bom dia';
  return hour >= 5 && hour < 18 ? 'Boa tarde' : 'Boa noite';
}

const TEMPLATE_INFO = new Map(DEMO_TEMPLATES.map((t) => [t.name, describeTemplate({ ...t, status: 'APPROVED', components: t.components as StoredComponent[] })]));

/**
 * Three months of a busy WhatsApp desk, generated from a seeded PRNG: customers write mostly in
 * business hours; most tickets are served and closed with tags, some are lost, abandoned or go
 * inactive; customers who wrote after hours get `atendimento_esta_disponivel` the next morning;
 * agents send active messages. Metric timestamps are consistent: created ≤ assigned ≤ first
 * response ≤ closed, and every message sits inside its ticket's life.
 */
export function generateHistory(input: HistoryInput): History {
  const random = new Random(input.seed ?? 20_240_901);
  const out: History = { contacts: [], tickets: [], messages: [], events: [] };
  const taken = new Set<string>();
  for (const n of input.numbers) new NumberHistory(random, input, n, out, taken).run(input.days ?? 90);
  return out;
}

class NumberHistory {
  private readonly contacts: ContactState[] = [];
  private readonly plans: Plan[] = [];
  private readonly topics: lines.Topic[];
  private readonly inactivityMs: number;

  constructor(
    private readonly random: Random,
    private readonly input: HistoryInput,
    private readonly n: HistoryNumber,
    private readonly out: History,
    private readonly taken: Set<string>,
  ) {
    this.topics = lines.TOPICS.filter((t) => t.team === n.team);
    this.inactivityMs = n.inactivityMinutes * MINUTE_MS;
  }

  run(days: number): void {
    const { now } = this.input;
    // Conversations still going on are written separately (live()); history ends a little before.
    const historyEnd = now - 2 * 3_600_000;
    for (let day = localDayStart(now - days * DAY_MS); day <= now; day += DAY_MS) {
      const { weekday } = localTime(day + 12 * 3_600_000);
      const count = poisson(this.random, dailyMean(weekday) * this.n.volume);
      for (let i = 0; i < count; i++) this.plans.push({ at: customerTime(this.random, day, weekday), kind: 'inbound' });
      if (weekday >= 1 && weekday <= 5) {
        for (let i = poisson(this.random, 0.6 * this.n.volume); i > 0; i--) {
          const at = customerTime(this.random, day, weekday);
          // Agents send active messages during their working hours only.
          if (isOpen(at)) this.plans.push({ at, kind: 'active', template: this.random.pick(PROACTIVE[this.n.team]), origin: 'desk' });
        }
      }
    }
    this.plans.sort((a, b) => a.at - b.at);
    while (this.plans.length > 0) {
      const plan = this.plans.shift()!;
      if (plan.at < now - days * DAY_MS || plan.at > historyEnd) continue;
      if (plan.kind === 'inbound') this.inbound(plan.at);
      else this.active(plan);
    }
    this.live();
  }

  private schedule(plan: Plan): void {
    const i = this.plans.findIndex((p) => p.at > plan.at);
    this.plans.splice(i < 0 ? this.plans.length : i, 0, plan);
  }

  // ---- customers ----------------------------------------------------------------------------

  private newContact(at: number): ContactState {
    const p = person(this.random, this.taken);
    return {
      person: p, committed: false, busyUntil: 0,
      row: {
        id: this.random.uuid7(at), orgId: this.input.orgId, numberId: this.n.id, waId: p.waId, phone: p.phone, name: p.name,
        profileName: p.profileName, email: p.email, city: p.city, document: p.document, createdAt: new Date(at),
      },
    };
  }

  /** A customer who wrote before and has no ticket going on, or a new one. */
  private customerFor(at: number, returningShare = 0.35): ContactState {
    if (this.contacts.length >= 15 && this.random.chance(returningShare)) {
      for (let tries = 0; tries < 8; tries++) {
        const c = this.random.pick(this.contacts);
        if (c.busyUntil < at - 3_600_000) return c;
      }
    }
    return this.newContact(at);
  }

  private agent(): HistoryAgent {
    const [owner, ...others] = this.n.agents;
    return others.length > 0 && this.random.chance(0.35) ? this.random.pick(others) : owner!;
  }

  private other(agent: HistoryAgent): HistoryAgent | null {
    const rest = this.n.agents.filter((a) => a.id !== agent.id);
    return rest.length > 0 ? this.random.pick(rest) : null;
  }

  // ---- one ticket ---------------------------------------------------------------------------

  private ticket(contact: ContactState, t0: number): Draft {
    const ticketId = this.random.uuid7(t0);
    const vars = {
      cliente: contact.person.firstName,
      pedido: `#${this.random.int(41_000, 58_999)}`,
      valor: `R$ ${this.random.int(49, 899)},${this.random.pick(['00', '90', '99'])}`,
      rastreio: `BR${this.random.int(100_000_000, 999_999_999)}BR`,
      data: shortDate(t0, this.random.int(2, 9)),
    };
    const fill = (text: string, at: number, agente?: string) =>
      text.replace(/\{(cliente|agente|pedido|valor|rastreio|data|saudacao)\}/g, (_m, key: keyof typeof vars | 'agente' | 'saudacao') => {
        if (key === 'agente') return agente ?? '';
        if (key === 'saudacao') return greeting(at);
        return vars[key];
      });
    const conv = new Conversation(this.random, { ticketId, numberId: this.n.id, contactId: contact.row.id!, waId: contact.person.waId }, fill, t0);
    const events: EventRow[] = [];
    const ticket: TicketRow = {
      id: ticketId, orgId: this.input.orgId, numberId: this.n.id, contactId: contact.row.id!, queueId: this.n.queueId,
      state: 'closed', createdAt: new Date(t0), lastMessageAt: new Date(t0), tags: [],
    };
    return { ticketId, conv, events, ticket, vars };
  }

  private event(ticketId: string, kind: EventRow['kind'], at: number, e: Partial<EventRow> = {}): EventRow {
    return { ticketId, kind, at: new Date(at), actorId: null, fromUserId: null, toUserId: null, fromQueueId: null, toQueueId: null, closeReason: null, ...e };
  }

  /** Keeps a finished (or still running) ticket, unless it would end after "now". */
  private commit(contact: ContactState, t: Draft, closedAt: number | null): boolean {
    if (closedAt !== null && closedAt > this.input.now - MINUTE_MS) return false;
    const { conv, ticket } = t;
    ticket.lastMessageAt = new Date(conv.at);
    ticket.lastMessageAuthor = conv.lastAuthor;
    ticket.lastMessagePreview = conv.lastPreview;
    const lastCustomer = conv.lastCustomerAt ?? (contact.row.lastCustomerMessageAt?.getTime() ?? null);
    ticket.windowExpiresAt = lastCustomer === null ? null : new Date(lastCustomer + DAY_MS);
    if (closedAt !== null) ticket.closedAt = new Date(closedAt);
    if (!contact.committed) {
      contact.committed = true;
      this.contacts.push(contact);
      this.out.contacts.push(contact.row);
    }
    contact.busyUntil = closedAt ?? Infinity;
    contact.row.lastInteractionAt = new Date(conv.at);
    if (conv.lastCustomerAt !== null) {
      contact.row.lastCustomerMessageAt = new Date(conv.lastCustomerAt);
      contact.row.windowExpiresAt = new Date(conv.lastCustomerAt + DAY_MS);
    }
    this.out.tickets.push(ticket);
    this.out.messages.push(...conv.messages);
    this.out.events.push(...t.events);
    return true;
  }

  private assign(t: Draft, agent: HistoryAgent, at: number): void {
    t.ticket.assigneeId = agent.id;
    t.ticket.assignedAt = new Date(at);
    t.events.push(this.event(t.ticketId, 'assigned', at, { toUserId: agent.id, fromQueueId: this.n.queueId, toQueueId: this.n.queueId }));
  }

  private close(t: Draft, reason: NonNullable<TicketRow['closeReason']>, at: number, by: HistoryAgent | null, tags: string[] = []): number {
    t.ticket.state = 'closed';
    t.ticket.closeReason = reason;
    t.ticket.closedBy = by?.id ?? null;
    t.ticket.tags = tags;
    t.events.push(this.event(t.ticketId, 'closed', at, { actorId: by?.id ?? null, fromUserId: t.ticket.assigneeId ?? null, closeReason: reason }));
    return at;
  }

  private customerPause = () => this.random.exp(150_000, 15_000, 30 * MINUTE_MS);
  private agentPause = () => this.random.exp(100_000, 10_000, 12 * MINUTE_MS);

  private tagsFor(topic: lines.Topic): string[] {
    const first = this.random.pick(topic.tags);
    const second = this.random.chance(0.25) ? this.random.pick(topic.tags) : first;
    return [...new Set([first, second])];
  }

  /**
   * The agent's part after the first response: `exchanges` back-and-forths, maybe a transfer to a
   * colleague of the number. Answers who is serving at the end.
   */
  private serve(t: Draft, topic: lines.Topic, agent: HistoryAgent, exchanges: number, mayTransfer: boolean): HistoryAgent {
    let serving = agent;
    const pairs = topic.exchanges.slice(0, Math.max(exchanges, 0));
    pairs.forEach(([customerLine, agentLine], i) => {
      t.conv.customer(customerLine, t.conv.at + this.customerPause());
      const colleague = mayTransfer && i === 0 && pairs.length > 1 && this.random.chance(0.08) ? this.other(serving) : null;
      if (colleague) {
        t.conv.agent(lines.AGENT_TRANSFER_NOTE, serving.id, colleague.firstName, t.conv.at + this.agentPause());
        const at = t.conv.at + this.random.int(10_000, 60_000);
        t.events.push(this.event(t.ticketId, 'transferred', at, { actorId: serving.id, fromUserId: serving.id, toUserId: colleague.id, fromQueueId: this.n.queueId, toQueueId: this.n.queueId }));
        t.ticket.assigneeId = colleague.id;
        serving = colleague;
        t.conv.agent(`${this.random.pick(lines.AGENT_GREETINGS)} ${agentLine}`, serving.id, serving.firstName, at + this.agentPause());
        return;
      }
      t.conv.agent(agentLine, serving.id, serving.firstName, t.conv.at + this.agentPause());
    });
    return serving;
  }

  private finish(t: Draft, serving: HistoryAgent, tags: string[]): number {
    if (this.random.chance(0.85)) t.conv.customer(this.random.pick(lines.CUSTOMER_THANKS), t.conv.at + this.customerPause());
    t.conv.agent(this.random.pick(lines.AGENT_CLOSINGS), serving.id, serving.firstName, t.conv.at + this.agentPause());
    return this.close(t, 'attended', t.conv.at + this.random.exp(3 * MINUTE_MS, 30_000, 15 * MINUTE_MS), serving, tags);
  }

  // ---- a customer writes in -------------------------------------------------------------------

  private inbound(t0: number): void {
    const contact = this.customerFor(t0);
    const topic = this.random.pick(this.topics);
    const t = this.ticket(contact, t0);
    t.events.push(this.event(t.ticketId, 'created', t0, { toQueueId: this.n.queueId }));
    t.conv.customer(this.random.pick(topic.openings), t0);

    if (!isOpen(t0)) {
      t.conv.bot(lines.BOT_OUT_OF_HOURS, t0 + this.random.int(2000, 4000));
      const wantsCallback = this.random.chance(0.6);
      if (wantsCallback) t.conv.customer(this.random.pick(lines.CUSTOMER_WANTS_CALLBACK), t.conv.at + this.random.int(20_000, 90_000));
      const closedAt = this.close(t, 'lost', t.conv.at + this.inactivityMs, null);
      if (this.commit(contact, t, closedAt) && wantsCallback && this.random.chance(0.9)) {
        const at = nextOpening(closedAt) + this.random.int(5, 50) * MINUTE_MS;
        this.schedule({ at, kind: 'active', template: 'atendimento_esta_disponivel', origin: 'out_of_hours', contact, topic });
      }
      return;
    }

    t.conv.bot(this.random.pick(lines.BOT_GREETINGS), t0 + this.random.int(1000, 3000));
    if (this.random.chance(0.6)) t.conv.customer(this.random.pick(topic.details), t.conv.at + this.random.int(20_000, 100_000));
    const outcome = this.random.weighted<'attended' | 'inactive' | 'abandoned' | 'lost'>([['attended', 74], ['inactive', 11], ['abandoned', 7], ['lost', 8]]);

    if (outcome === 'lost') {
      if (this.random.chance(0.5)) t.conv.customer(this.random.pick(lines.CUSTOMER_NUDGES), t.conv.at + this.random.int(5, 20) * MINUTE_MS);
      this.commit(contact, t, this.close(t, 'lost', t.conv.at + this.inactivityMs, null));
      return;
    }

    const agent = this.agent();
    const assignedAt = t0 + this.random.exp(150_000, 8_000, 20 * MINUTE_MS);
    this.assign(t, agent, assignedAt);
    if (outcome === 'abandoned' && this.random.chance(0.5)) {
      // Assigned, but the agent never got to answer before the customer gave up.
      t.conv.customer(this.random.pick(lines.CUSTOMER_NUDGES), Math.max(t.conv.at, assignedAt) + this.random.int(3, 15) * MINUTE_MS);
      this.commit(contact, t, this.close(t, 'abandoned', t.conv.at + this.inactivityMs, null));
      return;
    }

    const first = t.conv.agent(`${this.random.pick(lines.AGENT_GREETINGS)} ${this.random.pick(topic.acks)}`, agent.id, agent.firstName, Math.max(t.conv.at, assignedAt) + this.random.exp(80_000, 10_000, 6 * MINUTE_MS));
    t.ticket.firstResponseAt = first.createdAt!;

    if (outcome === 'attended') {
      const serving = this.serve(t, topic, agent, this.random.int(1, 3), true);
      this.commit(contact, t, this.finish(t, serving, this.tagsFor(topic)));
    } else if (outcome === 'inactive') {
      const serving = this.serve(t, topic, agent, this.random.int(0, 1), false);
      t.conv.agent(this.random.pick(lines.AGENT_FOLLOW_UPS), serving.id, serving.firstName, t.conv.at + this.random.int(5, 40) * MINUTE_MS);
      this.commit(contact, t, this.close(t, 'inactive', t.conv.at + this.inactivityMs, null));
    } else {
      const [question] = this.random.pick(topic.exchanges);
      t.conv.customer(question, t.conv.at + this.customerPause());
      this.commit(contact, t, this.close(t, 'abandoned', t.conv.at + this.inactivityMs, null));
    }
  }

  // ---- an agent starts the conversation with a template ------------------------------------

  private templateMessage(name: ActiveTemplate, vars: { cliente: string; pedido: string; valor: string; data: string }) {
    const info = TEMPLATE_INFO.get(name)!;
    const body = {
      atendimento_esta_disponivel: [vars.cliente],
      retomar_contato: [vars.cliente],
      promocao_semana: [vars.cliente, this.random.pick(['10%', '15%', '20%'])],
      pedido_enviado: [vars.cliente, vars.pedido],
      lembrete_pagamento: [vars.cliente, vars.valor, vars.data],
    }[name];
    const buttons = name === 'lembrete_pagamento' ? [{ index: 0, subType: 'url', value: vars.pedido.slice(1) }] : [];
    return {
      text: renderTemplateBody(info, body),
      content: { template: { name, language: 'pt_BR', body, header: [], buttons } },
      quickReplies: info.buttons.filter((b) => b.type === 'QUICK_REPLY').map((b) => b.text),
    };
  }

  private active(plan: Extract<Plan, { kind: 'active' }>): void {
    const t0 = plan.at;
    const contact = plan.contact ?? this.customerFor(t0, 0.8);
    if (contact.busyUntil > t0) return;
    const topic = plan.topic ?? this.random.pick(this.topics);
    const agent = this.agent();
    const t = this.ticket(contact, t0);
    t.events.push(this.event(t.ticketId, 'created', t0, { actorId: agent.id, toUserId: agent.id, toQueueId: this.n.queueId }));
    t.ticket.assigneeId = agent.id;
    t.ticket.assignedAt = new Date(t0);
    const tpl = this.templateMessage(plan.template, t.vars);
    const sent = t.conv.template(agent.id, t0, { text: tpl.text, content: tpl.content, origin: plan.origin });
    t.ticket.firstResponseAt = sent.createdAt!;

    const answer = this.random.weighted<'yes' | 'no' | 'none'>(tpl.quickReplies.length > 0 ? [['yes', 70], ['no', 15], ['none', 15]] : [['yes', 55], ['none', 45]]);
    if (answer === 'none') {
      this.commit(contact, t, this.close(t, 'inactive', t.conv.at + this.inactivityMs, null));
      return;
    }
    const replyAt = t.conv.at + this.random.exp(10 * MINUTE_MS, 30_000, 3 * 3_600_000);
    if (tpl.quickReplies.length > 0) {
      const button = tpl.quickReplies[answer === 'yes' ? 0 : 1]!;
      t.conv.customer(button, replyAt, { type: 'button', replyToId: sent.id!, content: { payload: button, text: button } });
    } else {
      t.conv.customer(this.random.pick(lines.TEXT_REPLIES_TO_ACTIVE), replyAt, { replyToId: sent.id! });
    }
    if (answer === 'no') {
      t.conv.agent(lines.TEMPLATE_NO_REPLY_ANSWER, agent.id, agent.firstName, t.conv.at + this.agentPause());
      const tags = [this.n.team === 'vendas' ? 'Sem interesse' : 'Dúvida'];
      this.commit(contact, t, this.close(t, 'attended', t.conv.at + this.random.exp(2 * MINUTE_MS, 20_000, 10 * MINUTE_MS), agent, tags));
      return;
    }
    if (plan.template === 'atendimento_esta_disponivel') {
      t.conv.customer(this.random.pick(lines.TEMPLATE_YES_REPLIES), t.conv.at + this.random.int(10_000, 60_000));
      t.conv.customer(this.random.pick(topic.openings), t.conv.at + this.random.int(20_000, 90_000));
    }
    t.conv.agent(`${this.random.pick(lines.AGENT_GREETINGS)} ${this.random.pick(topic.acks)}`, agent.id, agent.firstName, t.conv.at + this.agentPause());
    const serving = this.serve(t, topic, agent, this.random.int(1, 2), false);
    this.commit(contact, t, this.finish(t, serving, this.tagsFor(topic)));
  }

  // ---- what is going on right now ---------------------------------------------------------

  /** A couple of customers waiting in the queue and conversations in service, from the last minutes. */
  private live(): void {
    const { now } = this.input;
    const waiting = this.random.int(1, 2);
    for (let i = 0; i < waiting; i++) {
      const t0 = now - this.random.int(3, 35) * MINUTE_MS;
      const contact = this.customerFor(t0);
      const topic = this.random.pick(this.topics);
      const t = this.ticket(contact, t0);
      t.events.push(this.event(t.ticketId, 'created', t0, { toQueueId: this.n.queueId }));
      t.conv.customer(this.random.pick(topic.openings), t0);
      t.conv.bot(this.random.pick(lines.BOT_GREETINGS), t0 + this.random.int(1000, 3000));
      if (this.random.chance(0.5)) t.conv.customer(this.random.pick(topic.details), t.conv.at + this.random.int(20_000, 90_000));
      t.ticket.state = 'waiting';
      this.commit(contact, t, null);
    }
    const t0 = now - this.random.int(12, 40) * MINUTE_MS;
    const contact = this.customerFor(t0);
    const topic = this.random.pick(this.topics);
    const t = this.ticket(contact, t0);
    t.events.push(this.event(t.ticketId, 'created', t0, { toQueueId: this.n.queueId }));
    t.conv.customer(this.random.pick(topic.openings), t0);
    t.conv.bot(this.random.pick(lines.BOT_GREETINGS), t0 + this.random.int(1000, 3000));
    const agent = this.n.agents[0]!;
    const assignedAt = t0 + this.random.int(30, 180) * 1000;
    this.assign(t, agent, assignedAt);
    const first = t.conv.agent(`${this.random.pick(lines.AGENT_GREETINGS)} ${this.random.pick(topic.acks)}`, agent.id, agent.firstName, Math.max(t.conv.at, assignedAt) + this.random.int(30, 120) * 1000);
    t.ticket.firstResponseAt = first.createdAt!;
    const [question] = topic.exchanges[0]!;
    t.conv.customer(question, Math.min(now - MINUTE_MS, t.conv.at + this.random.int(1, 4) * MINUTE_MS));
    t.ticket.state = 'open';
    this.commit(contact, t, null);
  }
}
