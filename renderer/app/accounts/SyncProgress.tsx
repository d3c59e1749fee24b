import type { Job, JobProgress } from '../../../shared/domain/types';
import { useNow } from './RetryNotice';
import { formatDuration, isStalled } from './status';
import { progressWaitText } from './waits';

const PHASE_LABEL: Record<JobProgress['phase'], string> = {
  queued: 'Queued',
  markets: 'Loading markets',
  discovering: 'Finding your symbols',
  trades: 'Importing trades',
  movements: 'Importing deposits and withdrawals',
  income: 'Importing funding and income',
  wallet: 'Importing converts, dust, rewards and transfers',
  balances: 'Saving balances',
  finishing: 'Finishing',
};

/** Live progress of a running job: phase, symbols, batch i/n, rows so far, ETA, stalled warning. */
export function SyncProgress({ job, progress, heartbeatSeconds }: { job: Job; progress: JobProgress | null; heartbeatSeconds: number }) {
  const now = useNow();
  const p = progress ?? job.progress;
  const waiting = p === null ? null : progressWaitText(p, now);
  // The ETA counts down between updates (a long wait sends none).
  const eta = p === null || p.etaMs === null ? null : Math.max(0, p.etaMs - Math.max(0, now - p.updatedAt));
  const percent = p === null || p.batchCount === 0 ? 0 : Math.min(100, Math.round((100 * p.batchIndex) / p.batchCount));
  return (
    <div className="progress" data-testid="sync-progress">
      <div className="bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div style={{ width: `${percent}%` }} />
      </div>
      {p !== null && (
        <span className="small" data-testid="progress-text">
          {PHASE_LABEL[p.phase]}
          {p.batchCount > 0 && ` · batch ${p.batchIndex}/${p.batchCount}`}
          {` · ${p.inserted.toLocaleString()} rows inserted so far`}
          {eta !== null && ` · about ${formatDuration(eta)} left`}
        </span>
      )}
      {waiting !== null && <span className="small warn" data-testid="progress-wait">{waiting[0]?.toUpperCase()}{waiting.slice(1)}</span>}
      {p !== null && p.currentSymbols.length > 0 && <span className="small muted">{p.currentSymbols.join(', ')}</span>}
      {isStalled(job, heartbeatSeconds, now) && (
        <span className="small warn" data-testid="stalled">No sign of life from this sync for a while. It resumes by itself if the app restarts.</span>
      )}
    </div>
  );
}
