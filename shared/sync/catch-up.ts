import { z } from 'zod';
import { changeSchema, type Change } from '../api/sync';
import { applyChange, type StoreChange } from './apply';
import { ApiFailure, type Http } from './http';
import type { LocalStore } from './store';

/** A page whose changes are checked one by one: a kind this client does not know is skipped, not fatal. */
const pageSchema = z.object({ changes: z.array(z.unknown()), next: z.number().int().min(0), hasMore: z.boolean() });

export type CatchUpResult =
  | { kind: 'done'; pages: number; resnapshot: boolean; hydrate: string[] }
  /** No cursor, or the server answered 410 resync_required: load a snapshot. */
  | { kind: 'resync' }
  /** The session changed under us (signed out, another user): stop. */
  | { kind: 'aborted' };

export interface CatchUpDeps {
  http: Http;
  store: LocalStore;
  pageSize: number;
  onApplied(changes: StoreChange[]): void;
}

/**
 * Reads the change feed from the stored cursor to the head, page by page. Each page is applied
 * and the cursor moved to its `next` in one transaction, so a crash between pages resumes from
 * the last applied page. The cursor only ever comes from here, never from live events.
 */
export async function catchUp(deps: CatchUpDeps): Promise<CatchUpResult> {
  const { http, store } = deps;
  const start = store.getSession();
  if (!start || start.cursor === null) return { kind: 'resync' };
  let pages = 0;
  let resnapshot = false;
  const hydrate = new Set<string>();
  for (;;) {
    const session = store.getSession();
    if (!session || session.userId !== start.userId) return { kind: 'aborted' };
    if (session.cursor === null) return { kind: 'resync' };
    let page: z.infer<typeof pageSchema>;
    try {
      page = await http.request('GET', `/api/v1/sync?since=${session.cursor}&limit=${deps.pageSize}`, { schema: pageSchema });
    } catch (err) {
      if (err instanceof ApiFailure && err.code === 'resync_required') return { kind: 'resync' };
      throw err;
    }
    pages += 1;
    const after = store.getSession();
    if (!after || after.userId !== start.userId || after.cursor !== session.cursor) return { kind: 'aborted' };
    const applied = store.transaction(() => {
      const out: StoreChange[] = [];
      for (const raw of page.changes) {
        const parsed = changeSchema.safeParse(raw);
        if (!parsed.success) continue;
        const outcome = applyChange(store, parsed.data as Change, 'catch-up');
        if (outcome.applied) out.push(outcome.applied);
        if (outcome.resnapshot) resnapshot = true;
        if (outcome.hydrate) hydrate.add(outcome.hydrate);
      }
      store.setSession({ ...after, cursor: page.next });
      store.pruneTombstones(page.next);
      return out;
    });
    if (applied.length > 0) deps.onApplied(applied);
    if (!page.hasMore || resnapshot) return { kind: 'done', pages, resnapshot, hydrate: [...hydrate] };
  }
}
