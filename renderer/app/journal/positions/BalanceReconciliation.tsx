import { useState } from 'react';
import type { Account } from '../../../../shared/domain/types';
import { BALANCE_CAUSE_TEXT, type BalanceLine } from '../../../../shared/journal/balances';
import { reconcileAccountBalances } from '../../../db/balance-history';
import { useBooted } from '../../context';
import { formatNumber } from '../format';
import { useJournalStore } from '../state/journalStore';
import { useAccounts } from '../useAccounts';

interface AccountLines {
  account: Account;
  lines: BalanceLine[];
}

/**
 * Per asset: the balance the imported history adds up to vs the balance the exchange reported,
 * the difference and its likely cause. Computed on request (it reads the account's whole history).
 */
export function BalanceReconciliation() {
  const { db } = useBooted();
  const accountId = useJournalStore((s) => s.filters.accountId);
  const { accounts } = useAccounts(db);
  const [result, setResult] = useState<AccountLines[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const selected = accounts.filter((a) => accountId === null || a.id === accountId);
  const run = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const now = Date.now();
      const out: AccountLines[] = [];
      for (const account of selected) out.push({ account, lines: await reconcileAccountBalances(db, account, now) });
      setResult(out);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Could not reconcile the balances.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" data-testid="balance-reconciliation">
      <h3>Balance reconciliation</h3>
      <p className="muted small">Per asset and wallet: what deposits, withdrawals, fills, fees, converts, dust, rewards, transfers, funding and realized P&amp;L add up to, against the balance the exchange reported at the last sync.</p>
      <button type="button" onClick={() => void run()} disabled={busy || selected.length === 0} data-testid="balance-reconcile">{busy ? 'Reconciling…' : 'Reconcile balances'}</button>
      {error !== null && <p className="error" role="alert">{error}</p>}
      {result !== null && (
        <div className="jr-overflow">
          <table className="table">
            <thead><tr><th>Account</th><th>Wallet</th><th>Asset</th><th>From history</th><th>Exchange</th><th>Difference</th><th>Likely cause</th></tr></thead>
            <tbody>
              {result.flatMap(({ account, lines }) => lines.map((l) => (
                <tr key={`${account.id}|${l.wallet}|${l.asset}`} data-cause={l.cause}>
                  <td>{account.label}</td>
                  <td>{l.wallet}</td>
                  <td>{l.asset}</td>
                  <td className="num">{formatNumber(l.computed, 8)}</td>
                  <td className="num">{l.exchange === null ? '—' : formatNumber(l.exchange, 8)}</td>
                  <td className="num">{l.difference === null ? '—' : `${l.difference > 0 ? '+' : ''}${formatNumber(l.difference, 8)}`}</td>
                  <td><span className={`pill ${l.cause === 'matches' ? 'pill-synced' : 'pill-failed'}`}>{l.cause === 'matches' ? 'matches' : 'differs'}</span> <span className="small">{l.cause === 'matches' ? '' : BALANCE_CAUSE_TEXT[l.cause]}</span></td>
                </tr>
              )))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
