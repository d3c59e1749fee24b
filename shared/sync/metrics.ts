import type { SyncLog } from '../domain/types';

/**
 * Sync health derived from SyncLogs only (no extra bookkeeping to keep consistent). Pure.
 * A log counts once it is finished; RUNNING/QUEUED logs are ignored.
 */

export interface DaySuccess {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  succeeded: number;
  failed: number;
  /** succeeded / (succeeded + failed); null when neither. */
  rate: number | null;
}

function isFailure(log: SyncLog): boolean {
  return log.status === 'FAILED' || log.status === 'RETRY_SCHEDULED';
}

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Success rate per UTC day of attempts (by finish time), oldest day first. Cancelled attempts are neither. */
export function successRateByDay(logs: readonly SyncLog[]): DaySuccess[] {
  const days = new Map<string, { succeeded: number; failed: number }>();
  for (const log of logs) {
    if (log.finishedAt === null) continue;
    const ok = log.status === 'SUCCEEDED';
    if (!ok && !isFailure(log)) continue;
    const day = utcDay(log.finishedAt);
    const d = days.get(day) ?? { succeeded: 0, failed: 0 };
    if (ok) d.succeeded++;
    else d.failed++;
    days.set(day, d);
  }
  return [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, d]) => ({ day, ...d, rate: d.succeeded + d.failed === 0 ? null : d.succeeded / (d.succeeded + d.failed) }));
}

/**
 * Mean time to recover per account: from the first failed attempt after a success (or the start)
 * to the next successful attempt's finish. Outages still open at the end are not counted.
 * null when there was no recovered outage.
 */
export function meanTimeToRecoverMs(logs: readonly SyncLog[]): number | null {
  const byAccount = new Map<string, SyncLog[]>();
  for (const log of logs) {
    if (log.finishedAt === null) continue;
    const list = byAccount.get(log.accountId) ?? [];
    list.push(log);
    byAccount.set(log.accountId, list);
  }
  const recoveries: number[] = [];
  for (const list of byAccount.values()) {
    list.sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0));
    let failingSince: number | null = null;
    for (const log of list) {
      if (isFailure(log)) {
        if (failingSince === null) failingSince = log.finishedAt;
      } else if (log.status === 'SUCCEEDED' && failingSince !== null && log.finishedAt !== null) {
        recoveries.push(log.finishedAt - failingSince);
        failingSince = null;
      }
    }
  }
  return recoveries.length === 0 ? null : recoveries.reduce((a, b) => a + b, 0) / recoveries.length;
}

/** Average duration of finished attempts (any outcome but cancelled); null when none. */
export function averageDurationMs(logs: readonly SyncLog[]): number | null {
  let total = 0;
  let n = 0;
  for (const log of logs) {
    if (log.finishedAt === null || log.status === 'CANCELLED') continue;
    total += Math.max(0, log.finishedAt - log.startedAt);
    n++;
  }
  return n === 0 ? null : total / n;
}

export interface SyncMetrics {
  successByDay: DaySuccess[];
  meanTimeToRecoverMs: number | null;
  averageDurationMs: number | null;
}

export function syncMetrics(logs: readonly SyncLog[]): SyncMetrics {
  return { successByDay: successRateByDay(logs), meanTimeToRecoverMs: meanTimeToRecoverMs(logs), averageDurationMs: averageDurationMs(logs) };
}
