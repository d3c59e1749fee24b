import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useMemo, useState } from 'react';
import { rMultiple, riskOf } from '../../../../shared/journal/r-multiple';
import { excursionMatches, excursionsFor } from '../../../db/review-queries';
import type { ExcursionRow } from '../../../db/records';
import { useAppStore } from '../../../state/appStore';
import { ExcursionFiller } from '../review/ExcursionFiller';
import { PositionReview } from '../review/PositionReview';
import { useTimeZone } from '../useTimeZone';
import { useTaggedKeys } from '../notes/useTaggedKeys';
import type { Position } from '../../../../shared/journal/types';
import { useBooted } from '../../context';
import { formatDurationMs, formatMoney, formatNumber, formatSigned, formatTime, pnlClass } from '../format';
import { useJournalStore } from '../state/journalStore';
import { useAccounts } from '../useAccounts';
import { ComputeBar } from './ComputeBar';
import { selectPositions } from './positionList';
import type { StatusFilter } from './positionList';
import type { SymbolPair } from './pairs';
import { ReconciliationReport } from './ReconciliationReport';
import { BalanceReconciliation } from './BalanceReconciliation';
import { SummaryOnlyPnl } from './SummaryOnlyPnl';
import { positionsOf, resultsFor, usePairResults } from './positionsStore';
import { pairsFor, useLedgers } from './useSymbolPairs';

const SHOW_STEP = 200;

/** Futures lifecycles and spot round trips of the selected account(s)/symbol(s), plus the reconciliation. */
export function PositionsPanel() {
  const { db } = useBooted();
  const filters = useJournalStore((s) => s.filters);
  const ledgers = useLedgers(db);
  const [shown, setShown] = useState(SHOW_STEP);
  const [statusFilter, setStatusFilter] = useState<StatusFilter>('all');
  const { label, accounts } = useAccounts(db);
  const accountOf = useCallback((id: string) => accounts.find((a) => a.id === id), [accounts]);
  const reviewing = useJournalStore((s) => s.reviewId) !== null;
  const tagged = useTaggedKeys(db, filters.tag, 'position');
  const pairs = pairsFor(ledgers ?? [], filters.accountId, filters.symbol);
  const pairsJson = JSON.stringify(pairs);
  // Stored positions: read (and kept current) for the selection, nothing is replayed here.
  const results = usePairResults(db, pairs);

  const computed = resultsFor(results, pairs);
  // Sorting every position is O(n log n): only when the results or the selection change, not per render.
  const positions = useMemo(() => {
    const list = positionsOf(resultsFor(results, JSON.parse(pairsJson) as SymbolPair[]));
    return selectPositions(list, statusFilter, tagged);
  }, [results, pairsJson, statusFilter, tagged]);
  if (ledgers === undefined) return <p className="muted">Loading symbols…</p>;
  return (
    <div className="stack" data-testid="positions-panel">
      <ComputeBar pairs={pairs} />
      <div className="row">
        <select value={statusFilter} onChange={(e) => setStatusFilter(e.target.value === 'open' || e.target.value === 'closed' ? e.target.value : 'all')} aria-label="Position status">
          <option value="all">Open and closed</option>
          <option value="open">Open</option>
          <option value="closed">Closed</option>
        </select>
        {positions.length > 0 && <ExcursionFiller positions={positions.slice(0, shown)} accountOf={accountOf} />}
        <span className="muted small" data-testid="positions-summary">{positions.length.toLocaleString()} positions from {computed.length} of {pairs.length} symbols{tagged instanceof Set ? ` tagged “${filters.tag}”` : ''}</span>
      </div>
      {reviewing && <PositionReview positions={positions} accountOf={accountOf} />}
      {positions.length > 0 && <PositionsTable positions={positions.slice(0, shown)} accountLabel={label} />}
      {positions.length > shown && <button type="button" onClick={() => setShown(shown + SHOW_STEP)}>Show {Math.min(SHOW_STEP, positions.length - shown)} more</button>}
      <ReconciliationReport results={computed} accountLabel={label} />
      <SummaryOnlyPnl />
      <BalanceReconciliation />
    </div>
  );
}

function PositionsTable({ positions, accountLabel }: { positions: Position[]; accountLabel: (id: string) => string }) {
  const { db } = useBooted();
  const zone = useTimeZone();
  const defaultRisk = useAppStore((s) => s.settings?.journal.defaultRisk ?? null);
  const idsJson = JSON.stringify(positions.map((p) => p.id));
  // Stored MAE/MFE and stops of the rows shown only (two key lookups, live).
  const review = useLiveQuery(async () => {
    const ids = JSON.parse(idsJson) as string[];
    const [excursions, entries] = await Promise.all([excursionsFor(db, ids), db.journal.bulkGet(ids)]);
    return { excursions, stops: new Map(entries.flatMap((e) => (e !== undefined && typeof e.stopPrice === 'number' ? [[e.key, e.stopPrice] as const] : []))) };
  }, [db, idsJson]);
  const open = (p: Position) => useJournalStore.getState().editTarget({
    key: p.id, kind: 'position', accountId: p.accountId,
    label: `${p.direction} ${p.symbol} opened ${formatTime(p.openedAt, zone)}${p.closedAt === null ? ' (open)' : `, closed ${formatTime(p.closedAt, zone)}`} (${zone})`,
  });
  const rOf = (p: Position): number | null => p.closedAt === null ? null : rMultiple(p.netPnl, riskOf(p, review?.stops.get(p.id) ?? null, defaultRisk));
  return (
    <div className="jr-overflow">
      <table className="table jr-compact" data-testid="positions-table">
        <thead>
          <tr><th>Opened ({zone})</th><th>Account</th><th>Symbol</th><th>Kind</th><th>Dir.</th><th>Status</th><th>Entry avg</th><th>Exit avg</th><th>Max size</th><th>Realized</th><th>Fees</th><th>Funding</th><th>Net P&amp;L</th><th>Duration</th><th>MAE</th><th>MFE</th><th>R</th><th>Fills</th><th /><th /></tr>
        </thead>
        <tbody>
          {positions.map((p) => (
            <tr key={p.id}>
              <td>{formatTime(p.openedAt, zone).slice(0, 16)}</td>
              <td>{accountLabel(p.accountId)}</td>
              <td>{p.symbol}</td>
              <td>{p.kind}</td>
              <td className={p.direction === 'long' ? 'side-buy' : 'side-sell'}>{p.direction}</td>
              <td><span className={`pill ${p.status === 'open' ? 'pill-pending' : ''}`} title={p.openQty > 0 ? `open quantity ${formatNumber(p.openQty)}` : undefined}>{p.status}</span></td>
              <td className="num">{formatNumber(p.avgEntryPrice, 6)}</td>
              <td className="num">{p.avgExitPrice === null ? '—' : formatNumber(p.avgExitPrice, 6)}</td>
              <td className="num">{formatNumber(p.maxQty, 6)}</td>
              <td className={`num ${pnlClass(p.realizedPnl)}`}>{formatSigned(p.realizedPnl)}</td>
              <td className="num">{formatMoney(p.fees)}{otherAmounts(p.feesOther)}</td>
              <td className="num">{p.kind === 'spot' ? '—' : formatSigned(p.funding)}{otherAmounts(p.fundingOther)}</td>
              <td className={`num ${pnlClass(p.netPnl)}`}>{formatSigned(p.netPnl)} {p.quoteCurrency}</td>
              <td>{formatDurationMs(p.durationMs)}</td>
              <ExcursionCells row={matching(review?.excursions.get(p.id), p)} />
              <td className="num">{formatR(rOf(p))}</td>
              <td className="num">{p.fillCount}</td>
              <td><button type="button" className="link" onClick={() => useJournalStore.getState().setReview(p.id)} data-testid="open-chart">chart</button></td>
              <td><button type="button" className="link" onClick={() => open(p)}>journal</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function otherAmounts(amounts: Record<string, number>): string {
  const parts = Object.entries(amounts).map(([currency, amount]) => `${formatNumber(amount)} ${currency}`);
  return parts.length === 0 ? '' : ` + ${parts.join(', ')}`;
}

function ExcursionCells({ row }: { row: { maeQuote: number; mfeQuote: number; maePct: number; mfePct: number } | undefined }) {
  if (row === undefined) return <><td className="muted">—</td><td className="muted">—</td></>;
  return (
    <>
      <td className="num pnl-down" title={`${(row.maePct * 100).toFixed(2)}%`}>{formatSigned(row.maeQuote)}</td>
      <td className="num pnl-up" title={`${(row.mfePct * 100).toFixed(2)}%`}>{formatSigned(row.mfeQuote)}</td>
    </>
  );
}

function formatR(r: number | null): string {
  return r === null ? '—' : `${r.toFixed(2)}R`;
}

function matching(row: ExcursionRow | undefined, p: Position): ExcursionRow | undefined {
  return excursionMatches(row, p) ? row : undefined;
}
