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
  setTab(tab: JournalTab): void;
  setFilters(patch: Partial<JournalFilters>): void;
  resetFilters(): void;
  editTarget(target: JournalTarget | null): void;
}

export const useJournalStore = create<JournalUiState>()((set) => ({
  tab: 'history',
  filters: EMPTY_FILTERS,
  target: null,
  setTab: (tab) => set({ tab }),
  setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch } })),
  resetFilters: () => set({ filters: EMPTY_FILTERS }),
  editTarget: (target) => set({ target }),
}));
