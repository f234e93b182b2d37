import { describe, expect, it } from 'vitest';
import type { Message } from '../shared/api/messages';
import type { Note } from '../shared/api/notes';
import type { Contact, Ticket } from '../shared/api/tickets';
import type { LocalStore, OutboxItem } from '../shared/sync/store';

const NUM_A = '01900000-0000-7000-8000-00000000000a';
const NUM_B = '01900000-0000-7000-8000-00000000000b';
const id = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 12, minute)).toISOString();

export const ticketRow = (n: number, patch: Partial<Ticket> = {}): Ticket => ({
  id: id(n), numberId: NUM_A, queueId: NUM_A, assigneeId: null, state: 'waiting', closeReason: null, tags: [], createdAt: at(0), assignedAt: null,
  firstResponseAt: null, closedAt: null, lastMessageAt: at(n), lastMessageAuthor: 'customer', lastMessagePreview: 'oi', windowExpiresAt: null,
  contact: { id: id(900 + n), name: null, waId: '55', phone: '+55' }, ...patch,
});
const messageRow = (n: number, ticketId: string, minute: number, patch: Partial<Message> = {}): Message => ({
  id: id(n), ticketId, numberId: NUM_A, direction: 'in', author: 'customer', authorId: null, type: 'text', text: `m${n}`, media: null,
  content: null, replyToId: null, wamid: null, status: 'received', error: null, clientId: null, createdAt: at(minute), ...patch,
});
const noteRow = (n: number, target: { ticketId?: string; contactId?: string }, minute: number, numberId = NUM_A): Note => ({
  id: id(n), numberId, ticketId: target.ticketId ?? null, contactId: target.contactId ?? null, authorId: NUM_A, authorName: 'Ana',
  text: `n${n}`, createdAt: at(minute), updatedAt: at(minute),
});
const contactRow = (n: number, patch: Partial<Contact> = {}): Contact => ({
  id: id(n), numberId: NUM_A, waId: '5511900000000', phone: '+55 11 90000-0000', name: null, profileName: null, email: null, city: null,
  document: null, lastInteractionAt: null, windowExpiresAt: null, createdAt: at(0), ...patch,
});
const outboxItem = (n: number): OutboxItem => ({
  id: id(500 + n), order: n, lane: `ticket:${id(1)}`, action: { type: 'send_text', ticketId: id(1), text: `draft ${n}` },
  status: 'pending', attempts: 0, error: null, createdAt: 1,
});

/** What every LocalStore must do, checked on each implementation (memory, better-sqlite3). */
export function runStoreContract(name: string, makeStore: () => Promise<LocalStore>): void {
  describe(`LocalStore contract (${name})`, () => {
    it('keeps every write of a transaction, or none of them when it throws', async () => {
      const s = await makeStore();
      const item = outboxItem(1);
      expect(() =>
        s.transaction(() => {
          s.putOutboxItem(item);
          s.putOptimistic({ outboxId: item.id, order: 1, kind: 'message', targetId: item.id, ticketId: id(1), data: messageRow(2, id(1), 1) });
          s.put('ticket', id(1), ticketRow(1), 3);
          s.transaction(() => s.setSession({ userId: NUM_A, userName: 'Ana', orgId: NUM_B, baseUrl: 'http://x', cursor: 3 }));
          throw new Error('crash in the middle');
        }),
      ).toThrow('crash in the middle');
      expect([s.outbox(), s.optimistic(), s.tickets({}), s.getSession()]).toEqual([[], [], [], null]);

      s.transaction(() => {
        s.putOutboxItem(item);
        s.putOptimistic({ outboxId: item.id, order: 1, kind: 'message', targetId: item.id, ticketId: id(1), data: messageRow(2, id(1), 1) });
      });
      expect(s.getOutboxItem(item.id)).toEqual(item);
      expect(s.optimistic({ ticketId: id(1) }).map((r) => r.outboxId)).toEqual([item.id]);
    });

    it('rolls back a wipe inside a failed transaction', async () => {
      const s = await makeStore();
      s.put('ticket', id(1), ticketRow(1), 1);
      s.putOutboxItem(outboxItem(1));
      expect(() => s.transaction(() => {
        s.clearAll();
        s.put('ticket', id(2), ticketRow(2), 2);
        throw new Error('no');
      })).toThrow();
      expect(s.tickets({}).map((t) => t.id)).toEqual([id(1)]);
      expect(s.outbox()).toHaveLength(1);
    });

    it('holds versions, and tombstones after a removal until they are pruned', async () => {
      const s = await makeStore();
      expect(s.versionOf('ticket', id(1))).toBeNull();
      s.put('ticket', id(1), ticketRow(1), 4);
      expect(s.get('ticket', id(1))).toEqual({ kind: 'ticket', id: id(1), version: 4, data: ticketRow(1) });
      s.put('message', id(2), messageRow(2, id(1), 1), 5);
      s.put('note', id(3), noteRow(3, { ticketId: id(1) }, 1), 6);
      s.put('read_marker', id(1), { ticketId: id(1), upTo: id(2), at: at(2) }, 7);
      s.remove('ticket', id(1), 9);
      expect(s.get('ticket', id(1))).toBeNull();
      expect(s.versionOf('ticket', id(1))).toBe(9);
      expect([s.messages(id(1)), s.notes({ ticketId: id(1) }), s.get('read_marker', id(1))]).toEqual([[], [], null]);
      s.pruneTombstones(8);
      expect(s.versionOf('ticket', id(1))).toBe(9);
      s.pruneTombstones(9);
      expect(s.versionOf('ticket', id(1))).toBeNull();
      s.put('ticket', id(1), ticketRow(1), 12);
      expect(s.versionOf('ticket', id(1))).toBe(12);
    });

    it('lists tickets by number and state, latest activity first', async () => {
      const s = await makeStore();
      s.put('ticket', id(1), ticketRow(1, { state: 'open' }), 1);
      s.put('ticket', id(2), ticketRow(2), 1);
      s.put('ticket', id(3), ticketRow(3, { state: 'closed' }), 1);
      s.put('ticket', id(4), ticketRow(4, { numberId: NUM_B }), 1);
      s.put('ticket', id(5), ticketRow(5, { lastMessageAt: at(2) }), 1);
      expect(s.tickets({ numberId: NUM_A }).map((t) => t.id)).toEqual([id(3), id(5), id(2), id(1)]);
      expect(s.tickets({ numberId: NUM_A, states: ['waiting', 'open'] }).map((t) => t.id)).toEqual([id(5), id(2), id(1)]);
      expect(s.tickets({ states: ['waiting'], limit: 2 }).map((t) => t.id)).toEqual([id(4), id(5)]);
    });

    it('lists messages and notes in server order (time, then id)', async () => {
      const s = await makeStore();
      const t = id(1);
      s.put('message', id(14), messageRow(14, t, 3), 1);
      s.put('message', id(12), messageRow(12, t, 1), 1);
      s.put('message', id(11), messageRow(11, t, 3), 1);
      s.put('message', id(13), messageRow(13, id(2), 0), 1);
      expect(s.messages(t).map((m) => m.id)).toEqual([id(12), id(11), id(14)]);
      expect(s.messages(t, 2).map((m) => m.id)).toEqual([id(11), id(14)]);
      s.put('note', id(21), noteRow(21, { ticketId: t }, 5), 1);
      s.put('note', id(22), noteRow(22, { ticketId: t }, 4), 1);
      s.put('note', id(23), noteRow(23, { contactId: id(7) }, 4), 1);
      expect(s.notes({ ticketId: t }).map((n) => n.id)).toEqual([id(22), id(21)]);
      expect(s.notes({ contactId: id(7) }).map((n) => n.id)).toEqual([id(23)]);
    });

    it('removes a number and everything under it, nothing else', async () => {
      const s = await makeStore();
      s.put('ticket', id(1), ticketRow(1), 1);
      s.put('ticket', id(2), ticketRow(2, { numberId: NUM_B }), 1);
      s.put('message', id(3), messageRow(3, id(1), 1), 1);
      s.put('note', id(4), noteRow(4, { contactId: id(8) }, 1), 1);
      s.put('note', id(5), noteRow(5, { contactId: id(9) }, 1, NUM_B), 1);
      s.removeNumber(NUM_A);
      expect(s.tickets({}).map((t) => t.id)).toEqual([id(2)]);
      expect(s.messages(id(1))).toEqual([]);
      expect(s.notes({ contactId: id(8) })).toEqual([]);
      expect(s.notes({ contactId: id(9) })).toHaveLength(1);
    });

    it('clears the cache but keeps the session and the outbox; clears everything on request', async () => {
      const s = await makeStore();
      s.setSession({ userId: NUM_A, userName: 'Ana', orgId: NUM_B, baseUrl: 'http://x', cursor: 9 });
      s.put('ticket', id(1), ticketRow(1), 1);
      s.remove('ticket', id(2), 3);
      s.put('quick_reply_category', id(3), { id: id(3), name: 'Saudações', authorId: NUM_A, replies: [], updatedAt: at(1) }, 1);
      const item = outboxItem(1);
      s.putOutboxItem(item);
      s.putOptimistic({ outboxId: item.id, order: 1, kind: 'ticket', targetId: id(1), ticketId: id(1), data: { state: 'closed' } });
      s.clearCache();
      expect([s.tickets({}), s.list('quick_reply_category'), s.versionOf('ticket', id(2))]).toEqual([[], [], null]);
      expect(s.getSession()?.cursor).toBe(9);
      expect(s.outbox()).toHaveLength(1);
      expect(s.optimistic()).toHaveLength(1);
      s.clearAll();
      expect([s.getSession(), s.outbox(), s.optimistic()]).toEqual([null, [], []]);
    });

    it('orders the outbox and optimistic rows by their order, and updates items in place', async () => {
      const s = await makeStore();
      for (const n of [3, 1, 2]) s.putOutboxItem(outboxItem(n));
      expect(s.outbox().map((i) => i.order)).toEqual([1, 2, 3]);
      s.putOutboxItem({ ...outboxItem(2), status: 'failed', error: { code: 'window_closed', message: 'closed' } });
      expect(s.outbox().map((i) => i.status)).toEqual(['pending', 'failed', 'pending']);
      s.removeOutboxItem(outboxItem(1).id);
      expect(s.outbox().map((i) => i.order)).toEqual([2, 3]);
    });

    describe('search', () => {
      const contact = (n: number, name: string | null, phone = '+55 11 90000-0000') => ({ id: id(900 + n), name, waId: digits(phone), phone });
      const digits = (p: string) => p.replace(/\D/g, '');
      async function seeded(): Promise<LocalStore> {
        const s = await makeStore();
        s.put('ticket', id(1), ticketRow(1, { contact: contact(1, 'João Conceição', '+55 11 98765-4321'), lastMessagePreview: 'Quero um orçamento' }), 1);
        s.put('ticket', id(2), ticketRow(2, { contact: contact(2, 'Maria Silva'), lastMessagePreview: 'Obrigada!' }), 1);
        s.put('ticket', id(3), ticketRow(3, { contact: contact(3, 'Silvana Souza'), numberId: NUM_B, lastMessagePreview: null }), 1);
        s.put('ticket', id(4), ticketRow(4, { contact: contact(4, null, '+55 21 3333-1234'), lastMessagePreview: 'bom dia' }), 1);
        s.put('message', id(11), messageRow(11, id(1), 1, { text: 'Qual é o PREÇO do ônibus?' }), 1);
        s.put('message', id(12), messageRow(12, id(1), 5, { text: null, type: 'document', media: { id: 'm1', mimeType: 'application/pdf', filename: 'Orçamento-final.pdf' } }), 1);
        s.put('message', id(13), messageRow(13, id(2), 3, { text: 'o preço está ótimo' }), 1);
        s.put('message', id(14), messageRow(14, id(3), 4, { text: 'preço "especial" OR NEAR(x) *', numberId: NUM_B }), 1);
        return s;
      }
      const ids = (r: { tickets: Ticket[]; messages: Message[] }) => ({ tickets: r.tickets.map((t) => t.id), messages: r.messages.map((m) => m.id) });

      it('finds tickets by contact name and last message, ignoring case and accents, by word prefix', async () => {
        const s = await seeded();
        expect(ids(s.search({ text: 'joao' })).tickets).toEqual([id(1)]);
        expect(ids(s.search({ text: 'CONCEIÇAO' })).tickets).toEqual([id(1)]);
        expect(ids(s.search({ text: 'silv' })).tickets).toEqual([id(3), id(2)]);
        expect(ids(s.search({ text: 'ilva' })).tickets).toEqual([]);
        expect(ids(s.search({ text: 'orcamen' })).tickets).toEqual([id(1)]);
        expect(ids(s.search({ text: 'maria obrig' })).tickets).toEqual([id(2)]);
        expect(ids(s.search({ text: 'maria joão' })).tickets).toEqual([]);
      });

      it('finds tickets by phone digits, with or without punctuation', async () => {
        const s = await seeded();
        expect(ids(s.search({ text: '98765-4321' })).tickets).toEqual([id(1)]);
        expect(ids(s.search({ text: '11987654321' })).tickets).toEqual([id(1)]);
        expect(ids(s.search({ text: '(21) 3333' })).tickets).toEqual([id(4)]);
        expect(ids(s.search({ text: '3333-12' })).tickets).toEqual([id(4)]);
      });

      it('finds a ticket through its cached contact record (profile name)', async () => {
        const s = await seeded();
        expect(ids(s.search({ text: 'zeca' })).tickets).toEqual([]);
        s.put('contact', id(904), contactRow(904, { profileName: 'Zeca Pagodinho', phone: '+55 21 3333-1234' }), 1);
        expect(ids(s.search({ text: 'zeca' })).tickets).toEqual([id(4)]);
        expect(ids(s.search({ text: 'pagod bom dia' })).tickets).toEqual([id(4)]);
        s.put('contact', id(904), contactRow(904, { profileName: 'Zé', phone: '+55 21 3333-1234' }), 2);
        expect(ids(s.search({ text: 'zeca' })).tickets).toEqual([]);
        expect(ids(s.search({ text: 'ze' })).tickets).toEqual([id(4)]);
        s.remove('contact', id(904), 3);
        expect(ids(s.search({ text: 'ze' })).tickets).toEqual([]);
      });

      it('finds messages by text, caption and file name, newest first, within a number', async () => {
        const s = await seeded();
        expect(ids(s.search({ text: 'preco' })).messages).toEqual([id(14), id(13), id(11)]);
        expect(ids(s.search({ text: 'preco', numberId: NUM_A })).messages).toEqual([id(13), id(11)]);
        expect(ids(s.search({ text: 'preço', limit: 1 }))).toEqual({ tickets: [], messages: [id(14)] });
        expect(ids(s.search({ text: 'preço', limit: 0 }))).toEqual({ tickets: [], messages: [] });
        expect(ids(s.search({ text: 'orçamento' })).messages).toEqual([id(12)]);
        expect(ids(s.search({ text: 'final pdf' })).messages).toEqual([id(12)]);
        expect(ids(s.search({ text: 'ônibus preço' })).messages).toEqual([id(11)]);
      });

      it('treats quotes and search operators in the input as plain words', async () => {
        const s = await seeded();
        for (const text of ['"', '""', '*', '(', ')', ':', '-', '^', '"preço', 'preço"', 'NEAR(', 'OR', 'AND NOT', 'a:b', "'"]) {
          expect(() => s.search({ text })).not.toThrow();
        }
        expect(ids(s.search({ text: '"especial' })).messages).toEqual([id(14)]);
        expect(ids(s.search({ text: 'preço OR' })).messages).toEqual([id(14)]);
        expect(ids(s.search({ text: 'near(x' })).messages).toEqual([id(14)]);
        expect(ids(s.search({ text: 'especial NOT preço' })).messages).toEqual([]);
        expect(ids(s.search({ text: '  "* ' }))).toEqual({ tickets: [], messages: [] });
      });

      it('follows updates and removals, and forgets everything on clearCache', async () => {
        const s = await seeded();
        s.put('message', id(13), messageRow(13, id(2), 3, { text: 'combinado' }), 2);
        expect(ids(s.search({ text: 'preco' })).messages).toEqual([id(14), id(11)]);
        expect(ids(s.search({ text: 'combin' })).messages).toEqual([id(13)]);
        s.put('ticket', id(2), ticketRow(2, { contact: contact(2, 'Mariana Lopes'), lastMessagePreview: 'ok' }), 2);
        expect(ids(s.search({ text: 'silva' })).tickets).toEqual([id(3)]);
        s.remove('ticket', id(1), 3);
        expect(ids(s.search({ text: 'preco' }))).toEqual({ tickets: [], messages: [id(14)] });
        s.remove('message', id(14), 4);
        expect(ids(s.search({ text: 'preco' })).messages).toEqual([]);
        s.clearCache();
        expect(ids(s.search({ text: 'mariana' }))).toEqual({ tickets: [], messages: [] });
        s.put('ticket', id(2), ticketRow(2, { contact: contact(2, 'Mariana Lopes') }), 5);
        s.put('message', id(13), messageRow(13, id(2), 3, { text: 'voltou' }), 5);
        expect(ids(s.search({ text: 'mariana' }))).toEqual({ tickets: [id(2)], messages: [] });
        expect(ids(s.search({ text: 'voltou' }))).toEqual({ tickets: [], messages: [id(13)] });
      });
    });
  });
}
