import type { Account, Job } from '../../../shared/domain/types';
import { completeness, describeKinds, type KindScope } from '../../../shared/sync/kinds';

/**
 * What a trader sees per account; derived, never stored. `synced` only when every kind of history
 * in the account's scope completed at least once and its last run succeeded; `partial` otherwise.
 */
export type AccountSyncStatus = 'syncing' | 'pending' | 'synced' | 'partial' | 'failed' | 'needs_credentials' | 'paused' | 'never';

export function accountSyncStatus(account: Account, latest: Job | null): AccountSyncStatus {
  if (account.status === 'needs_credentials') return 'needs_credentials';
  if (latest !== null) {
    switch (latest.status) {
      case 'RUNNING':
        return 'syncing';
      case 'QUEUED':
      case 'RETRY_SCHEDULED':
        return 'pending';
      case 'FAILED':
        return 'failed';
      case 'SUCCEEDED':
      case 'CANCELLED':
        break;
    }
  }
  if (account.status === 'paused') return 'paused';
  const state = completeness(account);
  if (state.complete) return 'synced';
  return state.neverRan && account.lastSuccessAt === null ? 'never' : 'partial';
}

/** "income and deposits and withdrawals not yet imported", for a `partial` account; null when complete. */
export function missingSummary(account: KindScope & Pick<Account, 'kinds'>): string | null {
  const state = completeness(account);
  if (state.complete) return null;
  const parts: string[] = [];
  if (state.missing.length > 0) parts.push(`${describeKinds(state.missing)} not yet imported`);
  if (state.failedLast.length > 0) parts.push(`last ${describeKinds(state.failedLast)} update failed`);
  return parts.join('; ');
}

export const STATUS_LABEL: Record<AccountSyncStatus, string> = {
  syncing: 'Syncing',
  pending: 'Pending',
  synced: 'Synced',
  partial: 'Partly synced',
  failed: 'Failed',
  needs_credentials: 'Needs new keys',
  paused: 'Paused',
  never: 'Not synced yet',
};

/**
 * A running job whose heartbeat is older than this many intervals is shown as stalled: the engine
 * beats every `heartbeatSeconds`, so three missed beats mean it is stuck or gone.
 */
export const STALLED_AFTER_BEATS = 3;

export function isStalled(job: Job, heartbeatSeconds: number, now: number): boolean {
  if (job.status !== 'RUNNING') return false;
  const last = job.heartbeatAt ?? job.startedAt ?? job.requestedAt;
  return now - last > STALLED_AFTER_BEATS * heartbeatSeconds * 1000;
}

/** The newest job of an account among those known, by request time. */
export function latestJobOf(jobs: Iterable<Job>, accountId: string): Job | null {
  let latest: Job | null = null;
  for (const job of jobs) {
    if (job.accountId === accountId && (latest === null || job.requestedAt > latest.requestedAt)) latest = job;
  }
  return latest;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  const h = Math.floor(m / 60);
  return `${h}h ${m % 60}m`;
}
