import type { TemplateInfo } from '../../shared/api/templates';
import type { Ticket } from '../../shared/api/tickets';
import { DeskError } from '../../shared/desk/desk-error';
import { ticketsInView } from '../../shared/desk/views';
import {
  defaultSettings, desktopCallNames, type DesktopApi, type DesktopCallInput, type DesktopCallName, type DesktopCallOutput,
  type DesktopEventName, type DesktopEvents, type DesktopState,
} from '../../shared/desktop-api';
import type { MemoryStore } from '../../shared/sync/memory-store';
import { Queries } from '../../shared/sync/queries';
import type { OutboxItem } from '../../shared/sync/store';
import { benchMe, contactOf, ids, shortConversation } from './bench-data';
import { kinds } from './bench-messages';
import { benchId } from './bench-random';
import * as text from './bench-texts';
import { mediaUrlOf } from './bench-media';

type Handler<K extends DesktopCallName> = (input: DesktopCallInput<K>) => DesktopCallOutput<K> | Promise<DesktopCallOutput<K>>;
type Handlers = { [K in DesktopCallName]?: Handler<K> };

const templates: TemplateInfo[] = text.templates.map((name) => ({
  name, language: 'pt_BR', category: 'UTILITY', status: 'APPROVED', header: null,
  body: { text: 'Olá {{1}}! Podemos retomar o seu atendimento?', variables: 1 }, footer: null, buttons: [],
}));

/**
 * The desktop API of the bench page: reads come from a MemoryStore through the same query code
 * the web build and Electron use (`Queries`, `ticketsInView`), so the page pays what the real
 * app pays per call. Signed in and online, no server: nothing changes after the start, and
 * actions (sending, closing…) answer that the bench page does not do them.
 */
export function createBenchDesktop(store: MemoryStore, language: DesktopState['settings']['language']): { api: DesktopApi; shownMessages(): number } {
  const queries = new Queries(store);
  const listeners = new Map<DesktopEventName, Set<(payload: never) => void>>();
  const emit = <E extends DesktopEventName>(event: E, payload: DesktopEvents[E]) => {
    for (const l of listeners.get(event) ?? []) (l as (p: DesktopEvents[E]) => void)(payload);
  };
  let state: DesktopState = {
    platform: 'web',
    appVersion: 'bench',
    engine: { state: 'online', syncing: false, pending: 0, failed: 0, userId: ids.me, lastError: null },
    session: { userId: ids.me, userName: 'Ana Lima', baseUrl: 'http://bench.invalid' },
    me: benchMe(),
    settings: { ...defaultSettings, language, theme: 'light', baseUrl: 'http://bench.invalid', lastNumberId: ids.number },
  };
  const ticketOf = (id: string): Ticket => {
    const t = store.get('ticket', id)?.data;
    if (!t) throw new DeskError('not_found', `No ticket ${id} on the bench page.`);
    return t;
  };
  const ticketOfContact = (contactId: string) => ticketOf(benchId(kinds.ticket, Number.parseInt(contactId.slice(-12), 16)));
  let order = 0;
  let longShown = 0;

  const handlers: Handlers = {
    getState: () => state,
    setSettings: (patch) => {
      state = { ...state, settings: { ...state.settings, ...patch } };
      emit('state', state);
      return state.settings;
    },
    refresh: () => undefined,
    refreshMe: () => benchMe(),
    listTickets: ({ numberId, view, limit }) => ticketsInView(queries, { numberId, view, ...(limit === undefined ? {} : { limit }) }, ids.me),
    getTicket: ({ ticketId }) => queries.ticket(ticketId),
    listMessages: ({ ticketId, limit }) => {
      if (ticketId !== ids.bigTicket && store.messages(ticketId, 1).length === 0 && store.get('ticket', ticketId)) {
        const conv = shortConversation(ticketOf(ticketId));
        for (const m of conv.messages) store.put('message', m.id, m, 1);
        for (const n of conv.notes) store.put('note', n.id, n, 1);
      }
      const messages = queries.messages(ticketId, limit);
      if (ticketId === ids.bigTicket) longShown = Math.max(longShown, messages.length);
      return messages;
    },
    // Everything is in the cache already: there is nothing older on the "server".
    loadOlderMessages: () => ({ loaded: 0, hasMore: false }),
    listNotes: (target) => queries.notes(target),
    listOutbox: () => [],
    quickReplies: () => queries.quickReplies(),
    search: ({ numberId, text: q }) => {
      const found = store.search({ numberId, text: q });
      return { tickets: found.tickets.flatMap((t) => queries.ticket(t.id) ?? []), messages: found.messages };
    },
    getContact: ({ contactId }) => contactOf(ticketOfContact(contactId)),
    contactTickets: ({ contactId }) => {
      const current = ticketOfContact(contactId);
      const earlier = [1, 2, 3].map((k): Ticket => {
        const at = new Date(Date.parse(current.createdAt) - k * 40 * 86400_000).toISOString();
        return { ...current, id: benchId(kinds.other, 1000 + k), state: 'closed', closeReason: 'attended', tags: [text.tags[k]!], createdAt: at, closedAt: at, lastMessageAt: at, unread: 0 };
      });
      return [current, ...earlier];
    },
    templates: () => templates,
    transferTargets: () => ({
      agents: [{ id: ids.colleague, name: 'Bruno Teixeira', status: 'online', online: true }],
      queues: [{ id: ids.queue, name: 'Comercial', isDefault: true }],
    }),
    tags: () => [...text.tags],
    mediaUrl: ({ mediaId }) => ({ url: mediaUrlOf(mediaId) }),
    // Marking read is queued in the app; here it is acknowledged and nothing changes.
    markRead: ({ ticketId, upTo }): OutboxItem => ({
      id: crypto.randomUUID(), order: ++order, lane: `ticket:${ticketId}`, action: { type: 'mark_read', ticketId, upTo },
      status: 'pending', attempts: 0, error: null, createdAt: Date.now(),
    }),
  };

  const api: Record<string, unknown> = {
    on: (event: DesktopEventName, listener: (payload: never) => void) => {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  for (const name of desktopCallNames) {
    const handler = handlers[name] as ((input: unknown) => unknown) | undefined;
    api[name] = async (input: unknown) => {
      if (!handler) throw new DeskError('unsupported', `The bench page only shows the desk: "${name}" does nothing here.`);
      return handler(input);
    };
  }
  return { api: api as unknown as DesktopApi, shownMessages: () => longShown };
}
