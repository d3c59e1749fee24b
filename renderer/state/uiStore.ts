import { create } from 'zustand';

export const VIEWS = ['accounts', 'journal', 'coverage', 'activity', 'settings'] as const;
export type View = (typeof VIEWS)[number];

interface UiState {
  view: View;
  /** The account a notification or link asked to show. */
  focusAccountId: string | null;
  addingAccount: boolean;
  setView(view: View): void;
  focusAccount(accountId: string | null): void;
  setAddingAccount(open: boolean): void;
}

export const useUiStore = create<UiState>()((set) => ({
  view: 'accounts',
  focusAccountId: null,
  addingAccount: false,
  setView: (view) => set({ view }),
  focusAccount: (focusAccountId) => set({ view: 'accounts', focusAccountId }),
  setAddingAccount: (addingAccount) => set({ addingAccount }),
}));
