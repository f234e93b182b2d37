import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from './migrate';
import { candidateQuery, ftsQuery } from './search';
import { SqliteStore } from './sqlite-store';
import { day, id, message, NUMBER, ticket } from './test-rows';

const OTHER = '01900000-0000-7000-8000-00000000000b';
function store(): SqliteStore {
  const db = new Database(':memory:');
  migrate(db);
  return new SqliteStore(db);
}

describe('SqliteStore search', () => {
  it('quotes every word, so nothing typed is read as an FTS5 operator', () => {
    expect(ftsQuery(['near', 'a"b'])).toBe('"near"* "a""b"*');
    expect(candidateQuery(['orcamento', 'x', 'jo'])).toBe('"orc"* "jo"*');
    expect(candidateQuery(['a', 'b'])).toBe('"a"* "b"*');
  });

  it('finds a rare word behind thousands of newer messages sharing its first letters', () => {
    const s = store();
    const t = id(1);
    s.transaction(() => {
      s.put('message', id(2), message(2, t, day(1), { text: 'uma pedra no caminho' }), 1);
      for (let n = 0; n < 3000; n++) s.put('message', id(10_000 + n), message(10_000 + n, t, day(2, n % 600), { text: `pedido ${n}` }), 1);
    });
    expect(s.search({ text: 'pedra' }).messages.map((m) => m.id)).toEqual([id(2)]);
    const newest = s.search({ text: 'pedi', limit: 3 }).messages;
    expect(newest).toHaveLength(3);
    expect(newest.every((m) => m.createdAt === day(2, 599))).toBe(true);
  });

  it('keeps to one number even when another holds every recent match', () => {
    const s = store();
    s.transaction(() => {
      s.put('message', id(2), message(2, id(1), day(1), { text: 'boleto vencido' }), 1);
      for (let n = 0; n < 2500; n++) {
        s.put('message', id(10_000 + n), message(10_000 + n, id(3), day(3, n % 600), { text: 'boleto novo', numberId: OTHER }), 1);
      }
      s.put('ticket', id(1), ticket(1, { lastMessageAt: day(1), lastMessagePreview: 'boleto vencido' }), 1);
      for (let n = 0; n < 2500; n++) s.put('ticket', id(20_000 + n), ticket(20_000 + n, { numberId: OTHER, lastMessageAt: day(3), lastMessagePreview: 'boleto novo' }), 1);
    });
    expect(s.search({ text: 'boleto venc', numberId: NUMBER }).messages.map((m) => m.id)).toEqual([id(2)]);
    expect(s.search({ text: 'boleto', numberId: NUMBER }).tickets.map((t) => t.id)).toEqual([id(1)]);
    expect(s.search({ text: 'boleto', limit: 10 }).tickets).toHaveLength(10);
  });

  it('moves a ticket to the top of its search results when it gets a new message', () => {
    const s = store();
    s.put('ticket', id(1), ticket(1, { lastMessageAt: day(1), lastMessagePreview: 'troca do produto' }), 1);
    s.put('ticket', id(2), ticket(2, { lastMessageAt: day(2), lastMessagePreview: 'troca do tamanho' }), 1);
    expect(s.search({ text: 'troca' }).tickets.map((t) => t.id)).toEqual([id(2), id(1)]);
    s.put('ticket', id(1), ticket(1, { lastMessageAt: day(3), lastMessagePreview: 'troca feita' }), 2);
    expect(s.search({ text: 'troca' }).tickets.map((t) => t.id)).toEqual([id(1), id(2)]);
    expect(s.search({ text: 'produto' }).tickets).toEqual([]);
  });
});
