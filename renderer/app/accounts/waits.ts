import type { Job, JobProgress } from '../../../shared/domain/types';

/**
 * Why a sync is waiting and until when, in words a trader can act on. Pure, so the countdown
 * text is tested without a clock.
 */
export function secondsLeft(until: number, now: number): number {
  return Math.max(0, Math.ceil((until - now) / 1000));
}

/** A job waiting for its next attempt (RETRY_SCHEDULED): the reason comes from its last error. */
export function retryWaitText(job: Pick<Job, 'error' | 'nextRunAt'>, now: number): string {
  const at = job.nextRunAt ?? now;
  const inS = `in ${secondsLeft(at, now)} s`;
  switch (job.error?.code) {
    case 'CIRCUIT_OPEN':
      return `Paused after repeated failures from the exchange. Next probe ${inS} (${new Date(at).toLocaleTimeString()}).`;
    case 'EXCHANGE_MAINTENANCE':
      return `${job.error.message} Next try ${inS}.`;
    case 'EXCHANGE_RATE_LIMITED':
      return `Waiting for the exchange's rate limit. Next try ${inS}.`;
    default:
      return `Retrying ${inS} (${new Date(at).toLocaleTimeString()})${job.error != null ? `: ${job.error.message}` : '.'}`;
  }
}

/** A running job paused inside an attempt (the rate-limit window); null when it is not waiting. */
export function progressWaitText(progress: Pick<JobProgress, 'waitingUntil' | 'waitReason'>, now: number): string | null {
  if (progress.waitingUntil == null || progress.waitingUntil <= now) return null;
  const left = secondsLeft(progress.waitingUntil, now);
  switch (progress.waitReason) {
    case 'rate_limit':
      return `waiting for the exchange's rate limit, next window in ${left} s`;
    case 'retry_after':
      return `the exchange asked to wait, resuming in ${left} s`;
    case 'backoff':
    case undefined:
    case null:
      return `retrying a page in ${left} s`;
  }
}
