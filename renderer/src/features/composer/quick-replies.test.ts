import { describe, expect, it } from 'vitest';
import type { QuickReplyCategory } from '../../../../shared/api/notes';
import { quickReplyQuery, searchQuickReplies } from './quick-replies';

const category = (name: string, replies: Array<[string, string]>): QuickReplyCategory => ({
  id: `0190a000-0000-7000-8000-${name.padStart(12, '0').slice(0, 12)}`,
  name,
  authorId: '0190a000-0000-7000-8000-000000000000',
  updatedAt: '2026-01-01T00:00:00.000Z',
  replies: replies.map(([title, text], i) => ({ id: `${name}-${i}`, title, text })),
});

const catalogue = [
  category('Vendas', [
    ['Promoção da semana', 'Esta semana tem 15% de desconto.'],
    ['Pagamento', 'Aceitamos Pix, cartão e boleto.'],
  ]),
  category('Suporte', [
    ['Troca', 'A troca é feita em até 7 dias; a promoção não vale para trocas.'],
    ['Saudação', 'Olá! Como posso ajudar?'],
  ]),
];

describe('quick reply search', () => {
  it('ignores case and accents, ranking title matches before text matches', () => {
    expect(searchQuickReplies(catalogue, 'PROMOCAO').map((r) => r.title)).toEqual(['Promoção da semana', 'Troca']);
    expect(searchQuickReplies(catalogue, 'pix')).toEqual([{ id: 'Vendas-1', title: 'Pagamento', text: 'Aceitamos Pix, cartão e boleto.', category: 'Vendas' }]);
  });

  it('needs every word, and lists everything for an empty query up to the limit', () => {
    expect(searchQuickReplies(catalogue, 'troca dias').map((r) => r.title)).toEqual(['Troca']);
    expect(searchQuickReplies(catalogue, 'troca natal')).toEqual([]);
    expect(searchQuickReplies(catalogue, '')).toHaveLength(4);
    expect(searchQuickReplies(catalogue, '', 3)).toHaveLength(3);
  });

  it('searches only while the text is a one-line command starting with /', () => {
    expect(quickReplyQuery('/pro')).toBe('pro');
    expect(quickReplyQuery('/')).toBe('');
    expect(quickReplyQuery('a/pro')).toBeNull();
    expect(quickReplyQuery('/pro\nmais')).toBeNull();
  });
});
