import { create } from 'zustand';
import type { JournalTargetKind } from '../../../db/records';
import { EMPTY_FILTERS } from '../filters';
import type { JournalFilters } from '../filters';

export const JOURNAL_TABS = ['history', 'positions', 'dashboard', 'notes', 'csv'] as const;
export type JournalTab = (typeof JOURNAL_TABS)[number];

/** What the entry editor is annotating: a trade (by trade key) or a position (by its id = opening fill key). */
export interface JournalTarget {
  key: string;
  kind: JournalTargetKind;
  accountId: string;
  /** Human description shown above the editor. */
  label: string;
}

interface JournalUiState {
  tab: JournalTab;
  filters: JournalFilters;
  target: JournalTarget | null;
  /** Dashboard only: several accounts at once; null = follow the filter bar's account. */
  dashboardAccounts: string[] | null;
  /** Positions tab: the position being reviewed on its chart (its id), null = none. */
  reviewId: string | null;
  setReview(id: string | null): void;
  setTab(tab: JournalTab): void;
  setFilters(patch: Partial<JournalFilters>): void;
  resetFilters(): void;
  editTarget(target: JournalTarget | null): void;
  setDashboardAccounts(accountIds: string[] | null): void;
}

export const useJournalStore = create<JournalUiState>()((set) => ({
  tab: 'history',
  filters: EMPTY_FILTERS,
  target: null,
  dashboardAccounts: null,
  reviewId: null,
  setReview: (reviewId) => set({ reviewId }),
  setTab: (tab) => set({ tab }),
  // Choosing an account in the filter bar is the newer intent: it replaces a dashboard multi-pick.
  setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch }, ...('accountId' in patch ? { dashboardAccounts: null } : {}) })),
  resetFilters: () => set({ filters: EMPTY_FILTERS, dashboardAccounts: null }),
  editTarget: (target) => set({ target }),
  setDashboardAccounts: (dashboardAccounts) => set({ dashboardAccounts }),
}));
