import { useEffect, useState } from 'react';
import type { Account, Job } from '../../../shared/domain/types';
import { breakerGroupsOf } from '../../../shared/sync/gate-scope';
import { unwrap } from '../../bridge/api';
import { useAction } from '../common/useAction';
import { useBooted } from '../context';
import { retryWaitText } from './waits';

/** Ticks once a second while mounted, for countdowns. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * A job waiting for its next attempt: why (breaker, maintenance, rate limit, error) and when, with
 * "Retry now". A breaker wait is ended by resetting the account's open breakers first, which also brings
 * every retry waiting on them forward; the request then finds the same job and runs it at once.
 */
export function RetryNotice({ account, job }: { account: Account; job: Job }) {
  const { api } = useBooted();
  const now = useNow();
  const retry = useAction(async () => {
    // The engine's own breakers at the click, not the last status event: one that opened (or went
    // half-open) a moment ago would otherwise stay and fail the retry at once.
    // Only this account's: another exchange's (or the demo's) open breaker is none of its business.
    const { breakers } = await unwrap(api.sync.status({}));
    const open = breakers.filter((b) => b.phase !== 'closed').map((b) => b.group);
    for (const group of breakerGroupsOf(account, open)) await unwrap(api.sync.resetBreaker({ group }));
    await unwrap(api.sync.request({ accountId: account.id, mode: job.mode, since: job.since }));
  }, 'Could not retry now.');
  return (
    <div className="small warn" data-testid="retry-scheduled">
      <span data-testid="wait-reason">{retryWaitText(job, now)}</span>{' '}
      <button type="button" className="link" onClick={() => void retry.run()} disabled={retry.busy} data-testid="retry-now">Retry now</button>
      {retry.error !== null && <span className="error" role="alert">{retry.error}</span>}
    </div>
  );
}
