import { describe, expect, it } from 'vitest';
import type { Account, Job } from '../../../shared/domain/types';
import { accountSyncStatus, formatDuration, isStalled, latestJobOf } from './status';
import { estimateAllScope } from './scopeEstimate';

const account: Account = {
  id: 'a1', exchange: 'binance', label: 'Main', marketTypes: ['spot'], testnet: false, baseUrl: null, historyStart: null,
  symbolScope: 'held', credentialRef: 'account:a1', status: 'active', scheduleMinutes: 60, createdAt: 0, updatedAt: 0,
  lastAttemptAt: null, lastSuccessAt: null,
};

function job(patch: Partial<Job>): Job {
  return {
    id: 'j', accountId: 'a1', mode: 'trades', since: null, requestedBy: 'manual', requestedAt: 0, status: 'QUEUED', attempt: 0,
    maxAttempts: 3, nextRunAt: null, heartbeatAt: null, startedAt: null, finishedAt: null, progress: null, error: null, continuationOf: null, ...patch,
  };
}

describe('account sync status', () => {
  it('derives every status', () => {
    expect(accountSyncStatus(account, null)).toBe('never');
    expect(accountSyncStatus({ ...account, lastSuccessAt: 5 }, null)).toBe('synced');
    expect(accountSyncStatus(account, job({ status: 'RUNNING' }))).toBe('syncing');
    expect(accountSyncStatus(account, job({ status: 'QUEUED' }))).toBe('pending');
    expect(accountSyncStatus(account, job({ status: 'RETRY_SCHEDULED' }))).toBe('pending');
    expect(accountSyncStatus(account, job({ status: 'FAILED' }))).toBe('failed');
    expect(accountSyncStatus({ ...account, status: 'paused', lastSuccessAt: 5 }, job({ status: 'SUCCEEDED' }))).toBe('paused');
    // Needing keys outranks everything: nothing else can progress until the user acts.
    expect(accountSyncStatus({ ...account, status: 'needs_credentials' }, job({ status: 'RUNNING' }))).toBe('needs_credentials');
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
