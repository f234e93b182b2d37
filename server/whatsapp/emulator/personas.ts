import type { EmulatorContext } from './context';
import type { InboundResult } from './customers';
import * as lines from './persona-lines';
import type { PersonaOptions } from './options';
import type { CustomerMessageBody, CustomerMessageInput } from './schemas';
import type { OutboundRecord } from './state';

export type PersonaKind = 'menu' | 'callback' | 'silent' | 'media' | 'chatty' | 'template';

const WEIGHTS: Array<[PersonaKind, number]> = [['menu', 3], ['callback', 2], ['media', 2], ['chatty', 2], ['silent', 1]];
const IDLE_LIMIT_MS = 15 * 60_000;
const MAX_CONVERSATIONS = 60;

interface Conversation {
  phoneNumberId: string;
  waId: string;
  kind: PersonaKind;
  turns: number;
  lastActivity: number;
  done: boolean;
}

type Say = CustomerMessageBody;

export interface PersonaStatus {
  running: boolean;
  conversations: Array<{ phoneNumberId: string; waId: string; kind: PersonaKind; turns: number; done: boolean }>;
}

/**
 * Scripted customers for the demo: they greet, ask things, pick menu options, answer template
 * buttons, ask for a call back or go silent, with random pauses. Quiet mode never starts them.
 */
export class PersonaEngine {
  private running = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly conversations = new Map<string, Conversation>();
  private readonly random: () => number;
  private readonly newConversationMs: [number, number];
  private readonly replyMs: [number, number];
  private readonly maxPerNumber: number;

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly send: (input: CustomerMessageInput) => InboundResult,
    options: PersonaOptions = {},
  ) {
    this.random = options.random ?? Math.random;
    this.newConversationMs = options.newConversationMs ?? [3000, 10_000];
    this.replyMs = options.replyMs ?? [2000, 9000];
    this.maxPerNumber = options.maxPerNumber ?? 3;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.later(this.between(this.newConversationMs), () => this.tick());
  }

  stop(): void {
    this.running = false;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.conversations.clear();
  }

  status(): PersonaStatus {
    return {
      running: this.running,
      conversations: [...this.conversations.values()].map(({ phoneNumberId, waId, kind, turns, done }) => ({ phoneNumberId, waId, kind, turns, done })),
    };
  }

  /** A business message reached a customer's phone: the persona may answer it. */
  onBusinessMessage(record: OutboundRecord): void {
    if (!this.running) return;
    const key = `${record.phoneNumberId}:${record.to}`;
    let conv = this.conversations.get(key);
    if ((!conv || conv.done) && record.type === 'template' && this.conversations.size < MAX_CONVERSATIONS) {
      // Anyone who gets an active message answers it, even if no persona was talking.
      conv = { phoneNumberId: record.phoneNumberId, waId: record.to, kind: 'template', turns: 0, lastActivity: this.ctx.clock.now(), done: false };
      this.conversations.set(key, conv);
    }
    if (!conv || conv.done || conv.kind === 'silent') return;
    const current = conv;
    this.later(this.between(this.replyMs), () => this.answer(current, record));
  }

  private tick(): void {
    if (!this.running) return;
    this.forgetIdle();
    this.startConversation();
    this.later(this.between(this.newConversationMs), () => this.tick());
  }

  private startConversation(): void {
    const numbers = [...this.ctx.state.numbers.values()].filter((n) => n.status === 'CONNECTED');
    if (numbers.length === 0 || this.conversations.size >= MAX_CONVERSATIONS) return;
    const number = this.pick(numbers);
    const active = [...this.conversations.values()].filter((c) => c.phoneNumberId === number.id && !c.done).length;
    if (active >= this.maxPerNumber) return;
    const kind = this.weightedKind();
    const waId = `55${this.pick(lines.AREA_CODES)}9${String(Math.floor(this.random() * 1e8)).padStart(8, '0')}`;
    const customer = this.ctx.state.customer(waId);
    customer.name = this.pick(lines.NAMES);
    if (kind === 'silent') customer.autoRead = false;
    const conv: Conversation = { phoneNumberId: number.id, waId, kind, turns: 0, lastActivity: this.ctx.clock.now(), done: false };
    this.conversations.set(`${number.id}:${waId}`, conv);
    this.say(conv, { type: 'text', text: { body: this.pick(lines.GREETINGS) } });
    const second = this.opening(kind);
    if (second.length > 0) this.sayInTurn(conv, second);
  }

  private opening(kind: PersonaKind): Say[] {
    switch (kind) {
      case 'menu':
        return [{ type: 'text', text: { body: this.pick(lines.FIRST_QUESTIONS) } }];
      case 'callback':
        return [{ type: 'text', text: { body: this.pick(lines.CALLBACK_REQUESTS) } }];
      case 'media':
        return [this.mediaMessage()];
      case 'chatty':
        return lines.CHATTY_BURST.map((body) => ({ type: 'text' as const, text: { body } }));
      default:
        return [];
    }
  }

  private mediaMessage(): Say {
    const roll = this.random();
    if (roll < 0.5) return { type: 'image', image: { caption: this.pick(lines.MEDIA_CAPTIONS) } };
    if (roll < 0.8) return { type: 'audio', audio: { voice: true } };
    return { type: 'document', document: { filename: 'comprovante.pdf', caption: 'Comprovante em anexo' } };
  }

  private answer(conv: Conversation, record: OutboundRecord): void {
    if (!this.running || conv.done) return;
    conv.turns++;
    const context = { id: record.wamid };
    if (record.type === 'template' && record.quickReplies && record.quickReplies.length > 0) {
      const yes = this.random() < 0.7 || record.quickReplies.length === 1;
      const choice = record.quickReplies[yes ? 0 : 1] ?? record.quickReplies[0];
      if (!choice) return;
      this.say(conv, { type: 'button', button: { payload: choice.payload, text: choice.text }, context });
      this.sayInTurn(conv, [{ type: 'text', text: { body: this.pick(yes ? lines.TEMPLATE_YES_FOLLOW_UP : lines.TEMPLATE_NO_FOLLOW_UP) } }]);
      if (!yes) conv.done = true;
      return;
    }
    if (record.type === 'interactive') return this.pickOption(conv, record);
    if (conv.turns >= 3) {
      conv.done = true;
      this.say(conv, { type: 'reaction', reaction: { message_id: record.wamid, emoji: this.pick(lines.REACTIONS) } });
      return;
    }
    const reply = this.followUp(conv);
    this.say(conv, reply);
    if (conv.turns >= 2) conv.done = true;
  }

  private followUp(conv: Conversation): Say {
    const body = (() => {
      switch (conv.kind) {
        case 'callback':
          return conv.turns === 1 ? this.pick(lines.CALLBACK_REQUESTS) : this.pick(lines.CALLBACK_CONFIRMATIONS);
        case 'media':
          return conv.turns === 1 ? this.pick(lines.MEDIA_QUESTIONS) : this.pick(lines.THANKS);
        default:
          return conv.turns === 1 ? this.pick(lines.FOLLOW_UPS) : this.pick(lines.THANKS);
      }
    })();
    return { type: 'text', text: { body } };
  }

  private pickOption(conv: Conversation, record: OutboundRecord): void {
    const interactive = record.body.interactive as { type?: string; action?: { buttons?: Array<{ reply: { id: string; title: string } }>; sections?: Array<{ rows: Array<{ id: string; title: string; description?: string }> }> } };
    const context = { id: record.wamid };
    if (interactive.type === 'button' && interactive.action?.buttons?.length) {
      const { reply } = this.pick(interactive.action.buttons);
      this.say(conv, { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: reply.id, title: reply.title } }, context });
    } else if (interactive.type === 'list' && interactive.action?.sections?.length) {
      const row = this.pick(interactive.action.sections.flatMap((s) => s.rows));
      this.say(conv, {
        type: 'interactive',
        interactive: { type: 'list_reply', list_reply: { id: row.id, title: row.title, ...(row.description ? { description: row.description } : {}) } },
        context,
      });
    }
  }

  private say(conv: Conversation, message: Say): void {
    conv.lastActivity = this.ctx.clock.now();
    try {
      this.send({ ...message, phoneNumberId: conv.phoneNumberId, from: conv.waId } as CustomerMessageInput);
    } catch (err) {
      this.ctx.log(`persona ${conv.waId} could not send: ${err instanceof Error ? err.message : String(err)}`);
      conv.done = true;
    }
  }

  /** Sends messages one after the other, each after a short typing pause. */
  private sayInTurn(conv: Conversation, messages: Say[]): void {
    const [first, ...rest] = messages;
    if (!first) return;
    this.later(Math.round(this.between(this.replyMs) * 0.3), () => {
      if (!this.running) return;
      this.say(conv, first);
      this.sayInTurn(conv, rest);
    });
  }

  private forgetIdle(): void {
    const now = this.ctx.clock.now();
    for (const [key, conv] of this.conversations) if (conv.done || now - conv.lastActivity > IDLE_LIMIT_MS) this.conversations.delete(key);
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private between([min, max]: [number, number]): number {
    return Math.round(min + this.random() * (max - min));
  }

  private pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.random() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  private weightedKind(): PersonaKind {
    const total = WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.random() * total;
    for (const [kind, weight] of WEIGHTS) {
      roll -= weight;
      if (roll < 0) return kind;
    }
    return 'menu';
  }
}
