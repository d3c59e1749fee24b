import { useLiveQuery } from 'dexie-react-hooks';
import { tradeTotals } from '../../../db/queries';
import type { TotalsFilter } from '../../../db/queries';
import type { TradeTotals } from '../../../db/records';
import { useBooted } from '../../context';
import { parseDateInput } from '../filters';
import { dayNoteKey } from '../../../db/journal-entries';
import { useAppStore } from '../../../state/appStore';
import { useTimeZone } from '../useTimeZone';
import { dayNumber } from './calendar';
import { ReviewSection } from './ReviewSection';
import { useDashboardStats, type DashboardFigures } from './useDashboardStats';
import { formatMoney, formatNumber, formatPercent, formatSigned, pnlClass } from '../format';
import { ComputeBar } from '../positions/ComputeBar';
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
  const zone = useTimeZone();
  const totalsJson = JSON.stringify(totalsFiltersFor(filters, accountIds, zone));
  const totals = useLiveQuery(async () => {
    const parts = await Promise.all((JSON.parse(totalsJson) as TotalsFilter[]).map((f) => tradeTotals(db, f)));
    return sumTotals(parts);
  }, [db, totalsJson]);
  const pairs = pairsForAccounts(ledgers ?? [], accountIds, filters.symbol);
  const defaultRisk = useAppStore((s) => s.settings?.journal.defaultRisk ?? null);
  const { stats, review, source, computedPairs } = useDashboardStats(db, pairs, statsFilterFor(filters, accountIds, zone), filters.tag, zone, defaultRisk);
  const fromDay = parseDateInput(filters.fromDate);
  const toDay = parseDateInput(filters.toDate);
  const openDay = (day: string) => useJournalStore.getState().editTarget({ key: dayNoteKey(day), kind: 'day', accountId: '*', label: `Daily note · ${day} (${zone})` });
  return (
    <div className="stack" data-testid="dashboard">
      <AccountPicker accounts={accounts} selected={accountIds} />
      <ActivityTiles totals={totals} />
      <ComputeBar pairs={pairs} />
      {computedPairs > 0 && stats !== undefined && (
        <>
          {filters.tag.trim() !== '' && <p className="muted small">Performance of positions tagged “{filters.tag.trim()}”.</p>}
          {computedPairs < pairs.length && <p className="muted small">Reading positions: {computedPairs} of {pairs.length} symbols so far…</p>}
          <PerformanceTiles stats={stats} />
          <section className="card" data-stats-source={source}>
            <h3>Equity curve</h3>
            <EquityChart points={stats.equityCurve} />
            {source === 'aggregates' && <p className="muted small">One point per quarter hour with closes; drawdowns are measured at quarter-hour ends.</p>}
          </section>
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

function PerformanceTiles({ stats }: { stats: DashboardFigures }) {
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
