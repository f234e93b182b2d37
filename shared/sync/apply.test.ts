import { describe, expect, it } from 'vitest';
import type { Message } from '../api/messages';
import type { Change } from '../api/sync';
import type { Ticket } from '../api/tickets';
import { applyChange, putAnswer } from './apply';
import { MemoryStore } from './memory-store';

const NUM = '01900000-0000-7000-8000-0000000000aa';
const TK = '01900000-0000-7000-8000-0000000000bb';
const at = '2026-03-02T12:00:00.000Z';
const ticket = (patch: Partial<Ticket> = {}): Ticket => ({
  id: TK, numberId: NUM, queueId: NUM, assigneeId: null, state: 'waiting', closeReason: null, tags: [], createdAt: at, assignedAt: null,
  firstResponseAt: null, closedAt: null, lastMessageAt: at, lastMessageAuthor: 'customer', lastMessagePreview: 'oi', windowExpiresAt: null,
  contact: { id: NUM, name: null, waId: '55', phone: '+55' }, ...patch,
});
const message = (id: string, patch: Partial<Message> = {}): Message => ({
  id, ticketId: TK, numberId: NUM, direction: 'in', author: 'customer', authorId: null, type: 'text', text: 'oi', media: null, content: null,
  replyToId: null, wamid: null, status: 'received', error: null, clientId: null, createdAt: at, ...patch,
});
const tc = (seq: number, data: Ticket | null): Change => ({ seq, entity: 'ticket', op: data ? 'upsert' : 'delete', id: TK, numberId: NUM, at, data });
const mc = (seq: number, m: Message): Change => ({ seq, entity: 'message', op: 'upsert', id: m.id, numberId: NUM, at, data: m });

describe('applyChange', () => {
  it('applies a change once and never lets an older one overwrite a newer one', () => {
    const s = new MemoryStore();
    expect(applyChange(s, tc(5, ticket({ state: 'open' })), 'live').applied).toMatchObject({ seq: 5, op: 'upsert' });
    expect(applyChange(s, tc(5, ticket({ state: 'open' })), 'catch-up').applied).toBeNull();
    expect(applyChange(s, tc(3, ticket({ state: 'waiting' })), 'catch-up').applied).toBeNull();
    expect(s.get('ticket', TK)).toMatchObject({ version: 5, data: { state: 'open' } });
    applyChange(s, tc(9, ticket({ state: 'closed' })), 'catch-up');
    expect(s.get('ticket', TK)?.data.state).toBe('closed');
  });

  it('keeps a removed ticket removed against older replays, its content included', () => {
    const s = new MemoryStore();
    applyChange(s, tc(2, ticket()), 'catch-up');
    applyChange(s, mc(3, message('01900000-0000-7000-8000-000000000001')), 'catch-up');
    expect(applyChange(s, tc(10, null), 'live').applied?.op).toBe('delete');
    expect(s.get('ticket', TK)).toBeNull();
    expect(s.messages(TK)).toEqual([]);
    // A late live event and a replayed page row from before the removal bring nothing back.
    expect(applyChange(s, tc(8, ticket()), 'live').applied).toBeNull();
    expect(applyChange(s, mc(7, message('01900000-0000-7000-8000-000000000002')), 'catch-up').applied).toBeNull();
    expect(s.messages(TK)).toEqual([]);
    // Assigned back later: the ticket returns and its content must be loaded again.
    expect(applyChange(s, tc(12, ticket({ state: 'open' })), 'live').hydrate).toBe(TK);
  });

  it('drops the optimistic copy when our own message arrives through the feed', () => {
    const s = new MemoryStore();
    const clientId = '01900000-0000-7000-8000-0000000000cc';
    s.putOptimistic({ outboxId: clientId, order: 1, kind: 'message', targetId: clientId, ticketId: TK, data: message(clientId, { clientId }) });
    applyChange(s, mc(4, message('01900000-0000-7000-8000-000000000003', { clientId, direction: 'out' })), 'live');
    expect(s.optimistic()).toEqual([]);
  });

  it('wipes a number at once when access to it is lost, and asks for a reload', () => {
    const s = new MemoryStore();
    applyChange(s, tc(2, ticket()), 'catch-up');
    const out = applyChange(s, { seq: 3, entity: 'access', op: 'upsert', id: NUM, numberId: NUM, at, data: { numberId: NUM, level: 'none' } }, 'live');
    expect(out.resnapshot).toBe(true);
    expect(s.tickets({})).toEqual([]);
  });
});

describe('putAnswer', () => {
  it('keeps a REST answer only if nothing newer arrived while the request was out', () => {
    const s = new MemoryStore();
    applyChange(s, tc(5, ticket({ state: 'open' })), 'live');
    expect(putAnswer(s, 'ticket', TK, ticket({ state: 'closed' }), 5)).toBe(true);
    expect(s.get('ticket', TK)).toMatchObject({ version: 5, data: { state: 'closed' } });
    // The feed's own change for it still applies afterwards.
    expect(applyChange(s, tc(6, ticket({ state: 'closed', tags: ['Venda'] })), 'live').applied).not.toBeNull();
    expect(putAnswer(s, 'ticket', TK, ticket({ state: 'open' }), 5)).toBe(false);
    expect(s.get('ticket', TK)?.data.tags).toEqual(['Venda']);
  });
});
