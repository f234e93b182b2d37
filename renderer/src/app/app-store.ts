import { create } from 'zustand';
import type { DesktopState } from '../../../shared/desktop-api';

/**
 * App-wide state every feature may read: the host's state (engine status, session, /me, settings)
 * as last pushed, and the number the agent is working on (G1). Feature stores keep their own data.
 */
export interface AppStore {
  desktop: DesktopState | null;
  /** The selected number (one of `desktop.me.numbers`), or null before one is chosen. */
  numberId: string | null;
  setDesktop(state: DesktopState): void;
  setNumberId(id: string | null): void;
}

export const useAppStore = create<AppStore>((set) => ({
  desktop: null,
  numberId: null,
  setDesktop: (desktop) => set({ desktop }),
  setNumberId: (numberId) => set({ numberId }),
}));
