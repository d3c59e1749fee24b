import { useState } from 'react';
import type { SyncLog } from '../../../shared/domain/types';
import { formatDuration } from '../accounts/status';

const STATUS_CLASS: Record<SyncLog['status'], string> = {
  QUEUED: 'pending', RUNNING: 'syncing', RETRY_SCHEDULED: 'pending', SUCCEEDED: 'synced', FAILED: 'failed', CANCELLED: 'paused',
};

/** One row per attempt, newest first; a row opens to its stats, per-symbol failures and invalid rows. */
export function JobsTable({ logs, labels }: { logs: SyncLog[]; labels: Map<string, string> }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section className="card">
      <h3>Sync runs</h3>
      {logs.length === 0 ? <p className="muted small">No sync has run yet.</p> : (
        <table className="table" data-testid="sync-runs">
          <thead><tr><th>Started</th><th>Account</th><th>Mode</th><th>Status</th><th>Attempt</th><th>Inserted</th><th>Duplicates</th><th>Requests</th><th>Duration</th></tr></thead>
          <tbody>
            {logs.map((log) => (
              <FragmentRow key={log.id} log={log} label={labels.get(log.accountId) ?? 'removed account'} open={open === log.id} toggle={() => setOpen(open === log.id ? null : log.id)} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function FragmentRow({ log, label, open, toggle }: { log: SyncLog; label: string; open: boolean; toggle: () => void }) {
  return (
    <>
      <tr className="clickable" onClick={toggle} data-testid="sync-run" data-status={log.status}>
        <td>{new Date(log.startedAt).toLocaleString()}</td>
        <td>{label}</td>
        <td>{log.mode}</td>
        <td><span className={`pill pill-${STATUS_CLASS[log.status]}`}>{log.status.toLowerCase().replace('_', ' ')}</span></td>
        <td>{log.attempt}</td>
        <td>{log.stats.inserted.toLocaleString()}</td>
        <td>{log.stats.duplicates.toLocaleString()}</td>
        <td>{log.stats.requests.toLocaleString()}</td>
        <td>{log.finishedAt === null ? '…' : formatDuration(log.finishedAt - log.startedAt)}</td>
      </tr>
      {open && (
        <tr className="detail">
          <td colSpan={9}>
            {log.error !== null && <p className="error" data-testid="run-error">{log.error.code}: {log.error.message}</p>}
            <p className="small">
              fetched {log.stats.fetched} · invalid {log.stats.invalid} · updated {log.stats.updated} · pages {log.stats.pages} · weight {log.stats.weight} · retries {log.stats.retries}
            </p>
            {log.symbolFailures.length > 0 && (
              <ul className="small">{log.symbolFailures.map((f) => <li key={`${f.marketType ?? ''}${f.symbol}`}>{f.symbol} ({f.marketType ?? 'account'}): {f.code}: {f.message}</li>)}</ul>
            )}
            {log.invalid.length > 0 && (
              <ul className="small">{log.invalid.map((r) => <li key={r.reason}>{r.count} invalid: {r.reason} {r.samples.length > 0 ? `(e.g. ${r.samples.join(', ')})` : ''}</li>)}</ul>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
