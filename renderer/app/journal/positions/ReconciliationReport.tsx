import { formatMoney, formatSigned, formatTime } from '../format';
import { ClosedPnlCheck } from './ClosedPnlCheck';
import type { SymbolResult } from './pairs';

/** Computed realized P&L vs the exchange's (REALIZED_PNL income and per-fill P&L), per futures symbol. */
export function ReconciliationReport({ results, accountLabel }: { results: readonly SymbolResult[]; accountLabel: (id: string) => string }) {
  const futures = results.filter((r) => r.reconciliation !== null);
  if (futures.length === 0) return null;
  const diffs = futures.flatMap((r) => r.fillDifferences.map((d) => ({ ...d, accountId: r.accountId })));
  const hidden = futures.reduce((n, r) => n + r.fillDifferenceCount - r.fillDifferences.length, 0);
  return (
    <section className="card" data-testid="reconciliation">
      <h3>Realized P&amp;L reconciliation</h3>
      <p className="muted small">Gross realized P&amp;L we compute from fills vs the exchange’s REALIZED_PNL income rows and per-fill P&amp;L (tolerance 0.01). A difference usually means missing fills or income outside the synced range.</p>
      <div className="jr-overflow">
        <table className="table">
          <thead><tr><th>Account</th><th>Symbol</th><th>Computed</th><th>Income rows</th><th>Diff</th><th>Fills’ P&amp;L</th><th>Diff</th><th>Status</th></tr></thead>
          <tbody>
            {futures.map((r) => {
              const rec = r.reconciliation;
              if (rec === null) return null;
              return (
                <tr key={`${r.accountId}|${r.symbol}`} data-ok={rec.ok}>
                  <td>{accountLabel(r.accountId)}</td>
                  <td>{r.symbol}</td>
                  <td className="num">{formatMoney(rec.computed)}</td>
                  <td className="num">{formatMoney(rec.fromIncome)}</td>
                  <td className="num">{formatSigned(rec.incomeDiff)}</td>
                  <td className="num">{formatMoney(rec.fromFills)}</td>
                  <td className="num">{formatSigned(rec.fillsDiff)}</td>
                  <td>{rec.fromIncome === null && rec.fromFills === null
                    ? <span className="pill">no exchange P&amp;L</span>
                    : <span className={`pill ${rec.ok ? 'pill-synced' : 'pill-failed'}`}>{rec.ok ? 'matches' : 'differs'}</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {diffs.length > 0 && (
        <details>
          <summary>{diffs.length + hidden} fill{diffs.length + hidden === 1 ? '' : 's'} whose own exchange P&amp;L differs{hidden > 0 ? ` (first ${diffs.length} shown)` : ''}</summary>
          <table className="table">
            <thead><tr><th>Time (UTC)</th><th>Symbol</th><th>Fill</th><th>Computed</th><th>Exchange</th><th>Diff</th></tr></thead>
            <tbody>
              {diffs.map((d) => (
                <tr key={d.key}><td>{formatTime(d.timestamp)}</td><td>{d.symbol}</td><td className="small">{d.key.split('|').pop()}</td><td className="num">{formatMoney(d.computed)}</td><td className="num">{formatMoney(d.exchange)}</td><td className="num">{formatSigned(d.diff)}</td></tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      <ClosedPnlCheck />
    </section>
  );
}
