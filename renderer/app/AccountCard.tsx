import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { AppError } from '../../shared/errors';
import type { Account, Job } from '../../shared/domain/types';
import { unwrap } from '../bridge/api';
import { tradeTotals } from '../db/queries';
import { useAppStore } from '../state/appStore';
import { useBooted } from './context';

const EXCHANGE_NAME: Record<Account['exchange'], string> = { binance: 'Binance', bybit: 'Bybit', demo: 'Demo exchange' };

function latestJob(jobs: Record<string, Job>, accountId: string): Job | null {
  let latest: Job | null = null;
  for (const job of Object.values(jobs)) {
    if (job.accountId === accountId && (latest === null || job.requestedAt > latest.requestedAt)) latest = job;
  }
  return latest;
}

export function AccountCard({ account }: { account: Account }) {
  const { api, db } = useBooted();
  const job = useAppStore((s) => latestJob(s.jobs, account.id));
  const progress = useAppStore((s) => (job === null ? undefined : s.progress[job.id]));
  const [error, setError] = useState<string | null>(null);
  // From the stats table, updated in each batch's transaction: counting trades would scan them all.
  const tradeCount = useLiveQuery(async () => (await tradeTotals(db, { accountId: account.id })).count, [db, account.id]);

  const syncNow = async (): Promise<void> => {
    setError(null);
    try {
      await unwrap(api.sync.request({ accountId: account.id }));
    } catch (e) {
      setError(e instanceof AppError ? e.message : 'Could not start the sync.');
    }
  };

  const running = job?.status === 'RUNNING' || job?.status === 'QUEUED';
  return (
    <article className="card account" data-testid="account-card" data-account-id={account.id}>
      <header className="account-head">
        <div>
          <h3>{account.label}</h3>
          <span className="muted small">{EXCHANGE_NAME[account.exchange]} · {account.marketTypes.join(' + ')}</span>
        </div>
        <span className={`pill pill-${account.status}`} data-testid="account-status">{account.status.replace('_', ' ')}</span>
      </header>
      <dl className="facts">
        <div><dt>Trades</dt><dd data-testid="trade-count">{tradeCount ?? '…'}</dd></div>
        <div><dt>Last sync</dt><dd>{account.lastSuccessAt === null ? 'never' : new Date(account.lastSuccessAt).toLocaleString()}</dd></div>
        <div><dt>Job</dt><dd data-testid="job-status">{job === null ? '—' : job.status.toLowerCase().replace('_', ' ')}</dd></div>
      </dl>
      {running && progress !== undefined && (
        <div className="progress" data-testid="sync-progress">
          <div className="bar"><div style={{ width: `${progress.batchCount === 0 ? 0 : Math.round((100 * progress.batchIndex) / progress.batchCount)}%` }} /></div>
          <span className="small">{progress.phase} · batch {progress.batchIndex}/{progress.batchCount} · {progress.inserted} inserted</span>
        </div>
      )}
      {job?.status === 'FAILED' && job.error !== null && <p className="error" role="alert">{job.error.message}</p>}
      {error !== null && <p className="error" role="alert">{error}</p>}
      <div className="actions">
        <button type="button" onClick={() => void syncNow()} disabled={running || account.status !== 'active'} data-testid="sync-now">
          {job?.status === 'FAILED' ? 'Try again' : 'Sync now'}
        </button>
      </div>
    </article>
  );
}
