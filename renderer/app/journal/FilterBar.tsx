import { useLiveQuery } from 'dexie-react-hooks';
import { useBooted } from '../context';
import { allTags } from './notes/journalEntries';
import { useSymbolStats } from './positions/useSymbolPairs';
import { useJournalStore } from './state/journalStore';
import { useAccounts } from './useAccounts';
import { useTimeZone } from './useTimeZone';

/** Account, symbol, side, date range (days in the trader's zone) and tag: shared by every journal tab. */
export function FilterBar() {
  const { db } = useBooted();
  const filters = useJournalStore((s) => s.filters);
  const set = useJournalStore((s) => s.setFilters);
  const zone = useTimeZone();
  const { accounts } = useAccounts(db);
  const stats = useSymbolStats(db) ?? [];
  const tags = useLiveQuery(() => allTags(db), [db]) ?? [];
  const symbols = [...new Set(stats.filter((s) => filters.accountId === null || s.accountId === filters.accountId).map((s) => s.symbol))].sort();
  return (
    <div className="row jr-filters" role="search" aria-label="Journal filters" data-testid="journal-filters">
      <select value={filters.accountId ?? ''} onChange={(e) => set({ accountId: e.target.value === '' ? null : e.target.value, symbol: null })} aria-label="Account" data-testid="filter-account">
        <option value="">All accounts</option>
        {accounts.map((a) => <option key={a.id} value={a.id}>{a.label}</option>)}
      </select>
      <select value={filters.symbol ?? ''} onChange={(e) => set({ symbol: e.target.value === '' ? null : e.target.value })} aria-label="Symbol" data-testid="filter-symbol">
        <option value="">All symbols</option>
        {symbols.map((s) => <option key={s} value={s}>{s}</option>)}
      </select>
      <select value={filters.side ?? ''} onChange={(e) => set({ side: e.target.value === 'buy' || e.target.value === 'sell' ? e.target.value : null })} aria-label="Side" data-testid="filter-side">
        <option value="">Buys and sells</option>
        <option value="buy">Buys</option>
        <option value="sell">Sells</option>
      </select>
      <label className="check small">From ({zone}) <input type="date" value={filters.fromDate} onChange={(e) => set({ fromDate: e.target.value })} aria-label={`From date (${zone})`} data-testid="filter-from" /></label>
      <label className="check small">to <input type="date" value={filters.toDate} onChange={(e) => set({ toDate: e.target.value })} aria-label={`To date (${zone})`} data-testid="filter-to" /></label>
      <select value={filters.tag} onChange={(e) => set({ tag: e.target.value })} aria-label="Tag" data-testid="filter-tag">
        <option value="">Any tag</option>
        {tags.map((t) => <option key={t} value={t}>{t}</option>)}
      </select>
      <button type="button" className="link" onClick={() => useJournalStore.getState().resetFilters()}>Reset</button>
    </div>
  );
}
