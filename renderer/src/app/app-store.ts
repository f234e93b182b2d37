import { create } from 'zustand';
import type { DesktopEvents, DesktopState } from '../../../shared/desktop-api';

/** A ticket a notification or the tray asked to see. */
export type TicketToOpen = DesktopEvents['openTicket'];

/**
 * App-wide state every feature may read: the host's state (engine status, session, /me, settings)
 * as last pushed, and the number the agent is working on (G1). Feature stores keep their own data.
 */
export interface AppStore {
  desktop: DesktopState | null;
  /** The selected number (one of `desktop.me.numbers`), or null before one is chosen. */
  numberId: string | null;
  /**
   * A ticket asked for (notification click) that the desk has not opened yet. Kept here because
   * the desk may not be on screen when the click comes: it opens the ticket when it mounts.
   */
  ticketToOpen: TicketToOpen | null;
  setDesktop(state: DesktopState): void;
  setNumberId(id: string | null): void;
  /** Switches to the ticket's number and leaves the ticket for the desk to open. */
  requestTicket(target: TicketToOpen): void;
  /** The desk opened it (or it no longer applies). */
  clearTicketToOpen(): void;
}

export const useAppStore = create<AppStore>((set) => ({
  desktop: null,
  numberId: null,
  ticketToOpen: null,
  setDesktop: (desktop) => set({ desktop }),
  setNumberId: (numberId) => set({ numberId }),
  requestTicket: (target) => set({ numberId: target.numberId, ticketToOpen: { ...target } }),
  clearTicketToOpen: () => set({ ticketToOpen: null }),
}));
