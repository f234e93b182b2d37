import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Message } from '../../shared/api/messages';
import type { Note } from '../../shared/api/notes';
import type { Contact, Ticket } from '../../shared/api/tickets';
import type { OutboxItem } from '../../shared/sync/store';

// Rows for the store's own tests (the shared contract has its own in tests/store-contract.ts).

export const NUMBER = '01900000-0000-7000-8000-00000000000a';
export const id = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;
export const day = (d: number, minute = 0) => new Date(Date.UTC(2026, 0, d, 12, minute)).toISOString();

export const ticket = (n: number, patch: Partial<Ticket> = {}): Ticket => ({
  id: id(n), numberId: NUMBER, queueId: NUMBER, assigneeId: null, state: 'open', closeReason: null, tags: [], createdAt: day(1), assignedAt: null,
  firstResponseAt: null, closedAt: null, lastMessageAt: day(1), lastMessageAuthor: 'customer', lastMessagePreview: null, windowExpiresAt: null,
  contact: { id: id(9000 + n), name: `Cliente ${n}`, waId: '5511900000000', phone: '+55 11 90000-0000' }, ...patch,
});
export const message = (n: number, ticketId: string, createdAt: string, patch: Partial<Message> = {}): Message => ({
  id: id(n), ticketId, numberId: NUMBER, direction: 'in', author: 'customer', authorId: null, type: 'text', text: `mensagem ${n}`, media: null,
  content: null, replyToId: null, wamid: null, status: 'received', error: null, clientId: null, createdAt, ...patch,
});
export const note = (n: number, target: { ticketId?: string; contactId?: string }, createdAt = day(1)): Note => ({
  id: id(n), numberId: NUMBER, ticketId: target.ticketId ?? null, contactId: target.contactId ?? null, authorId: NUMBER, authorName: 'Ana',
  text: `nota ${n}`, createdAt, updatedAt: createdAt,
});
export const contact = (n: number, patch: Partial<Contact> = {}): Contact => ({
  id: id(n), numberId: NUMBER, waId: '5511900000000', phone: '+55 11 90000-0000', name: null, profileName: null, email: null, city: null,
  document: null, lastInteractionAt: day(1), windowExpiresAt: null, createdAt: day(1), ...patch,
});
export const outboxItem = (n: number, ticketId: string): OutboxItem => ({
  id: id(5000 + n), order: n, lane: `ticket:${ticketId}`, action: { type: 'send_text', ticketId, text: `rascunho ${n}` },
  status: 'pending', attempts: 0, error: null, createdAt: 1,
});

/** A temporary folder for database files, removed by the returned function. */
export function tempDir(): { dir: string; file: (name: string) => string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gpd-store-'));
  return { dir, file: (name) => path.join(dir, name), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
