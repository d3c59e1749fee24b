import { useEffect, useState } from 'react';
import type { Job, JobProgress } from '../../../shared/domain/types';
import { formatDuration, isStalled } from './status';

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
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const p = progress ?? job.progress;
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
          {p.etaMs !== null && ` · about ${formatDuration(p.etaMs)} left`}
        </span>
      )}
      {p !== null && p.currentSymbols.length > 0 && <span className="small muted">{p.currentSymbols.join(', ')}</span>}
      {isStalled(job, heartbeatSeconds, now) && (
        <span className="small warn" data-testid="stalled">No sign of life from this sync for a while. It resumes by itself if the app restarts.</span>
      )}
    </div>
  );
}
