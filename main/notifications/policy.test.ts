import { describe, expect, it } from 'vitest';
import type { NotableEvent } from './detect';
import { NotificationPolicy, type PolicyContext } from './policy';

const T0 = Date.UTC(2026, 10, 25, 14, 0, 0);
const ctx = (over: Partial<PolicyContext> = {}): PolicyContext => ({ now: T0, focused: false, agentStatus: 'online', doNotDisturb: false, language: 'en', ...over });

const ticket = (n: number) => ({ ticketId: `t${n}`, numberId: 'n1', contact: ['Ana', 'Bruno', 'Carla', 'Diego', 'Elisa'][n - 1] ?? `C${n}` });
let msgSeq = 0;
const msg = (n: number, text = `hello ${++msgSeq}`): NotableEvent => ({ kind: 'message', ...ticket(n), messageId: `m${++msgSeq}`, preview: { text } });
const assigned = (n: number, preview: string | null = null): NotableEvent => ({ kind: 'assigned', ...ticket(n), preview: preview === null ? null : { text: preview } });

describe('what is notified', () => {
  it('a customer message while the window is not focused', () => {
    const p = new NotificationPolicy();
    expect(p.onEvents([msg(1, 'Oi, preciso de ajuda')], ctx())).toEqual([
      { key: 'ticket:t1', title: 'Ana', body: 'Oi, preciso de ajuda', target: { ticketId: 't1', numberId: 'n1' } },
    ]);
  });

  it('no customer message while the agent is looking at the window', () => {
    const p = new NotificationPolicy();
    expect(p.onEvents([msg(1)], ctx({ focused: true }))).toEqual([]);
    expect(p.nextDueAt()).toBeNull();
  });

  it('a new ticket assigned to the agent, focused or not, merged with its first message', () => {
    const p = new NotificationPolicy();
    expect(p.onEvents([assigned(1)], ctx({ focused: true }))).toEqual([
      { key: 'ticket:t1', title: 'New ticket: Ana', body: 'Open it to reply.', target: { ticketId: 't1', numberId: 'n1' } },
    ]);
    const q = new NotificationPolicy();
    expect(q.onEvents([assigned(2), msg(2, 'Quero um orçamento')], ctx())).toEqual([
      { key: 'ticket:t2', title: 'New ticket: Bruno', body: 'Quero um orçamento', target: { ticketId: 't2', numberId: 'n1' } },
    ]);
  });

  it("quotes the ticket's last customer words when the first message came before the assignment", () => {
    const q = new NotificationPolicy();
    expect(q.onEvents([assigned(2, 'Quero um orçamento')], ctx())).toEqual([
      { key: 'ticket:t2', title: 'New ticket: Bruno', body: 'Quero um orçamento', target: { ticketId: 't2', numberId: 'n1' } },
    ]);
  });

  it('describes media by kind, with its caption', () => {
    const p = new NotificationPolicy();
    const photo: NotableEvent = { kind: 'message', ...ticket(1), messageId: 'x', preview: { media: 'image', caption: 'nota fiscal' } };
    const voice: NotableEvent = { kind: 'message', ...ticket(2), messageId: 'y', preview: { media: 'audio', caption: null } };
    expect(p.onEvents([photo, voice], ctx({ language: 'pt-BR' })).map((n) => n.body)).toEqual(['Foto: nota fiscal', 'Mensagem de voz']);
  });
});

describe('when nothing is notified', () => {
  it.each([
    ['paused', { agentStatus: 'paused' as const }],
    ['invisible', { agentStatus: 'invisible' as const }],
    ['do not disturb', { doNotDisturb: true }],
  ])('while %s: neither tickets nor messages, and nothing later either', (_name, over) => {
    const p = new NotificationPolicy();
    expect(p.onEvents([assigned(1), msg(1), msg(2)], ctx(over))).toEqual([]);
    expect(p.nextDueAt()).toBeNull();
    // Back online: only new news is told, not what came during the pause.
    expect(p.onEvents([msg(3, 'depois')], ctx({ now: T0 + 60_000 }))).toEqual([expect.objectContaining({ key: 'ticket:t3', body: 'depois' })]);
  });

  it('drops merged news that waited when the agent pauses meanwhile', () => {
    const p = new NotificationPolicy();
    p.onEvents([msg(1)], ctx());
    p.onEvents([msg(1)], ctx({ now: T0 + 1000 }));
    expect(p.nextDueAt()).toBe(T0 + 5000);
    expect(p.tick(ctx({ now: T0 + 5000, agentStatus: 'paused' }))).toEqual([]);
    expect(p.nextDueAt()).toBeNull();
  });
});

describe('bursts', () => {
  it('several messages from one customer within the burst become one "3 new messages from Ana"', () => {
    const p = new NotificationPolicy({ burstMs: 5000, maxTickets: 3 });
    expect(p.onEvents([msg(1, 'oi')], ctx())).toHaveLength(1);
    expect(p.onEvents([msg(1, 'tudo bem?')], ctx({ now: T0 + 1000 }))).toEqual([]);
    expect(p.onEvents([msg(1, 'preciso de ajuda')], ctx({ now: T0 + 2500 }))).toEqual([]);
    expect(p.nextDueAt()).toBe(T0 + 5000);
    expect(p.tick(ctx({ now: T0 + 4999 }))).toEqual([]);
    expect(p.tick(ctx({ now: T0 + 5000 }))).toEqual([
      { key: 'ticket:t1', title: '3 new messages from Ana', body: 'preciso de ajuda', target: { ticketId: 't1', numberId: 'n1' } },
    ]);
    expect(p.nextDueAt()).toBeNull();
  });

  it('a batch of messages (a catch-up) is one notification at once', () => {
    const p = new NotificationPolicy();
    expect(p.onEvents([msg(1, 'a'), msg(1, 'b'), msg(1, 'c'), msg(1, 'd')], ctx())).toEqual([
      expect.objectContaining({ key: 'ticket:t1', title: '4 new messages from Ana', body: 'd' }),
    ]);
  });

  it('a steady stream updates the notification at most once per burst', () => {
    const p = new NotificationPolicy({ burstMs: 5000, maxTickets: 3 });
    const shown: number[] = [];
    for (let s = 0; s <= 20; s++) {
      const now = T0 + s * 1000;
      const at = (list: unknown[]) => list.forEach(() => shown.push(s));
      at(p.tick(ctx({ now })));
      at(p.onEvents([msg(1)], ctx({ now })));
    }
    expect(shown).toEqual([0, 5, 10, 15, 20]);
  });

  it('keeps counting until the agent looks, then starts over', () => {
    const p = new NotificationPolicy();
    p.onEvents([msg(1), msg(1)], ctx());
    expect(p.onEvents([msg(1)], ctx({ now: T0 + 60_000 }))[0]!.title).toBe('3 new messages from Ana');
    p.clear();
    expect(p.onEvents([msg(1, 'again')], ctx({ now: T0 + 120_000 }))[0]).toMatchObject({ title: 'Ana', body: 'again' });
    p.ticketOpened('t1');
    expect(p.onEvents([msg(1, 'once more')], ctx({ now: T0 + 121_000 }))[0]).toMatchObject({ title: 'Ana', body: 'once more' });
  });

  it('one notification per customer, up to three; more customers at once share a summary', () => {
    const p = new NotificationPolicy({ burstMs: 5000, maxTickets: 3 });
    const first = p.onEvents([msg(1), msg(2), msg(3), msg(4), msg(4), msg(5, 'última')], ctx());
    expect(first.map((n) => n.key)).toEqual(['ticket:t1', 'ticket:t2', 'ticket:t3', 'summary']);
    expect(first[3]).toEqual({ key: 'summary', title: '3 new messages from 2 customers', body: 'Latest: Elisa: última', target: { ticketId: 't5', numberId: 'n1' } });
    // More from a summarised customer within the burst: merged into the summary when it is due.
    expect(p.onEvents([msg(4, 'de novo')], ctx({ now: T0 + 1000 }))).toEqual([]);
    expect(p.tick(ctx({ now: T0 + 5000 }))).toEqual([expect.objectContaining({ key: 'summary', title: '4 new messages from 2 customers', body: 'Latest: Diego: de novo' })]);
    // After the burst, a summarised customer gets a notification of their own again.
    expect(p.onEvents([msg(5, 'oi?')], ctx({ now: T0 + 20_000 }))).toEqual([expect.objectContaining({ key: 'ticket:t5', title: 'Elisa', body: 'oi?' })]);
  });

  it('counts a new ticket without a message as one item in the summary', () => {
    const p = new NotificationPolicy({ burstMs: 5000, maxTickets: 1 });
    const shown = p.onEvents([assigned(1), assigned(2), assigned(3)], ctx());
    expect(shown.map((n) => [n.key, n.title, n.body])).toEqual([
      ['ticket:t1', 'New ticket: Ana', 'Open it to reply.'],
      ['summary', '2 new messages from 2 customers', 'New ticket: Carla'],
    ]);
  });
});
