import { describe, expect, it } from 'vitest';
import type { Message } from '../../shared/api/messages';
import type { Ticket } from '../../shared/api/tickets';
import type { StoreChange } from '../../shared/sync/apply';
import { ME, messageRow, OTHER_AGENT, ticketRow } from '../test-data';
import { ChangeDetector, MAX_MESSAGE_AGE_MS, previewOf, type WatchSource } from './detect';

const NOW = Date.parse('2026-11-25T12:05:00.000Z');

function cache() {
  const tickets = new Map<string, Ticket>();
  const messages = new Map<string, Message>();
  const source: WatchSource = {
    ticket: (id) => tickets.get(id) ?? null,
    message: (id) => messages.get(id) ?? null,
    assignedTo: (userId) => [...tickets.values()].filter((t) => t.assigneeId === userId && t.state !== 'closed').map((t) => t.id),
  };
  const change = (entity: 'ticket' | 'message', row: Ticket | Message, source: StoreChange['source'] = 'live'): StoreChange => {
    if (entity === 'ticket') tickets.set(row.id, row as Ticket);
    else messages.set(row.id, row as Message);
    const ticketId = entity === 'ticket' ? row.id : (row as Message).ticketId;
    return { entity, op: 'upsert', id: row.id, ticketId, numberId: row.numberId, seq: 1, source };
  };
  return { source, change, tickets };
}

describe('news in the cache changes', () => {
  it('a ticket assigned to me, once, with its first customer message', () => {
    const c = cache();
    const d = new ChangeDetector();
    d.reset(ME, c.source);
    const t = ticketRow({ contactName: 'Ana Souza' });
    const m = messageRow(t, { text: 'Olá!' });
    const events = d.detect([c.change('ticket', t), c.change('message', m)], c.source, NOW);
    expect(events).toEqual([
      { kind: 'assigned', ticketId: t.id, numberId: t.numberId, contact: 'Ana Souza', preview: { text: 'Olá' } },
      { kind: 'message', ticketId: t.id, numberId: t.numberId, contact: 'Ana Souza', messageId: m.id, preview: { text: 'Olá!' } },
    ]);
    // The same ticket updated later, and the same message again, are not news.
    expect(d.detect([c.change('ticket', { ...t, lastMessagePreview: 'x' }), c.change('message', { ...m, status: 'read' })], c.source, NOW)).toEqual([]);
  });

  it("quotes the customer's last words on a new ticket, not the agent's", () => {
    const c = cache();
    const d = new ChangeDetector();
    d.reset(ME, c.source);
    const waiting = ticketRow({ lastMessagePreview: '  Bom   dia ', lastMessageAuthor: 'customer' });
    expect(d.detect([c.change('ticket', waiting)], c.source, NOW)).toEqual([expect.objectContaining({ kind: 'assigned', preview: { text: 'Bom dia' } })]);
    const answered = ticketRow({ lastMessagePreview: 'Já respondi', lastMessageAuthor: 'agent' });
    expect(d.detect([c.change('ticket', answered)], c.source, NOW)).toEqual([expect.objectContaining({ kind: 'assigned', preview: null })]);
  });

  it('tickets that were already mine at start are not new; one transferred to me is', () => {
    const c = cache();
    const old = ticketRow();
    c.tickets.set(old.id, old);
    const d = new ChangeDetector();
    d.reset(ME, c.source);
    expect(d.detect([c.change('ticket', { ...old, tags: ['x'] })], c.source, NOW)).toEqual([]);
    const theirs = ticketRow({ assigneeId: OTHER_AGENT });
    expect(d.detect([c.change('ticket', theirs)], c.source, NOW)).toEqual([]);
    expect(d.detect([c.change('ticket', { ...theirs, assigneeId: ME })], c.source, NOW)).toHaveLength(1);
    // Transferred away and back: new again.
    d.detect([c.change('ticket', { ...theirs, assigneeId: OTHER_AGENT })], c.source, NOW);
    expect(d.detect([c.change('ticket', { ...theirs, assigneeId: ME })], c.source, NOW)).toHaveLength(1);
  });

  it('only news from the server feed: not a snapshot, an answer or a local change', () => {
    const c = cache();
    const d = new ChangeDetector();
    d.reset(ME, c.source);
    for (const source of ['snapshot', 'answer', 'local'] as const) {
      const t = ticketRow();
      expect(d.detect([c.change('ticket', t, source), c.change('message', messageRow(t), source)], c.source, NOW), source).toEqual([]);
    }
    const t = ticketRow();
    expect(d.detect([c.change('ticket', t, 'catch-up')], c.source, NOW)).toHaveLength(1);
  });

  it("not my own or other agents' messages, other agents' tickets, closed tickets, or old messages", () => {
    const c = cache();
    const d = new ChangeDetector();
    const mine = ticketRow();
    const theirs = ticketRow({ assigneeId: OTHER_AGENT });
    const queued = ticketRow({ assigneeId: null, state: 'waiting' });
    const closed = ticketRow({ state: 'closed' });
    for (const t of [mine, theirs, queued, closed]) c.tickets.set(t.id, t);
    d.reset(ME, c.source);
    const changes = [
      c.change('message', messageRow(mine, { direction: 'out', author: 'agent', authorId: ME })),
      c.change('message', messageRow(mine, { direction: 'out', author: 'bot' })),
      c.change('message', messageRow(theirs)),
      c.change('message', messageRow(queued)),
      c.change('message', messageRow(closed)),
      c.change('message', messageRow(mine, { createdAt: new Date(NOW - MAX_MESSAGE_AGE_MS - 1).toISOString() })),
    ];
    expect(d.detect(changes, c.source, NOW)).toEqual([]);
  });

  it('nothing when signed out, and a reset forgets the previous user', () => {
    const c = cache();
    const d = new ChangeDetector();
    d.reset(null, c.source);
    expect(d.detect([c.change('ticket', ticketRow())], c.source, NOW)).toEqual([]);
    d.reset(OTHER_AGENT, c.source);
    expect(d.detect([c.change('ticket', ticketRow({ assigneeId: OTHER_AGENT }))], c.source, NOW)).toHaveLength(1);
  });
});

describe('message previews', () => {
  const t = ticketRow();
  it('quotes text on one line, clipped', () => {
    expect(previewOf(messageRow(t, { text: '  linha 1\n\nlinha 2 ' }))).toEqual({ text: 'linha 1 linha 2' });
    const long = previewOf(messageRow(t, { text: 'a'.repeat(500) }));
    expect('text' in long && long.text.length).toBe(140);
  });

  it('names media by kind, with its caption or the document name', () => {
    expect(previewOf(messageRow(t, { type: 'image', text: 'segue' }))).toEqual({ media: 'image', caption: 'segue' });
    expect(previewOf(messageRow(t, { type: 'audio', text: null }))).toEqual({ media: 'audio', caption: null });
    expect(previewOf(messageRow(t, { type: 'document', text: null, media: { id: 'x', mimeType: 'application/pdf', filename: 'boleto.pdf' } }))).toEqual({ media: 'document', caption: 'boleto.pdf' });
    expect(previewOf(messageRow(t, { type: 'reaction', text: null }))).toEqual({ media: 'other', caption: null });
  });
});
