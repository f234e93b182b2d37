import type { QuickReplyCategory } from '../../../../shared/api/notes';

export interface QuickReplyMatch {
  id: string;
  title: string;
  text: string;
  category: string;
}

/** Case- and accent-insensitive form ("Promoção" matches "promocao"). */
export function foldText(s: string): string {
  return s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/**
 * The replies whose title or text contains every word of `query`: title matches first (those
 * starting with the query before the rest), then text-only matches; ties keep the catalogue order.
 */
export function searchQuickReplies(categories: readonly QuickReplyCategory[], query: string, limit = 8): QuickReplyMatch[] {
  const words = foldText(query).split(/\s+/).filter(Boolean);
  const q = words.join(' ');
  const ranked: Array<{ match: QuickReplyMatch; rank: number; order: number }> = [];
  let order = 0;
  for (const category of categories) {
    for (const reply of category.replies) {
      const title = foldText(reply.title);
      const haystack = `${title}\n${foldText(reply.text)}`;
      order += 1;
      if (!words.every((w) => haystack.includes(w))) continue;
      const rank = q === '' ? 0 : title.startsWith(q) ? 0 : words.every((w) => title.includes(w)) ? 1 : 2;
      ranked.push({ match: { id: reply.id, title: reply.title, text: reply.text, category: category.name }, rank, order });
    }
  }
  ranked.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return ranked.slice(0, limit).map((r) => r.match);
}

/** The search text while the composer holds a `/` command (a leading slash, one line), else null. */
export function quickReplyQuery(text: string): string | null {
  return text.startsWith('/') && !text.includes('\n') ? text.slice(1) : null;
}
