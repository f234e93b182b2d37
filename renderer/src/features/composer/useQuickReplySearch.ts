import { useEffect, useMemo, useState } from 'react';
import type { QuickReplyCategory } from '../../../../shared/api/notes';
import { useDesktop } from '../../desktop/context';
import { quickReplyQuery, searchQuickReplies, type QuickReplyMatch } from './quick-replies';

export interface QuickReplySearch {
  open: boolean;
  /** Null while the replies load. */
  matches: QuickReplyMatch[] | null;
  query: string;
  /** Index of the highlighted match. */
  active: number;
  move(delta: number): void;
  /** Closes the list until the text changes again. */
  dismiss(): void;
}

/**
 * The `/` quick-reply search over the composer text. Replies come from the local cache and are
 * read again each time the list opens, so an edit made meanwhile shows up.
 */
export function useQuickReplySearch(text: string): QuickReplySearch {
  const desktop = useDesktop();
  const query = quickReplyQuery(text);
  const [dismissedAt, setDismissedAt] = useState<string | null>(null);
  const open = query !== null && dismissedAt !== text;
  const [categories, setCategories] = useState<QuickReplyCategory[] | null>(null);
  const [highlight, setHighlight] = useState({ query: '', index: 0 });

  useEffect(() => {
    if (!open) return;
    let live = true;
    desktop.quickReplies({}).then(
      (found) => live && setCategories(found),
      () => live && setCategories([]),
    );
    return () => {
      live = false;
    };
  }, [desktop, open]);

  const matches = useMemo(() => (categories && query !== null ? searchQuickReplies(categories, query) : null), [categories, query]);
  const count = matches?.length ?? 0;
  const active = highlight.query === query ? Math.min(highlight.index, Math.max(0, count - 1)) : 0;

  return {
    open,
    matches,
    query: query ?? '',
    active,
    move: (delta) => count > 0 && setHighlight({ query: query ?? '', index: (active + delta + count) % count }),
    dismiss: () => setDismissedAt(text),
  };
}
