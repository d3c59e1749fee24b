import type { Job, JobStatus, SafeError } from '../domain/types';
import { assertNever } from '../never';
import { jobRetryDelayMs, type BackoffPolicy } from './backoff';
import type { ErrorAction } from './classify';

/** How one attempt of a job ended, as the runner saw it. */
export type AttemptResult =
  | { kind: 'succeeded'; continuation: boolean }
  | { kind: 'stopped'; reason: 'cancel' | 'shutdown' }
  | { kind: 'failed'; error: SafeError; action: ErrorAction; retryAfterMs?: number };

export interface Decision {
  status: JobStatus;
  nextRunAt: number | null;
  error: SafeError | null;
  /** Raised when the attempt must not count against the retry budget (shutdown). */
  maxAttempts: number;
  /** Enqueue a continuation job (the page budget was hit). */
  continuation: boolean;
  /** Keys rejected: mark the account and pause its schedule. */
  needsCredentials: boolean;
}

/** Job-level retry decision, pure: which status a job takes after an attempt, and when it runs again. */
export function decideAfterAttempt(job: Job, result: AttemptResult, policy: BackoffPolicy, now: number): Decision {
  const base: Decision = { status: 'SUCCEEDED', nextRunAt: null, error: null, maxAttempts: job.maxAttempts, continuation: false, needsCredentials: false };
  switch (result.kind) {
    case 'succeeded':
      return { ...base, continuation: result.continuation };
    case 'stopped':
      // A shutdown is not the job's fault: it goes back to the queue and resumes from its checkpoints.
      return result.reason === 'cancel'
        ? { ...base, status: 'CANCELLED' }
        : { ...base, status: 'QUEUED', maxAttempts: job.maxAttempts + 1 };
    case 'failed': {
      const failed = { ...base, status: 'FAILED' as const, error: result.error };
      if (!isRetryable(result.action)) return { ...failed, needsCredentials: result.action === 'credentials' };
      if (job.attempt >= job.maxAttempts) return failed;
      const wait = Math.max(jobRetryDelayMs(job.attempt, policy), result.retryAfterMs ?? 0);
      return { ...failed, status: 'RETRY_SCHEDULED', nextRunAt: now + wait };
    }
    default:
      return assertNever(result, 'attempt result');
  }
}

export function isRetryable(action: ErrorAction): boolean {
  switch (action) {
    case 'transient':
    case 'rate_limited':
    case 'clock_skew':
    case 'circuit_open':
    case 'store':
      return true;
    case 'credentials':
    case 'bad_symbol':
    case 'fatal':
    case 'stop':
      return false;
    default:
      return assertNever(action, 'error action');
  }
}
