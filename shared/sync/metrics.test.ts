import { describe, expect, it } from 'vitest';
import { emptyStats, type JobStatus, type SyncLog } from '../domain/types';
import { averageDurationMs, meanTimeToRecoverMs, successRateByDay, syncMetrics } from './metrics';

const DAY = 86_400_000;
const D0 = Date.UTC(2026, 10, 20);
let n = 0;
function log(accountId: string, status: JobStatus, startedAt: number, finishedAt: number | null): SyncLog {
  n++;
  return { id: `j${n}#1`, jobId: `j${n}`, accountId, mode: 'full', attempt: 1, startedAt, finishedAt, status, error: null, stats: emptyStats(), symbolFailures: [], invalid: [] };
}

describe('sync metrics', () => {
  it('success rate per UTC day, ignoring unfinished and cancelled', () => {
    const logs = [
      log('a', 'SUCCEEDED', D0, D0 + 1000),
      log('a', 'FAILED', D0 + 2000, D0 + 3000),
      log('a', 'RETRY_SCHEDULED', D0 + 4000, D0 + 5000),
      log('a', 'SUCCEEDED', D0 + DAY, D0 + DAY + 10),
      log('a', 'CANCELLED', D0 + DAY, D0 + DAY + 10),
      log('a', 'RUNNING', D0 + DAY, null),
    ];
    expect(successRateByDay(logs)).toEqual([
      { day: '2026-11-20', succeeded: 1, failed: 2, rate: 1 / 3 },
      { day: '2026-11-21', succeeded: 1, failed: 0, rate: 1 },
    ]);
  });

  it('mean time to recover: first failure to next success, per account', () => {
    const logs = [
      log('a', 'SUCCEEDED', 0, 100),
      log('a', 'FAILED', 100, 1_000),
      log('a', 'FAILED', 1_000, 2_000),
      log('a', 'SUCCEEDED', 2_000, 5_000), // recovered after 4000
      log('b', 'FAILED', 0, 10_000),
      log('b', 'SUCCEEDED', 10_000, 12_000), // after 2000
      log('b', 'FAILED', 20_000, 21_000), // still open: not counted
    ];
    expect(meanTimeToRecoverMs(logs)).toBe(3000);
    expect(meanTimeToRecoverMs([log('a', 'SUCCEEDED', 0, 1)])).toBeNull();
  });

  it('average duration of finished attempts', () => {
    expect(averageDurationMs([log('a', 'SUCCEEDED', 0, 1000), log('a', 'FAILED', 0, 3000), log('a', 'RUNNING', 0, null)])).toBe(2000);
    expect(averageDurationMs([])).toBeNull();
    expect(syncMetrics([]).successByDay).toEqual([]);
  });
});
