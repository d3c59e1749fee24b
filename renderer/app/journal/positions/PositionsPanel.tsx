import { useMemo, useState } from 'react';
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
  const { label } = useAccounts(db);
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
        <span className="muted small" data-testid="positions-summary">{positions.length.toLocaleString()} positions from {computed.length} of {pairs.length} symbols{tagged instanceof Set ? ` tagged “${filters.tag}”` : ''}</span>
      </div>
      {positions.length > 0 && <PositionsTable positions={positions.slice(0, shown)} accountLabel={label} />}
      {positions.length > shown && <button type="button" onClick={() => setShown(shown + SHOW_STEP)}>Show {Math.min(SHOW_STEP, positions.length - shown)} more</button>}
      <ReconciliationReport results={computed} accountLabel={label} />
      <BalanceReconciliation />
    </div>
  );
}

function PositionsTable({ positions, accountLabel }: { positions: Position[]; accountLabel: (id: string) => string }) {
  const open = (p: Position) => useJournalStore.getState().editTarget({
    key: p.id, kind: 'position', accountId: p.accountId,
    label: `${p.direction} ${p.symbol} opened ${formatTime(p.openedAt)}${p.closedAt === null ? ' (open)' : `, closed ${formatTime(p.closedAt)}`}`,
  });
  return (
    <div className="jr-overflow">
      <table className="table jr-compact" data-testid="positions-table">
        <thead>
          <tr><th>Opened (UTC)</th><th>Account</th><th>Symbol</th><th>Kind</th><th>Dir.</th><th>Status</th><th>Entry avg</th><th>Exit avg</th><th>Max size</th><th>Realized</th><th>Fees</th><th>Funding</th><th>Net P&amp;L</th><th>Duration</th><th>Fills</th><th /></tr>
        </thead>
        <tbody>
          {positions.map((p) => (
            <tr key={p.id}>
              <td>{formatTime(p.openedAt).slice(0, 16)}</td>
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
              <td className="num">{p.fillCount}</td>
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
