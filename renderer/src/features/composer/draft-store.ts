import { create } from 'zustand';

/** Unsent composer text per ticket, so switching tickets does not lose what the agent typed. */
interface DraftStore {
  drafts: Record<string, string>;
  setDraft(ticketId: string, text: string): void;
}

export const useDraftStore = create<DraftStore>((set) => ({
  drafts: {},
  setDraft: (ticketId, text) =>
    set((s) => {
      const drafts = { ...s.drafts };
      if (text) drafts[ticketId] = text;
      else delete drafts[ticketId];
      return { drafts };
    }),
}));
