import { graphErrors } from './errors';
import { decodeCursor, encodeCursor } from './ids';

export interface Page<T> {
  data: T[];
  paging?: { cursors: { before: string; after: string }; next?: string; previous?: string };
}

/**
 * Cursor paging as Graph does it: `limit`, `after`/`before` cursors, and `next`/`previous`
 * links only when there is such a page (clients loop on `paging.next`).
 */
export function paginate<T>(items: T[], query: Record<string, string>, pageUrl: URL, defaultLimit = 25): Page<T> {
  const limit = query.limit === undefined ? defaultLimit : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1) throw graphErrors.invalidParameter('Param limit must be a positive integer.');
  let start = 0;
  if (query.after !== undefined) {
    const pos = decodeCursor(query.after);
    if (pos === null) throw graphErrors.invalidParameter('Param after is not a valid cursor.');
    start = pos + 1;
  } else if (query.before !== undefined) {
    const pos = decodeCursor(query.before);
    if (pos === null) throw graphErrors.invalidParameter('Param before is not a valid cursor.');
    start = Math.max(0, pos - limit);
  }
  const end = Math.min(items.length, start + limit);
  const data = items.slice(start, end);
  if (data.length === 0) return { data };
  const link = (key: 'after' | 'before', cursor: string) => {
    const url = new URL(pageUrl);
    for (const [k, v] of Object.entries(query)) if (k !== 'after' && k !== 'before' && k !== 'access_token') url.searchParams.set(k, v);
    url.searchParams.set('limit', String(limit));
    url.searchParams.set(key, cursor);
    return url.toString();
  };
  const before = encodeCursor(start);
  const after = encodeCursor(end - 1);
  return {
    data,
    paging: {
      cursors: { before, after },
      ...(end < items.length ? { next: link('after', after) } : {}),
      ...(start > 0 ? { previous: link('before', before) } : {}),
    },
  };
}
