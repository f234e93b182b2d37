import { useCallback, useEffect, useRef, useState } from 'react';
import type { DesktopApi } from '../../../../shared/desktop-api';
import type { MessageView, NoteView, TicketView } from '../../../../shared/sync/queries';
import { errorCode } from './errors';
import { useLiveReload } from './live';
import type { LoadStatus } from './store';

/** Messages read from the cache at a time; scrolling to the top reads (or fetches) more. */
export const MESSAGE_PAGE = 200;

export type OlderState = { state: 'idle' | 'loading' | 'done' } | { state: 'error'; code: string };

export interface Conversation {
  status: LoadStatus;
  error: string | null;
  ticket: TicketView | null;
  messages: MessageView[];
  notes: NoteView[];
  older: OlderState;
  loadOlder(): Promise<void>;
}

const empty = { ticket: null, messages: [] as MessageView[], notes: [] as NoteView[] };

/**
 * One ticket's conversation from the cache, kept current by the change feed: the ticket, its
 * messages (the latest `limit`, growing when the agent scrolls up, fetching from the server once
 * the cache runs out) and its private notes. Marks the ticket read as customer messages show.
 */
export function useConversation(api: DesktopApi, ticketId: string): Conversation {
  const [data, setData] = useState<{ ticket: TicketView | null; messages: MessageView[]; notes: NoteView[] }>(empty);
  const [status, setStatus] = useState<LoadStatus>('loading');
  const [error, setError] = useState<string | null>(null);
  const [older, setOlder] = useState<OlderState>({ state: 'idle' });
  const limit = useRef(MESSAGE_PAGE);
  const current = useRef(ticketId);
  current.current = ticketId;

  const reload = useCallback(async () => {
    const id = ticketId;
    try {
      const [ticket, messages, notes] = await Promise.all([
        api.getTicket({ ticketId: id }),
        api.listMessages({ ticketId: id, limit: limit.current }),
        api.listNotes({ ticketId: id }),
      ]);
      if (current.current !== id) return;
      // The same ticket as a new object would re-render the header, the composer and (through the
      // store's open ticket) the whole desk at every reload, such as each page of older messages.
      setData((before) => ({ ticket: sameTicket(before.ticket, ticket) ? before.ticket : ticket, messages, notes }));
      setStatus('ready');
      setError(null);
    } catch (err) {
      if (current.current !== id) return;
      setStatus('error');
      setError(errorCode(err));
    }
  }, [api, ticketId]);

  useEffect(() => {
    limit.current = MESSAGE_PAGE;
    setData(empty);
    setStatus('loading');
    setOlder({ state: 'idle' });
    void reload();
  }, [reload]);

  useLiveReload(api, {
    changes: (changes) => changes.some((c) => c.ticketId === ticketId || (c.entity === 'outbox' && c.ticketId === null)),
    outbox: (e) => e.item.lane === `ticket:${ticketId}`,
  }, reload);

  useMarkRead(api, ticketId, data.ticket, data.messages);

  const loadOlder = useCallback(async () => {
    if (older.state === 'loading' || older.state === 'done') return;
    const server = data.messages.filter((m) => m.local === null);
    setOlder({ state: 'loading' });
    // The cache may hold more than was read: read further first.
    if (server.length >= limit.current) {
      limit.current += MESSAGE_PAGE;
      await reload();
      setOlder({ state: 'idle' });
      return;
    }
    const oldest = server[0];
    if (!oldest) {
      setOlder({ state: 'done' });
      return;
    }
    try {
      const { loaded, hasMore } = await api.loadOlderMessages({ ticketId, before: oldest.id });
      limit.current += loaded;
      await reload();
      setOlder({ state: hasMore ? 'idle' : 'done' });
    } catch (err) {
      setOlder({ state: 'error', code: errorCode(err) });
    }
  }, [api, data.messages, older.state, reload, ticketId]);

  return { status, error, ...data, older, loadOlder };
}

/** Marks a waiting or open ticket read up to its latest message whenever a new customer message shows. */
function useMarkRead(api: DesktopApi, ticketId: string, ticket: TicketView | null, messages: MessageView[]): void {
  const marked = useRef<string | null>(null);
  useEffect(() => {
    marked.current = null;
  }, [ticketId]);
  useEffect(() => {
    // A count of zero (from the server) means there is nothing to mark; unknown means maybe.
    // Reading a closed ticket's history sends no read receipts to the customer.
    if (!ticket || ticket.id !== ticketId || ticket.unread === 0 || ticket.state === 'closed') return;
    let lastServer: MessageView | undefined;
    let lastInbound: MessageView | undefined;
    for (let i = messages.length - 1; i >= 0 && !(lastServer && lastInbound); i--) {
      const m = messages[i]!;
      if (m.local !== null) continue;
      lastServer ??= m;
      if (m.direction === 'in' && !lastInbound) lastInbound = m;
    }
    if (!lastServer || !lastInbound || marked.current === lastInbound.id) return;
    marked.current = lastInbound.id;
    api.markRead({ ticketId, upTo: lastServer.id }).catch(() => {
      // Marking read is a courtesy; the next customer message tries again.
      marked.current = null;
    });
  }, [api, ticketId, ticket, messages]);
}

function sameTicket(a: TicketView | null, b: TicketView | null): boolean {
  return a === b || (a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b));
}
