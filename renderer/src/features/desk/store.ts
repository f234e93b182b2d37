import { create } from 'zustand';
import type { DesktopApi, TicketViewKind } from '../../../../shared/desktop-api';
import { inView } from '../../../../shared/desk/views';
import type { MessageView, TicketView } from '../../../../shared/sync/queries';
import { errorCode } from './errors';

export type LoadStatus = 'loading' | 'ready' | 'error';

/** How many ticket-id hits from message matches are looked up on a search. */
const MESSAGE_HIT_TICKETS = 20;

/**
 * The desk's state (ATD-2): which list and ticket the agent is on, the visible list, the message
 * being answered, and whether the contact panel shows. Data other panes show is loaded by them.
 */
export interface DeskStore {
  view: TicketViewKind;
  /** The search text as applied (debounced by the search box). */
  search: string;
  selectedTicketId: string | null;
  replyTo: MessageView | null;
  /** The contact panel beside the conversation (wide windows), as the agent left it. */
  contactPanelOpen: boolean;
  /** The contact panel over the conversation (narrower windows): closed again for each ticket. */
  contactDrawerOpen: boolean;
  /** Whether the panel sits beside the conversation or slides over it (set by the page from the window width). */
  panelMode: 'docked' | 'overlay';
  /** The ticket open in the conversation pane, as last loaded (the contact panel shows its customer). */
  openTicket: TicketView | null;
  tickets: TicketView[];
  listStatus: LoadStatus;
  /** The error code of the last failed load (`offline`, …). */
  listError: string | null;
  setView(view: TicketViewKind): void;
  setSearch(text: string): void;
  selectTicket(id: string | null): void;
  setReplyTo(message: MessageView | null): void;
  setContactPanelOpen(open: boolean): void;
  setContactDrawerOpen(open: boolean): void;
  setPanelMode(mode: 'docked' | 'overlay'): void;
  /** The header's contact button: shows or hides the panel the way the current mode does. */
  toggleContactPanel(): void;
  setOpenTicket(ticket: TicketView | null): void;
  /** Loads the visible list; `quiet` keeps the current rows on screen meanwhile (live updates). */
  loadTickets(api: DesktopApi, input: { numberId: string; userId: string | null; quiet?: boolean }): Promise<void>;
  /** Back to the start (another number, or signed out). */
  reset(): void;
}

const initial = {
  view: 'mine' as TicketViewKind,
  search: '',
  selectedTicketId: null,
  replyTo: null,
  contactPanelOpen: true,
  contactDrawerOpen: false,
  panelMode: 'docked' as 'docked' | 'overlay',
  openTicket: null,
  tickets: [] as TicketView[],
  listStatus: 'loading' as LoadStatus,
  listError: null,
};

export const useDeskStore = create<DeskStore>((set, get) => {
  // Answers can arrive out of order; only the latest request may fill the list.
  let latest = 0;
  return {
    ...initial,
    setView: (view) => set(view === get().view ? {} : { view, tickets: [], listStatus: 'loading', listError: null }),
    setSearch: (search) => set(search === get().search ? {} : { search, listStatus: 'loading', listError: null }),
    selectTicket: (id) => set(id === get().selectedTicketId ? {} : { selectedTicketId: id, replyTo: null, contactDrawerOpen: false }),
    setReplyTo: (replyTo) => set({ replyTo }),
    setContactPanelOpen: (contactPanelOpen) => set({ contactPanelOpen }),
    setContactDrawerOpen: (contactDrawerOpen) => set({ contactDrawerOpen }),
    setPanelMode: (panelMode) => set(panelMode === get().panelMode ? {} : { panelMode }),
    toggleContactPanel: () => {
      const s = get();
      set(s.panelMode === 'docked' ? { contactPanelOpen: !s.contactPanelOpen } : { contactDrawerOpen: !s.contactDrawerOpen });
    },
    setOpenTicket: (openTicket) => set({ openTicket }),
    reset: () => set({ ...initial, contactPanelOpen: get().contactPanelOpen, panelMode: get().panelMode }),
    async loadTickets(api, { numberId, userId, quiet = false }) {
      const request = ++latest;
      const { view, search } = get();
      if (!quiet) set({ listStatus: 'loading', listError: null });
      try {
        const tickets = search ? await searchInView(api, { numberId, view, text: search, userId }) : await api.listTickets({ numberId, view });
        if (request === latest) set({ tickets, listStatus: 'ready', listError: null });
      } catch (err) {
        if (request === latest) set({ listStatus: 'error', listError: errorCode(err) });
      }
    },
  };
});

/** Search hits (tickets by contact or preview, and the tickets of matching messages) that belong in the list. */
async function searchInView(api: DesktopApi, q: { numberId: string; view: TicketViewKind; text: string; userId: string | null }): Promise<TicketView[]> {
  const found = await api.search({ numberId: q.numberId, text: q.text });
  const byId = new Map(found.tickets.map((t) => [t.id, t]));
  const missing = [...new Set(found.messages.map((m) => m.ticketId))].filter((id) => !byId.has(id)).slice(0, MESSAGE_HIT_TICKETS);
  for (const t of await Promise.all(missing.map((ticketId) => api.getTicket({ ticketId })))) if (t) byId.set(t.id, t);
  return [...byId.values()]
    .filter((t) => inView(t, q.view, q.userId))
    .sort((a, b) => (a.lastMessageAt === b.lastMessageAt ? (a.id < b.id ? 1 : -1) : a.lastMessageAt < b.lastMessageAt ? 1 : -1));
}
