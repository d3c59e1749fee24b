import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useDeferredValue } from 'react';
import type { Trade } from '../../../../shared/domain/types';
import type { TradeFilter } from '../../../db/queries';
import type { JournalDb } from '../../../db/schema';
import { useBooted } from '../../context';
import { filtersKey, toTradeFilter } from '../filters';
import { formatTime } from '../format';
import { fillPnlFor } from '../../../db/derived-queries';
import { useJournalStore } from '../state/journalStore';
import { useAccounts } from '../useAccounts';
import { useTimeZone } from '../useTimeZone';
import { taggedTrades, TAGGED_LIMIT } from './taggedTrades';
import { TradeTable } from './TradeTable';
import { useTradePages } from './useTradePages';

/** Trade history tab: keyset-paged (or tag-filtered) trades in a virtualized table. */
export function TradeHistory() {
  const { db } = useBooted();
  const filters = useJournalStore((s) => s.filters);
  const zone = useTimeZone();
  const filter = toTradeFilter(filters, zone);
  // The zone decides which instants the date inputs mean: a new zone is a new query.
  const key = `${filtersKey(filters)}|${zone}`;
  return filters.tag.trim() === ''
    ? <PagedTrades key={key} db={db} filter={filter} />
    : <TaggedTrades key={key} db={db} filter={filter} tag={filters.tag.trim()} />;
}

/**
 * Realized P&L of the closing fills among `rows`, from the stored per-batch chunks (live: a commit
 * or a replay of their symbols updates it). A few index reads per symbol in view.
 */
function useFillPnl(db: JournalDb, rows: readonly Trade[]): ReadonlyMap<string, number> | undefined {
  return useLiveQuery(() => fillPnlFor(db, rows), [db, rows]);
}

function useRowSupport(db: JournalDb, rows: readonly Trade[]) {
  const { label } = useAccounts(db);
  const zone = useTimeZone();
  const pnl = useFillPnl(db, rows);
  const realizedOf = useCallback((t: Trade): number | undefined => pnl?.get(t.key), [pnl]);
  const open = useCallback((t: Trade) => {
    useJournalStore.getState().editTarget({ key: t.key, kind: 'trade', accountId: t.accountId, label: `${t.side} ${t.amount} ${t.symbol} @ ${t.price} · ${formatTime(t.timestamp, zone)} (${zone})` });
  }, [zone]);
  return { label, realizedOf, open, zone };
}

function PagedTrades({ db, filter }: { db: JournalDb; filter: TradeFilter }) {
  const pages = useTradePages(db, filter);
  // The table follows the live rows one render later, in a transition: while a sync commits, the
  // head's query answers after every batch, and rendering (or first mounting) the rows in view
  // inside that answer's task made long tasks on the UI thread (docs/BENCHMARKS.md, "UI during a
  // large first sync"). A transition renders in slices that yield, and a newer answer replaces it.
  const rows = useDeferredValue(pages.rows);
  const { label, realizedOf, open, zone } = useRowSupport(db, rows);
  // Ready, but the first rows are not rendered yet: still loading, not "no trades".
  if (!pages.ready || (rows.length === 0 && pages.rows.length > 0)) return <p className="muted">Loading trades…</p>;
  return (
    <div className="stack">
      <p className="muted small" data-testid="history-status">
        {rows.length.toLocaleString()} loaded{pages.hasMore ? ', more load as you scroll' : ''}{pages.loading ? ' · loading…' : ''}
        {pages.error !== null && <span className="error"> {pages.error}</span>}
      </p>
      {rows.length === 0
        ? <p className="muted">No trades match these filters.</p>
        // (Behind the live rows, the table asks for nothing: its placement is of the rows it shows.)
        : <TradeTable db={db} rows={rows} hasMore={pages.hasMore} loading={pages.loading || rows !== pages.rows} loadMore={pages.loadMore} accountLabel={label} realizedOf={realizedOf} onOpen={open} zone={zone} />}
    </div>
  );
}

const noop = () => undefined;
const NO_ROWS: readonly Trade[] = [];

function TaggedTrades({ db, filter, tag }: { db: JournalDb; filter: TradeFilter; tag: string }) {
  const filterJson = JSON.stringify(filter);
  const rows = useLiveQuery(() => taggedTrades(db, tag, JSON.parse(filterJson) as TradeFilter), [db, tag, filterJson]);
  const { label, realizedOf, open, zone } = useRowSupport(db, rows ?? NO_ROWS);
  if (rows === undefined) return <p className="muted">Loading tagged trades…</p>;
  return (
    <div className="stack">
      <p className="muted small" data-testid="history-status">
        {rows.length.toLocaleString()} trade{rows.length === 1 ? '' : 's'} tagged “{tag}”{rows.length >= TAGGED_LIMIT ? ' (first results only)' : ''}
      </p>
      {rows.length === 0
        ? <p className="muted">No trade carries this tag (with these filters).</p>
        : <TradeTable db={db} rows={rows} hasMore={false} loading={false} loadMore={noop} accountLabel={label} realizedOf={realizedOf} onOpen={open} zone={zone} />}
    </div>
  );
}
