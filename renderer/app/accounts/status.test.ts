import { describe, expect, it } from 'vitest';
import type { Account, Job } from '../../../shared/domain/types';
import { accountSyncStatus, formatDuration, isStalled, latestJobOf, missingSummary } from './status';
import { progressWaitText, retryWaitText } from './waits';
import { estimateAllScope } from './scopeEstimate';

const account: Account = {
  id: 'a1', exchange: 'binance', label: 'Main', marketTypes: ['spot'], testnet: false, baseUrl: null, historyStart: null,
  symbolScope: 'held', credentialRef: 'account:a1', status: 'active', scheduleMinutes: 60, createdAt: 0, updatedAt: 0,
  lastAttemptAt: null, lastSuccessAt: null,
};

const done = { completedAt: 1, lastOk: true, lastRunAt: 1 };

function job(patch: Partial<Job>): Job {
  return {
    id: 'j', accountId: 'a1', mode: 'trades', since: null, requestedBy: 'manual', requestedAt: 0, status: 'QUEUED', attempt: 0,
    maxAttempts: 3, nextRunAt: null, heartbeatAt: null, startedAt: null, finishedAt: null, progress: null, error: null, continuationOf: null, ...patch,
  };
}

describe('account sync status', () => {
  it('derives every status', () => {
    expect(accountSyncStatus(account, null)).toBe('never');
    const complete = { 'trades:spot': done, movements: done, 'balances:spot': done };
    expect(accountSyncStatus({ ...account, lastSuccessAt: 5, kinds: complete }, null)).toBe('synced');
    // A success of one kind is not "Synced": the rest of the scope is missing.
    expect(accountSyncStatus({ ...account, lastSuccessAt: 5 }, null)).toBe('partial');
    expect(accountSyncStatus({ ...account, lastSuccessAt: 5, kinds: { 'trades:spot': done } }, job({ status: 'SUCCEEDED' }))).toBe('partial');
    expect(accountSyncStatus({ ...account, kinds: { ...complete, movements: { ...done, lastOk: false } } }, null)).toBe('partial');
    expect(accountSyncStatus(account, job({ status: 'RUNNING' }))).toBe('syncing');
    expect(accountSyncStatus(account, job({ status: 'QUEUED' }))).toBe('pending');
    expect(accountSyncStatus(account, job({ status: 'RETRY_SCHEDULED' }))).toBe('pending');
    expect(accountSyncStatus(account, job({ status: 'FAILED' }))).toBe('failed');
    expect(accountSyncStatus({ ...account, status: 'paused', lastSuccessAt: 5 }, job({ status: 'SUCCEEDED' }))).toBe('paused');
    // Needing keys outranks everything: nothing else can progress until the user acts.
    expect(accountSyncStatus({ ...account, status: 'needs_credentials' }, job({ status: 'RUNNING' }))).toBe('needs_credentials');
  });

  it('says what is missing', () => {
    expect(missingSummary({ marketTypes: ['spot', 'linear'], kinds: { 'trades:spot': done, 'trades:linear': done, 'balances:spot': done, 'balances:linear': done } }))
      .toBe('deposits, withdrawals and wallet history and funding and income not yet imported');
    expect(missingSummary({ marketTypes: ['spot'], kinds: { 'trades:spot': done, 'balances:spot': done, movements: { ...done, lastOk: false } } }))
      .toBe('last deposits, withdrawals and wallet history update failed');
    expect(missingSummary({ marketTypes: ['spot'], kinds: { 'trades:spot': done, 'balances:spot': done, movements: done } })).toBeNull();
  });

  it('explains each wait with its countdown', () => {
    const now = 1_000_000;
    expect(retryWaitText({ error: { code: 'CIRCUIT_OPEN', message: 'paused' }, nextRunAt: now + 42_100 }, now)).toMatch(/^Paused after repeated failures from the exchange\. Next probe in 43 s/);
    expect(retryWaitText({ error: { code: 'EXCHANGE_MAINTENANCE', message: 'Binance is under maintenance.' }, nextRunAt: now + 5_000 }, now)).toBe('Binance is under maintenance. Next try in 5 s.');
    expect(progressWaitText({ waitingUntil: now + 43_000, waitReason: 'rate_limit' }, now)).toBe('waiting for the exchange\'s rate limit, next window in 43 s');
    expect(progressWaitText({ waitingUntil: now - 1, waitReason: 'rate_limit' }, now)).toBeNull();
    expect(progressWaitText({ waitingUntil: null }, now)).toBeNull();
  });

  it('flags a running job as stalled after three missed heartbeats only', () => {
    const running = job({ status: 'RUNNING', heartbeatAt: 100_000 });
    expect(isStalled(running, 10, 100_000 + 30_000)).toBe(false);
    expect(isStalled(running, 10, 100_000 + 30_001)).toBe(true);
    expect(isStalled({ ...running, status: 'SUCCEEDED' }, 10, 10_000_000)).toBe(false);
  });

  it('finds the newest job of an account', () => {
    const jobs = [job({ id: 'old', requestedAt: 1 }), job({ id: 'new', requestedAt: 2 }), job({ id: 'other', accountId: 'a2', requestedAt: 3 })];
    expect(latestJobOf(jobs, 'a1')?.id).toBe('new');
    expect(latestJobOf(jobs, 'a3')).toBeNull();
  });

  it('formats durations for people', () => {
    expect(formatDuration(4_400)).toBe('4s');
    expect(formatDuration(125_000)).toBe('2m 5s');
    expect(formatDuration(3_725_000)).toBe('1h 2m');
    expect(formatDuration(Number.NaN)).toBe('—');
  });

  it('estimates scope `all` from the exchange weight budget', () => {
    // 2,000 symbols x 20 weight = 40,000 weight at 5,400 per minute = 7.4 minutes.
    expect(estimateAllScope('binance')?.minutes).toBeCloseTo(40_000 / 5_400, 5);
    expect(estimateAllScope('bybit')).toBeNull();
  });
});

describe('schedule presets', () => {
  it('never offers an interval under the exchange floor', async () => {
    const { presetsFor } = await import('./SchedulePicker');
    const { SCHEDULE_FLOOR_MINUTES } = await import('../../../shared/sync/plan');
    for (const exchange of ['binance', 'bybit', 'demo'] as const) {
      for (const preset of presetsFor(exchange)) {
        if (preset.minutes !== null) expect(preset.minutes).toBeGreaterThanOrEqual(SCHEDULE_FLOOR_MINUTES[exchange]);
      }
      expect(presetsFor(exchange)[0]?.minutes).toBeNull();
    }
  });
});
