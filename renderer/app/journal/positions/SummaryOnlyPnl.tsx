import { useLiveQuery } from 'dexie-react-hooks';
import { readSummaryOnlyPnl } from '../../../db/closed-pnl-store';
import { useBooted } from '../../context';
import { formatMoney, formatTime, pnlClass } from '../format';
import { useJournalStore } from '../state/journalStore';
import { useAccounts } from '../useAccounts';

/**
 * P&L known only from an imported closed P&L export: closes no fill-derived position overlaps
 * (shared/journal/closed-pnl-file.ts). Shown apart from the positions and never added to their
 * totals, so no close is counted twice; importing the fills turns them into positions and they
 * leave this list.
 */
export function SummaryOnlyPnl() {
  const { db } = useBooted();
  const accountId = useJournalStore((s) => s.filters.accountId);
  const { accounts } = useAccounts(db);
  const summaries = useLiveQuery(async () => {
    const out = [];
    for (const account of accounts.filter((a) => accountId === null || a.id === accountId)) {
      const s = await readSummaryOnlyPnl(db, account.id);
      if (s !== null && s.rows.length > 0) out.push({ account, summary: s });
    }
    return out;
  }, [db, accounts, accountId]);
  if (summaries === undefined || summaries.length === 0) return null;
  return (
    <section className="card" data-testid="summary-only-pnl">
      <h3>Summary-only P&amp;L (closed P&amp;L export)</h3>
      <p className="muted small">Closes known only from an imported Bybit closed P&amp;L export: no fills are stored for them, so they are in no position above and in none of its totals. The figure is the exchange’s (after fees and funding), without fills behind it; import the Bybit trade history for these dates to turn them into positions (docs/EXPORTS.md).</p>
      <div className="jr-overflow">
        <table className="table">
          <thead><tr><th>Account</th><th>Symbol</th><th className="num">Closes</th><th>From</th><th>To</th><th className="num">Closed P&amp;L (summary only)</th></tr></thead>
          <tbody>
            {summaries.flatMap(({ account, summary }) => summary.bySymbol.map((s) => {
              const rows = summary.rows.filter((r) => r.symbol === s.symbol);
              return (
                <tr key={`${account.id}|${s.symbol}`} data-testid="summary-only-row" data-symbol={s.symbol}>
                  <td>{account.label}</td>
                  <td>{s.symbol} <span className="pill">summary only</span></td>
                  <td className="num">{s.rows}</td>
                  <td>{formatTime(rows[0]?.closedAt ?? 0)}</td>
                  <td>{formatTime(rows[rows.length - 1]?.closedAt ?? 0)}</td>
                  <td className={`num ${pnlClass(s.closedPnl)}`}>{formatMoney(s.closedPnl)}</td>
                </tr>
              );
            }))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
