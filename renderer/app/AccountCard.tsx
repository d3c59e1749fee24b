import { useEffect, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { KeyPermissions } from '../../shared/domain/engine';
import { JOB_MODES } from '../../shared/domain/types';
import type { Account, JobMode } from '../../shared/domain/types';
import { unwrap } from '../bridge/api';
import { tradeTotals } from '../db/queries';
import { useAppStore } from '../state/appStore';
import { useUiStore } from '../state/uiStore';
import { KeysForm } from './accounts/KeysForm';
import { Permissions } from './accounts/Permissions';
import { SchedulePicker } from './accounts/SchedulePicker';
import { SyncProgress } from './accounts/SyncProgress';
import { RetryNotice } from './accounts/RetryNotice';
import { STATUS_LABEL, accountSyncStatus, latestJobOf, missingSummary } from './accounts/status';
import { owedSync } from '../../shared/sync/kinds';
import { useAction } from './common/useAction';
import { useBooted } from './context';

const EXCHANGE_NAME: Record<Account['exchange'], string> = { binance: 'Binance', bybit: 'Bybit', demo: 'Demo exchange' };
const MODE_LABEL: Record<JobMode, string> = { trades: 'Trades', movements: 'Deposits & withdrawals', income: 'Funding & income', balances: 'Balances only', full: 'Everything' };

function when(ms: number | null): string {
  return ms === null ? 'never' : new Date(ms).toLocaleString();
}

export function AccountCard({ account }: { account: Account }) {
  const { api, db } = useBooted();
  const liveJob = useAppStore((s) => latestJobOf(Object.values(s.jobs), account.id));
  const storedJobs = useLiveQuery(() => db.jobs.where('accountId').equals(account.id).toArray(), [db, account.id]);
  const stored = storedJobs === undefined ? null : latestJobOf(storedJobs, account.id);
  // Events are fresher than the store within a session; the store covers jobs from before a reload.
  const job = liveJob !== null && (stored === null || liveJob.requestedAt >= stored.requestedAt) ? liveJob : stored;
  const progress = useAppStore((s) => (job === null ? null : s.progress[job.id] ?? null));
  const heartbeatSeconds = useAppStore((s) => s.settings?.sync.heartbeatSeconds ?? 10);
  // From the stats table, written in each batch's transaction: counting trades would scan them all.
  const totals = useLiveQuery(() => tradeTotals(db, { accountId: account.id }), [db, account.id]);
  const [mode, setMode] = useState<JobMode>('trades');
  const [permissions, setPermissions] = useState<KeyPermissions | null>(null);
  const [editingKeys, setEditingKeys] = useState(account.status === 'needs_credentials');
  const [confirmRemove, setConfirmRemove] = useState(false);
  const status = accountSyncStatus(account, job);
  const focused = useUiStore((s) => s.focusAccountId === account.id);
  const cardRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focused) cardRef.current?.scrollIntoView({ block: 'center' });
  }, [focused]);
  // Keys revoked while the card is on screen: offer the form at once, not only on the next load.
  useEffect(() => {
    if (account.status === 'needs_credentials') setEditingKeys(true);
  }, [account.status]);

  const sync = useAction(async () => { await unwrap(api.sync.request({ accountId: account.id, mode })); }, 'Could not start the sync.');
  // "Try again" and "Complete the import" ask for what is owed: the failed job's own mode and start, or
  // the whole scope while any kind of it was never imported; never the mode picked in the menu.
  const owed = owedSync(account, job?.status === 'FAILED' ? job : null);
  const resume = useAction(async () => { await unwrap(api.sync.request({ accountId: account.id, mode: owed.mode, since: owed.since })); }, 'Could not start the sync.');
  const test = useAction(async () => setPermissions(await unwrap(api.accounts.testConnection({ accountId: account.id }))), 'The connection test failed.');
  const pause = useAction(async () => { await unwrap(api.accounts.setPaused({ accountId: account.id, paused: account.status !== 'paused' })); });
  const remove = useAction(async () => { await unwrap(api.accounts.remove({ accountId: account.id })); }, 'Could not remove the account.');

  const busy = status === 'syncing' || status === 'pending';
  const error = sync.error ?? resume.error ?? test.error ?? pause.error ?? remove.error;
  const missing = status === 'partial' ? missingSummary(account) : null;
  return (
    <article ref={cardRef} className={focused ? 'card account focused' : 'card account'} data-testid="account-card" data-account-id={account.id} data-status={status}>
      <header className="account-head">
        <div>
          <h3>{account.label}</h3>
          <span className="muted small">{EXCHANGE_NAME[account.exchange]} · {account.marketTypes.join(' + ')}{account.testnet ? ' · testnet' : ''}</span>
        </div>
        <span className={`pill pill-${status}`} data-testid="account-status">{STATUS_LABEL[status]}</span>
      </header>
      <dl className="facts">
        <div><dt>Trades</dt><dd data-testid="trade-count">{totals === undefined ? '…' : totals.count.toLocaleString()}</dd></div>
        <div><dt>Last attempt</dt><dd>{when(account.lastAttemptAt)}</dd></div>
        <div><dt>Last success</dt><dd data-testid="last-success">{when(account.lastSuccessAt)}</dd></div>
      </dl>
      {job !== null && (job.status === 'RUNNING' || job.status === 'QUEUED') && <SyncProgress job={job} progress={progress} heartbeatSeconds={heartbeatSeconds} />}
      {job?.status === 'RETRY_SCHEDULED' && job.nextRunAt !== null && account.status === 'active' && <RetryNotice account={account} job={job} />}
      {missing !== null && (
        <p className="small warn" data-testid="partial-summary">
          Partly synced: {missing}.{' '}
          <button type="button" className="link" onClick={() => void resume.run()} disabled={resume.busy || account.status !== 'active'} data-testid="complete-sync">Complete the import</button>
        </p>
      )}
      {status === 'failed' && job?.error != null && <p className="error" role="alert" data-testid="job-error">{job.error.message}</p>}
      {status === 'needs_credentials' && <p className="error" role="alert">The exchange refused this account's key. Enter a new read-only key to resume syncing.</p>}
      {permissions !== null && <Permissions permissions={permissions} />}
      {error !== null && <p className="error" role="alert">{error}</p>}
      {editingKeys && account.exchange !== 'demo' ? (
        <KeysForm accountId={account.id} onDone={() => setEditingKeys(false)} />
      ) : (
        <div className="actions wrap">
          <select value={mode} onChange={(e) => setMode(e.target.value as JobMode)} aria-label="What to sync" data-testid="sync-mode">
            {JOB_MODES.map((m) => <option key={m} value={m}>{MODE_LABEL[m]}</option>)}
          </select>
          <button type="button" className="primary" onClick={() => void (status === 'failed' ? resume.run() : sync.run())} disabled={busy || sync.busy || resume.busy || account.status !== 'active'} data-testid="sync-now">
            {status === 'failed' ? 'Try again' : 'Sync now'}
          </button>
          <button type="button" onClick={() => void test.run()} disabled={test.busy} data-testid="test-connection">{test.busy ? 'Testing…' : 'Test connection'}</button>
          {account.exchange !== 'demo' && <button type="button" onClick={() => setEditingKeys(true)} data-testid="edit-keys">Edit keys</button>}
          {account.status !== 'needs_credentials' && (
            <button type="button" onClick={() => void pause.run()} data-testid="pause-account">{account.status === 'paused' ? 'Resume' : 'Pause'}</button>
          )}
          {confirmRemove ? (
            <span className="confirm">
              Remove this account and all its journal data?
              <button type="button" className="danger" onClick={() => void remove.run()} data-testid="confirm-remove">Remove</button>
              <button type="button" onClick={() => setConfirmRemove(false)}>Keep</button>
            </span>
          ) : (
            <button type="button" className="link" onClick={() => setConfirmRemove(true)} data-testid="remove-account">Remove…</button>
          )}
        </div>
      )}
      {mode === 'balances' && <p className="small muted">Balances mode saves a balance snapshot only; it imports no trades.</p>}
      <SchedulePicker account={account} />
    </article>
  );
}
