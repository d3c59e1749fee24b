import type { StatsFilter } from '../../../../shared/journal/stats';
import { addTotals, emptyTotals } from '../../../db/aggregates';
import type { TotalsFilter } from '../../../db/queries';
import type { TradeTotals } from '../../../db/records';
import type { JournalFilters } from '../filters';
import { toStatsFilter, toTotalsFilter } from '../filters';

/** The dashboard's accounts: its own multi-pick, else the filter bar's account; null = all accounts. */
export function dashboardAccountIds(filters: Pick<JournalFilters, 'accountId'>, picked: readonly string[] | null): string[] | null {
  if (picked !== null) return [...picked];
  return filters.accountId === null ? null : [filters.accountId];
}

/** One stats-table query per account (tradeTotals takes one account or all of them). */
export function totalsFiltersFor(filters: JournalFilters, accountIds: readonly string[] | null, zone?: string): TotalsFilter[] {
  const base = toTotalsFilter({ ...filters, accountId: null }, zone);
  return accountIds === null ? [base] : accountIds.map((accountId) => ({ ...base, accountId }));
}

export function statsFilterFor(filters: JournalFilters, accountIds: readonly string[] | null, zone?: string): StatsFilter {
  const base = toStatsFilter({ ...filters, accountId: null }, zone);
  return accountIds === null ? base : { ...base, accountIds: [...accountIds] };
}

export function sumTotals(parts: readonly TradeTotals[]): TradeTotals {
  const total = emptyTotals();
  for (const part of parts) addTotals(total, part);
  return total;
}
