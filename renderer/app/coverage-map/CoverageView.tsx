import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { CoverageInput, Gap, GapAction } from '../../../shared/coverage-map/build';
import { reconcileAccountBalances } from '../../db/balance-history';
import { readCoverage } from '../../db/coverage';
import { useAction } from '../common/useAction';
import { useBooted } from '../context';
import { formatDateInput } from '../journal/filters';
import { useAccounts } from '../journal/useAccounts';

const dateOr = (t: number | null, none: string): string => (t === null ? none : formatDateInput(t));

function ActionText({ action }: { action: GapAction }) {
  switch (action.kind) {
    case 'export':
      return <span data-testid="gap-action">Download <strong>{action.name}</strong> for {dateOr(action.from, 'the start')} – {formatDateInput(action.to)}: {action.where}</span>;
    case 'refetch':
      return <span data-testid="gap-action">Re-fetch {action.stream} for {formatDateInput(action.from)} – {formatDateInput(action.to)} (Accounts › Sync)</span>;
  }
}

function GapList({ gaps }: { gaps: Gap[] }) {
  if (gaps.length === 0) return <span className="muted">none</span>;
  return <ul className="small">{gaps.map((g, i) => <li key={`${g.type}-${i}`} data-gap={g.type}>{g.message} <ActionText action={g.action} /></li>)}</ul>;
}

/**
 * Coverage map: per account, kind and symbol/asset, what is stored and from where (API, file),
 * until when the API can still serve it, when sync last verified it, and every gap with its fix.
 * Live: an import or a sync re-renders it.
 */
export function CoverageView() {
  const { db } = useBooted();
  const { accounts } = useAccounts(db);
  const [accountId, setAccountId] = useState('');
  const account = accounts.find((a) => a.id === accountId) ?? accounts[0];
  // The reconciliation reads the whole history: on demand, not on every commit the live query sees.
  const [reconciled, setReconciled] = useState<{ accountId: string; balances: NonNullable<CoverageInput['balances']> } | null>(null);
  const balances = reconciled !== null && reconciled.accountId === account?.id ? reconciled.balances : null;
  const sections = useLiveQuery(async () => (account === undefined ? null : readCoverage(db, account, Date.now(), { balances })), [db, account, balances]);
  const reconcile = useAction(async () => {
    if (account === undefined) return;
    const checkedAt = Date.now();
    setReconciled({ accountId: account.id, balances: { checkedAt, lines: await reconcileAccountBalances(db, account, checkedAt) } });
  }, 'The balances could not be reconciled.');
  if (accounts.length === 0) return <section className="card"><h2>Coverage</h2><p className="muted">Add an account first.</p></section>;
  return (
    <section className="stack" data-testid="coverage">
      <div className="row">
        <h2>History coverage</h2>
        <select value={account?.id ?? ''} onChange={(e) => setAccountId(e.target.value)} data-testid="coverage-account">
          {accounts.map((a) => <option key={a.id} value={a.id}>{a.label} ({a.exchange})</option>)}
        </select>
      </div>
      <p className="muted small">What is stored, from the API or an export file; the date before which the API no longer serves each kind; and what to download to fill each gap (see docs/EXPORTS.md).</p>
      {sections?.map((s) => (
        <div key={s.kind.id} className="card" data-testid={`coverage-${s.kind.id}`}>
          <h3>{s.kind.label}</h3>
          <p className="small" data-testid="coverage-horizon">API horizon: {s.horizon === null ? 'none by time' : `before ${formatDateInput(s.horizon)} not served`} ({s.horizonNote})</p>
          {s.kind.id === 'balances' && (
            <p className="row small">
              <button type="button" onClick={() => void reconcile.run()} disabled={reconcile.busy} data-testid="coverage-reconcile">{reconcile.busy ? 'Reconciling…' : 'Reconcile balances'}</button>
              <span className="muted">{balances === null ? 'Each wallet and asset against what the stored history adds up to (reads the whole history).' : `Checked ${formatDateInput(balances.checkedAt)}.`}</span>
              {reconcile.error !== null && <span className="error">{reconcile.error}</span>}
            </p>
          )}
          {s.rows.length > 0 && (
            <table className="table">
              <thead><tr><th>{s.kind.per === 'symbol' ? 'Symbol' : 'Asset'}</th><th>Covered</th><th className="num">Rows</th><th>Source</th><th>From file</th><th>Last verified</th><th>Gaps and fixes</th></tr></thead>
              <tbody>
                {s.rows.map((r) => (
                  <tr key={r.key} data-testid="coverage-row" data-key={r.key} data-sources={r.sources.join('+')}>
                    <td>{r.key === '' ? <em>whole kind</em> : r.key}</td>
                    <td>{r.first === null ? '—' : `${formatDateInput(r.first)} – ${dateOr(r.last, '')}`}</td>
                    <td className="num">{r.rows.toLocaleString()}</td>
                    <td>{r.sources.join(' + ') || '—'}</td>
                    <td>{r.fileFirst === null ? '—' : `${formatDateInput(r.fileFirst)} – ${dateOr(r.fileLast, '')}`}</td>
                    <td>{dateOr(r.lastVerified, 'never')}</td>
                    <td><GapList gaps={r.gaps} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}
    </section>
  );
}
