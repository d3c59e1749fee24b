import { describe, expect, it } from 'vitest';
import type { Job } from '../domain/types';
import { decideAfterAttempt } from './lifecycle';

const policy = { baseMs: 30_000, capMs: 900_000 };
const NOW = 1_000_000;
const job = (attempt: number): Job => ({
  id: 'j', accountId: 'a', mode: 'full', since: null, requestedBy: 'manual', requestedAt: 0, status: 'RUNNING', attempt, maxAttempts: 3,
  nextRunAt: null, heartbeatAt: null, startedAt: null, finishedAt: null, progress: null, error: null, continuationOf: null,
});
const transient = { kind: 'failed' as const, error: { code: 'EXCHANGE_TRANSIENT', message: '502' }, action: 'transient' as const };

describe('job lifecycle decisions', () => {
  it('success, with or without a continuation', () => {
    expect(decideAfterAttempt(job(1), { kind: 'succeeded', continuation: true }, policy, NOW)).toMatchObject({ status: 'SUCCEEDED', continuation: true });
  });

  it('transient failures retry at 30 s, 60 s, then fail after 3 attempts', () => {
    expect(decideAfterAttempt(job(1), transient, policy, NOW)).toMatchObject({ status: 'RETRY_SCHEDULED', nextRunAt: NOW + 30_000 });
    expect(decideAfterAttempt(job(2), transient, policy, NOW)).toMatchObject({ status: 'RETRY_SCHEDULED', nextRunAt: NOW + 60_000 });
    expect(decideAfterAttempt(job(3), transient, policy, NOW)).toMatchObject({ status: 'FAILED', nextRunAt: null, error: transient.error });
  });

  it('an open breaker or a Retry-After pushes the retry later', () => {
    const open = { kind: 'failed' as const, error: { code: 'CIRCUIT_OPEN', message: 'open' }, action: 'circuit_open' as const, retryAfterMs: 300_000 };
    expect(decideAfterAttempt(job(1), open, policy, NOW).nextRunAt).toBe(NOW + 300_000);
  });

  it('credentials and bugs are not retried; credentials pause the account', () => {
    const auth = { kind: 'failed' as const, error: { code: 'EXCHANGE_AUTH', message: 'bad key' }, action: 'credentials' as const };
    expect(decideAfterAttempt(job(1), auth, policy, NOW)).toMatchObject({ status: 'FAILED', needsCredentials: true });
    const bug = { kind: 'failed' as const, error: { code: 'INTERNAL', message: 'x' }, action: 'fatal' as const };
    expect(decideAfterAttempt(job(1), bug, policy, NOW)).toMatchObject({ status: 'FAILED', needsCredentials: false });
  });

  it('cancel ends the job; shutdown requeues it without using up an attempt', () => {
    expect(decideAfterAttempt(job(1), { kind: 'stopped', reason: 'cancel' }, policy, NOW).status).toBe('CANCELLED');
    expect(decideAfterAttempt(job(3), { kind: 'stopped', reason: 'shutdown' }, policy, NOW)).toMatchObject({ status: 'QUEUED', maxAttempts: 4 });
  });
});
