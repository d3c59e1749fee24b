import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { computeStats, filterClosed } from '../../../../shared/journal/stats';
import type { JournalStats, StatsFilter } from '../../../../shared/journal/stats';
import { tradeTotals } from '../../../db/queries';
import type { TotalsFilter } from '../../../db/queries';
import type { TradeTotals } from '../../../db/records';
import { useBooted } from '../../context';
import { parseDateInput } from '../filters';
import { dayNoteKey } from '../../../db/journal-entries';
import { useAppStore } from '../../../state/appStore';
import { useTimeZone } from '../useTimeZone';
import { dayNumber } from './calendar';
import { computeReviewStats, readReviewInputs } from './reviewStats';
import { ReviewSection } from './ReviewSection';
import { formatMoney, formatNumber, formatPercent, formatSigned, pnlClass } from '../format';
import { useTaggedKeys } from '../notes/useTaggedKeys';
import { ComputeBar } from '../positions/ComputeBar';
import type { SymbolPair } from '../positions/pairs';
import { positionsOf, resultsFor, usePairResults } from '../positions/positionsStore';
import { pairsForAccounts, useLedgers } from '../positions/useSymbolPairs';
import { useJournalStore } from '../state/journalStore';
import { useAccounts } from '../useAccounts';
import { AccountPicker } from './AccountPicker';
import { Breakdowns } from './Breakdowns';
import { dashboardAccountIds, statsFilterFor, sumTotals, totalsFiltersFor } from './scope';
import { CalendarHeatmap } from './CalendarHeatmap';
import { DailyActivity } from './DailyActivity';
import { EquityChart } from './EquityChart';

/** Performance of the chosen accounts and date range: closed positions (stored, derived) + counts from the stats tables. */
export function DashboardPanel() {
  const { db } = useBooted();
  const filters = useJournalStore((s) => s.filters);
  const ledgers = useLedgers(db);
  const picked = useJournalStore((s) => s.dashboardAccounts);
  const { accounts } = useAccounts(db);
  const accountIds = dashboardAccountIds(filters, picked);
  const totalsJson = JSON.stringify(totalsFiltersFor(filters, accountIds));
  const totals = useLiveQuery(async () => {
    const parts = await Promise.all((JSON.parse(totalsJson) as TotalsFilter[]).map((f) => tradeTotals(db, f)));
    return sumTotals(parts);
  }, [db, totalsJson]);
  const pairs = pairsForAccounts(ledgers ?? [], accountIds, filters.symbol);
  const results = usePairResults(db, pairs);
  const computed = resultsFor(results, pairs);
  const tagged = useTaggedKeys(db, filters.tag, 'position');
  const zone = useTimeZone();
  const defaultRisk = useAppStore((s) => s.settings?.journal.defaultRisk ?? null);
  const reviewInputs = useLiveQuery(() => readReviewInputs(db), [db]);
  const statsJson = JSON.stringify(statsFilterFor(filters, accountIds, zone));
  const pairsJson = JSON.stringify(pairs);
  // computeStats walks every closed position: only when the positions, the filter or the zone change.
  const selected = useMemo(() => {
    const positions = positionsOf(resultsFor(results, JSON.parse(pairsJson) as SymbolPair[]));
    return positions.filter((p) => tagged === null || tagged === undefined || tagged.has(p.id));
  }, [results, pairsJson, tagged]);
  const stats = useMemo(() => computeStats(selected, JSON.parse(statsJson) as StatsFilter, { timeZone: zone }), [selected, statsJson, zone]);
  // Kept apart: a note, label or stop edit recomputes only these, not the whole dashboard.
  const review = useMemo(
    () => (reviewInputs === undefined ? null : computeReviewStats(filterClosed(selected, JSON.parse(statsJson) as StatsFilter), reviewInputs, defaultRisk)),
    [selected, statsJson, reviewInputs, defaultRisk],
  );
  const fromDay = parseDateInput(filters.fromDate);
  const toDay = parseDateInput(filters.toDate);
  const openDay = (day: string) => useJournalStore.getState().editTarget({ key: dayNoteKey(day), kind: 'day', accountId: '*', label: `Daily note · ${day} (${zone})` });
  return (
    <div className="stack" data-testid="dashboard">
      <AccountPicker accounts={accounts} selected={accountIds} />
      <ActivityTiles totals={totals} />
      <ComputeBar pairs={pairs} />
      {computed.length > 0 && (
        <>
          {tagged instanceof Set && <p className="muted small">Performance of positions tagged “{filters.tag}” ({tagged.size} tagged).</p>}
          {computed.length < pairs.length && <p className="muted small">Reading positions: {computed.length} of {pairs.length} symbols so far…</p>}
          <PerformanceTiles stats={stats} />
          <section className="card"><h3>Equity curve</h3><EquityChart points={stats.equityCurve} /></section>
          <section className="card jr-overflow">
            <h3>P&amp;L calendar ({zone})</h3>
            <CalendarHeatmap
              days={stats.calendar.map((d) => ({ day: d.day, netPnl: d.netPnl, trades: d.trades }))}
              {...(fromDay === null ? {} : { from: dayNumber(filters.fromDate.trim()) })}
              {...(toDay === null ? {} : { to: dayNumber(filters.toDate.trim()) })}
              onDay={openDay}
            />
            <p className="muted small">Click a day to write its daily note.</p>
          </section>
          <Breakdowns stats={stats} zone={zone} />
          {review !== null && <ReviewSection stats={review} />}
        </>
      )}
      {accountIds?.length === 1 && accountIds[0] !== undefined && <DailyActivity accountId={accountIds[0]} symbol={filters.symbol} />}
    </div>
  );
}

function Tile({ label, value, className = '', testId }: { label: string; value: string; className?: string; testId?: string }) {
  return <div className="jr-tile"><span className="muted small">{label}</span><span className={`jr-tile-value ${className}`} data-testid={testId}>{value}</span></div>;
}

function ActivityTiles({ totals }: { totals: TradeTotals | undefined }) {
  if (totals === undefined) return <section className="card jr-tiles"><span className="muted">Loading totals…</span></section>;
  const fees = Object.entries(totals.fees).map(([c, v]) => `${formatNumber(v, 4)} ${c || '?'}`).join(', ') || '0';
  return (
    <section className="card jr-tiles" aria-label="Trading activity">
      <Tile label="Fills" value={totals.count.toLocaleString()} testId="tile-fills" />
      <Tile label="Buys / sells" value={`${totals.buyCount.toLocaleString()} / ${(totals.count - totals.buyCount).toLocaleString()}`} />
      <Tile label="Volume (quote)" value={formatMoney(totals.volume)} />
      <Tile label="Fees" value={fees} className="jr-tile-small" />
      <Tile label="Exchange realized P&L" value={formatSigned(totals.realizedPnl)} className={pnlClass(totals.realizedPnl)} />
    </section>
  );
}

function PerformanceTiles({ stats }: { stats: JournalStats }) {
  const pf = stats.profitFactor;
  // The percent is of the cumulative-P&L peak (no account balance is known): past 100% it says nothing useful.
  const drawdownPct = stats.maxDrawdownPct !== null && stats.maxDrawdownPct <= 1 ? stats.maxDrawdownPct : null;
  return (
    <section className="card jr-tiles" aria-label="Performance">
      <Tile label="Net P&L" value={formatSigned(stats.netPnl)} className={pnlClass(stats.netPnl)} testId="tile-net" />
      <Tile label="Closed positions" value={stats.trades.toLocaleString()} />
      <Tile label="Win rate" value={formatPercent(stats.winRate)} testId="tile-winrate" />
      <Tile label="Profit factor" value={pf === null ? '—' : Number.isFinite(pf) ? pf.toFixed(2) : '∞'} />
      <Tile label="Expectancy" value={formatSigned(stats.expectancy)} className={pnlClass(stats.expectancy)} />
      <Tile label="Avg win / loss" value={`${formatMoney(stats.avgWin)} / ${formatMoney(stats.avgLoss)}`} />
      <Tile label="Largest win / loss" value={`${formatMoney(stats.largestWin)} / ${formatMoney(stats.largestLoss)}`} />
      <Tile label="Max drawdown" value={`${formatMoney(stats.maxDrawdown)}${drawdownPct === null ? '' : ` (${formatPercent(drawdownPct)})`}`} />
      <Tile label="Fees / funding" value={`${formatMoney(stats.fees)} / ${formatSigned(stats.funding)}`} />
    </section>
  );
}
