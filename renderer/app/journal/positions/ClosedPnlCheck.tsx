import { useState } from 'react';
import type { Account } from '../../../../shared/domain/types';
import { CLOSED_PNL_CAUSE_TEXT, exchangeIdOf, reconcileClosedPnl, type ClosedPnlLine } from '../../../../shared/journal/closed-pnl';
import { reconcileImportedClosedPnl } from '../../../../shared/journal/closed-pnl-file';
import { closedPnlRowsOf, linearPositionsOf } from '../../../db/closed-pnl-store';
import { unwrap } from '../../../bridge/api';
import { useBooted } from '../../context';
import { formatMoney, formatSigned } from '../format';
import { useJournalStore } from '../state/journalStore';
import { useAccounts } from '../useAccounts';

/** Bybit serves closed P&L for the past 730 days. */
const CLOSED_PNL_HISTORY_MS = 730 * 86_400_000;

interface AccountLines {
  account: Account;
  lines: ClosedPnlLine[];
}

type Source = 'api' | 'file';

/**
 * Per linear symbol of the selected Bybit account(s): Bybit's closed P&L (net of fees and funding)
 * against the journal's net P&L, the difference and its likely cause. Read from the exchange on
 * request (one request per 7-day window), or from the imported closed P&L exports (the same
 * comparison over the window the files cover; shared/journal/closed-pnl-file.ts).
 */
export function ClosedPnlCheck() {
  const { api, db } = useBooted();
  const accountId = useJournalStore((s) => s.filters.accountId);
  const { accounts } = useAccounts(db);
  const [result, setResult] = useState<{ source: Source; accounts: AccountLines[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const selected = accounts.filter((a) => a.exchange === 'bybit' && (accountId === null || a.id === accountId));
  if (selected.length === 0) return null;
  const run = async (source: Source): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const out: AccountLines[] = [];
      for (const account of selected) {
        const positions = await linearPositionsOf(db, account.id);
        if (source === 'file') {
          out.push({ account, lines: reconcileImportedClosedPnl(positions, await closedPnlRowsOf(db, account.id)) });
          continue;
        }
        const since = Math.max(Date.now() - CLOSED_PNL_HISTORY_MS, account.historyStart ?? 0);
        const records = await unwrap(api.journal.closedPnl({ accountId: account.id, since }));
        const symbols = new Map(positions.map((p) => [exchangeIdOf(p.symbol), p.symbol]));
        out.push({ account, lines: reconcileClosedPnl(positions, records, (id) => symbols.get(id) ?? id, since) });
      }
      setResult({ source, accounts: out });
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Could not read the closed P&L.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="closed-pnl-check">
      <h4>Bybit closed P&amp;L</h4>
      <p className="muted small">Bybit’s closed P&amp;L per symbol (after opening and closing fees and funding) against the journal’s net P&amp;L of the same positions.</p>
      <p className="row">
        <button type="button" onClick={() => void run('api')} disabled={busy} data-testid="closed-pnl-compare">{busy ? 'Reading closed P&L…' : 'Compare with Bybit closed P&L'}</button>
        <button type="button" onClick={() => void run('file')} disabled={busy} data-testid="closed-pnl-compare-imported">Compare with imported closed P&amp;L exports</button>
      </p>
      {error !== null && <p className="error" role="alert">{error}</p>}
      {result !== null && result.source === 'file' && result.accounts.every((a) => a.lines.length === 0) && <p className="muted small" data-testid="closed-pnl-none-imported">No closed P&amp;L export imported for {result.accounts.length === 1 ? 'this account' : 'these accounts'} (Journal › CSV › Import).</p>}
      {result !== null && (
        <div className="jr-overflow">
          <table className="table">
            <thead><tr><th>Account</th><th>Symbol</th><th>Bybit</th><th>Records</th><th>Journal</th><th>Difference</th><th>Likely cause</th></tr></thead>
            <tbody>
              {result.accounts.flatMap(({ account, lines }) => lines.map((l) => (
                <tr key={`${account.id}|${l.symbol}`} data-cause={l.cause}>
                  <td>{account.label}</td>
                  <td>{l.symbol}</td>
                  <td className="num">{formatMoney(l.exchange)}</td>
                  <td className="num">{l.records}</td>
                  <td className="num">{formatMoney(l.journal)}</td>
                  <td className="num">{formatSigned(l.diff)}</td>
                  <td><span className={`pill ${l.cause === 'matches' ? 'pill-synced' : 'pill-failed'}`}>{l.cause === 'matches' ? 'matches' : 'differs'}</span> <span className="small">{l.cause === 'matches' ? '' : CLOSED_PNL_CAUSE_TEXT[l.cause]}</span></td>
                </tr>
              )))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
