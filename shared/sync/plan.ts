import type { Account, Checkpoint, Cursor, ExchangeId, JobMode } from '../domain/types';

/** Small pure helpers of the sync pipeline and scheduler. */

/** Idempotency key of one commit: a replay after a lost reply changes nothing. */
export function batchId(jobId: string, attempt: number, seq: number): string {
  return `${jobId}#${attempt}#${seq}`;
}

export function syncLogId(jobId: string, attempt: number): string {
  return `${jobId}#${attempt}`;
}

/** Dedupe key of a request: same account, mode and since override = same job. */
export function dedupeKey(accountId: string, mode: JobMode, since: number | null): string {
  return `${accountId}|${mode}|${since ?? '-'}`;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const n = Math.max(1, Math.floor(size));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
  return out;
}

export interface StartInputs {
  /** The job's since override. */
  since: number | null;
  historyStart: number | null;
  lastSuccessAt: number | null;
  overlapMs: number;
}

/** Lower time bound for a stream: the override, else max(historyStart, lastSuccessAt - overlap). */
export function incrementalSince(i: StartInputs): number | null {
  if (i.since !== null) return i.since;
  if (i.lastSuccessAt === null) return i.historyStart;
  const fromLast = Math.max(0, i.lastSuccessAt - i.overlapMs);
  return i.historyStart === null ? fromLast : Math.max(i.historyStart, fromLast);
}

export interface ResumePoint {
  cursor: Cursor | null;
  /** Lower bound the adapter uses when `cursor` is null. */
  since: number | null;
}

/**
 * Where one stream resumes.
 * - A since override restarts the stream from that time (the store drops duplicates).
 * - No checkpoint: from historyStart (a new symbol's history is unknown, so never lastSuccessAt).
 * - An id cursor resumes exactly (ids are complete and ordered).
 * - A time-window cursor between windows re-reads `overlap` back (late rows), never before
 *   historyStart; mid-window (exchange page cursor set) it resumes exactly.
 */
export function resumePoint(checkpoint: Checkpoint | undefined, i: StartInputs): ResumePoint {
  if (i.since !== null) return { cursor: null, since: i.since };
  if (checkpoint === undefined) return { cursor: null, since: i.historyStart };
  const c = checkpoint.cursor;
  if (c.kind === 'fromId' || c.pageCursor !== null) return { cursor: c, since: i.historyStart };
  const windowStart = Math.max(i.historyStart ?? 0, c.windowStart - i.overlapMs);
  return { cursor: { kind: 'window', windowStart, pageCursor: null }, since: i.historyStart };
}

/**
 * Minimum background interval per exchange: keeps a short user interval from costing more weight
 * than the exchange tolerates for a full sync. Exchange facts, not user settings.
 */
export const SCHEDULE_FLOOR_MINUTES: Record<ExchangeId, number> = { binance: 5, bybit: 5, demo: 1 };

/** When an account's next background sync is due (ms), or null if it is not scheduled. */
export function nextDueAt(account: Account): number | null {
  if (account.scheduleMinutes === null || account.status !== 'active') return null;
  const minutes = Math.max(account.scheduleMinutes, SCHEDULE_FLOOR_MINUTES[account.exchange]);
  const last = account.lastAttemptAt ?? account.lastSuccessAt;
  return last === null ? 0 : last + minutes * 60_000;
}

/**
 * Whether a checkpoint stands for stored history. The engine also records how far a symbol was
 * searched in vain (so it is not searched from the start again); those are not "synced symbols".
 */
export function checkpointHasRows(checkpoint: Pick<Checkpoint, 'rowCount' | 'lastTimestamp'>): boolean {
  return checkpoint.rowCount > 0 || checkpoint.lastTimestamp !== null;
}
