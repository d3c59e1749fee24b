import { emptyStats, type Account, type Job, type JobProgress, type MarketType, type SyncLog, type TradeSyncMark, type WaitReason } from '../../shared/domain/types';
import { AppError } from '../../shared/errors';
import type { EventName, EventPayloads } from '../../shared/ipc/contract';
import type { Settings } from '../../shared/settings';
import type { AccountsPort, SyncLogPort, SyncRowsPort } from '../../shared/store/port';
import { errorAction } from '../../shared/sync/classify';
import { decideAfterAttempt, type AttemptResult, type Decision } from '../../shared/sync/lifecycle';
import { kindKey, kindsOfMode, recordAttempt, startsAfterHistory } from '../../shared/sync/kinds';
import { syncLogId } from '../../shared/sync/plan';
import { toSafeError } from '../../shared/sync/sanitize';
import type { ExchangeAdapter, RequestGate } from '../exchange/adapter';
import type { Clock } from './clock';
import type { AttemptContext } from './context';
import type { EngineGate, RequestCounters } from './gate';
import type { Logger } from './logger';
import type { Normalizers } from './normalizers';
import { settleCoverage } from './coverage';
import { asAppError } from './pageRetry';
import { explainOutage } from './outage';
import { runPipeline } from './pipeline';
import { BatchWriter } from './writer';

export type Emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;
export type AdapterFactory = (account: Account, gate: RequestGate) => Promise<ExchangeAdapter>;

export interface RunnerDeps {
  store: SyncRowsPort & SyncLogPort & AccountsPort;
  clock: Clock;
  settings: () => Settings;
  gate: EngineGate;
  adapters: AdapterFactory;
  normalizers: Normalizers;
  emit: Emit;
  logger: Logger;
}

/** Abort reasons: a stop() requeues the job, a cancel() ends it. */
export const SHUTDOWN = (): AppError => new AppError('SHUTTING_DOWN', 'The app is closing; the sync resumes at next start.');
export const OFFLINE = (): AppError => new AppError('SHUTTING_DOWN', 'Offline: the sync resumes when the connection is back.');
export const CANCELLED = (): AppError => new AppError('CANCELLED', 'The sync was cancelled.');

/**
 * Runs one attempt of `job` (already marked RUNNING with its attempt number): opens its SyncLog,
 * builds the adapter behind a per-job gate, runs the pipeline, and closes the log with the outcome.
 * Never throws: every failure becomes a Decision for the queue.
 */
export async function runAttempt(job: Job, signal: AbortSignal, deps: RunnerDeps, onProgress: (p: JobProgress) => void): Promise<Decision> {
  const settings = deps.settings();
  const logId = syncLogId(job.id, job.attempt);
  const startedAt = deps.clock.now();
  const counters: RequestCounters = { requests: 0, weight: 0 };
  const writer = new BatchWriter(deps.store, job, logId, counters, deps.clock, deps.logger);
  let result: AttemptResult;
  let account: Account | null = null;
  const completed = new Set<string>();
  const tradeMarks: AttemptContext['tradeMarks'] = {};
  let adapter: ExchangeAdapter | null = null;
  try {
    await deps.store.putSyncLog({
      id: logId, jobId: job.id, accountId: job.accountId, mode: job.mode, attempt: job.attempt, startedAt, finishedAt: null,
      status: 'RUNNING', error: null, stats: emptyStats(), symbolFailures: [], invalid: [],
    });
    const stored = await deps.store.getAccount(job.accountId);
    if (stored === null) throw new AppError('NOT_FOUND', 'The account of this sync no longer exists.');
    account = await settleCoverage(deps, job, stored);
    let progress: JobProgress = {
      phase: 'queued', currentSymbols: [], batchIndex: 0, batchCount: 0, inserted: 0, duplicates: 0, requests: 0, weightUsed: 0, etaMs: null, updatedAt: startedAt,
    };
    const report = (update: Partial<JobProgress>): void => {
      progress = mergeProgress(progress, { requests: counters.requests, weightUsed: counters.weight, ...update }, deps.clock.now());
      onProgress(progress);
    };
    const onWait = (wait: { until: number; reason: WaitReason } | null): void => {
      const update = progressForWait(progress, wait, deps.clock.now());
      if (update !== null) report(update);
    };
    adapter = await deps.adapters(account, deps.gate.forJob(signal, counters, onWait));
    deps.gate.register(adapter.buckets());
    const ctx: AttemptContext = {
      job, account, adapter, store: deps.store, settings, clock: deps.clock, signal, normalizers: deps.normalizers, counters, writer,
      logger: deps.logger, budgetHit: false, completed, markets: new Map(), loadedMarkets: null, spotBalances: null, tradeMarks,
      retry: { clock: deps.clock, settings, signal, adapter, logger: deps.logger, onRetry: () => writer.retries++, onWait },
      progress: report, waitToSendMs: (bucket, weight) => deps.gate.waitToSendMs(bucket, weight),
    };
    await runPipeline(ctx);
    result = signal.aborted ? stopped(signal) : { kind: 'succeeded', continuation: ctx.budgetHit };
  } catch (raw) {
    result = signal.aborted
      ? stopped(signal)
      : failed(account === null ? asAppError(raw) : await explainOutage(asAppError(raw), account.exchange, adapter, () => deps.clock.now(), deps.logger));
  }
  const decision = decideAfterAttempt(job, result, { baseMs: settings.retry.jobBaseMs, capMs: settings.retry.jobCapMs }, deps.clock.now());
  await finishLog(deps, logId, decision, writer);
  if (account !== null) await updateAccount(deps, account, decision, startedAt, { job, completed, tradeMarks });
  if (decision.error !== null) deps.logger.warn('sync attempt failed', { jobId: job.id, attempt: job.attempt, status: decision.status, error: decision.error });
  return decision;
}

/**
 * Applies a progress update. A work estimate reported while a wait is still ahead (another
 * symbol's page committed while this one waits for the window) keeps that wait in the ETA, so
 * the ETA never drops back to the work alone until the wait is over.
 */
export function mergeProgress(current: JobProgress, update: Partial<JobProgress>, now: number): JobProgress {
  const next: JobProgress = { ...current, ...update, updatedAt: now };
  const waitAhead = next.waitingUntil != null && next.waitingUntil > now && !('waitingUntil' in update);
  if (waitAhead && update.etaMs != null && next.waitingUntil != null) next.etaMs = update.etaMs + (next.waitingUntil - now);
  return next;
}

/**
 * A request of this job waits for the exchange's window (or its Retry-After): progress says so and
 * until when, and the ETA counts the wait on top of the work still estimated to be left.
 * Returns the progress update, or null when nothing changed.
 */
export function progressForWait(current: JobProgress, wait: { until: number; reason: WaitReason } | null, now: number): Partial<JobProgress> | null {
  const sinceUpdate = Math.max(0, now - current.updatedAt);
  if (wait === null) {
    if (current.waitingUntil == null) return null;
    return { waitingUntil: null, waitReason: null, etaMs: current.etaMs === null ? null : Math.max(0, current.etaMs - sinceUpdate) };
  }
  if (current.waitingUntil === wait.until && current.waitReason === wait.reason) return null;
  const waitLeft = Math.max(0, (current.waitingUntil ?? now) - now);
  const workLeft = current.etaMs === null ? null : Math.max(0, current.etaMs - sinceUpdate - waitLeft);
  return { waitingUntil: wait.until, waitReason: wait.reason, etaMs: workLeft === null ? null : workLeft + (wait.until - now) };
}

function stopped(signal: AbortSignal): AttemptResult {
  const reason: unknown = signal.reason;
  return { kind: 'stopped', reason: reason instanceof AppError && reason.code === 'SHUTTING_DOWN' ? 'shutdown' : 'cancel' };
}

function failed(error: AppError): AttemptResult {
  const result: AttemptResult = { kind: 'failed', error: toSafeError(error), action: errorAction(error.code) };
  return error.retryAfterMs === undefined ? result : { ...result, retryAfterMs: error.retryAfterMs };
}

/** Closes the attempt's log: status, error and the counters no batch carried. Best effort. */
async function finishLog(deps: RunnerDeps, logId: string, decision: Decision, writer: BatchWriter): Promise<void> {
  try {
    const log: SyncLog | null = await deps.store.getSyncLog(logId);
    if (log === null) return;
    const extra = writer.uncommitted();
    await deps.store.putSyncLog({
      ...log,
      finishedAt: deps.clock.now(),
      // A shutdown-interrupted attempt is logged as cancelled; the job itself goes back to the queue.
      status: decision.status === 'QUEUED' ? 'CANCELLED' : decision.status,
      error: decision.error,
      stats: { ...log.stats, requests: log.stats.requests + extra.requests, weight: log.stats.weight + extra.weight, retries: log.stats.retries + extra.retries },
      symbolFailures: [...log.symbolFailures, ...writer.pendingSymbolFailures()],
    });
  } catch (error) {
    deps.logger.error('could not close a sync log', { logId, error: toSafeError(error) });
  }
}

async function updateAccount(deps: RunnerDeps, before: Account, decision: Decision, startedAt: number, attempt: { job: Job; completed: ReadonlySet<string>; tradeMarks: AttemptContext['tradeMarks'] }): Promise<void> {
  // A stopped attempt still records the kinds it finished before the stop.
  if ((decision.status === 'QUEUED' || decision.status === 'CANCELLED') && attempt.completed.size === 0) return;
  try {
    // Re-read: the user may have edited the account while the job ran.
    const current = (await deps.store.getAccount(before.id)) ?? null;
    if (current === null) return;
    const now = deps.clock.now();
    const outcome = decision.status === 'SUCCEEDED' ? 'succeeded' : decision.status === 'FAILED' || decision.status === 'RETRY_SCHEDULED' ? 'failed' : 'stopped';
    // Kinds are judged against the scope the attempt ran with; the completion time is the
    // attempt's start, like lastSuccessAt.
    // A run from a date later than the history start, or a continuation of one, cannot complete a
    // kind that was not (docs/SYNC-STATUS.md).
    const fromDate = startsAfterHistory(attempt.job, before.historyStart);
    const kinds = recordAttempt(current.kinds, kindsOfMode(attempt.job.mode, before.marketTypes, before.exchange), attempt.completed, outcome, startedAt, fromDate);
    const next: Account = { ...current, kinds, updatedAt: now };
    // A trades mark moves only with its kind completed: what re-syncs compare against.
    for (const [marketType, mark] of Object.entries(attempt.tradeMarks) as [MarketType, TradeSyncMark][]) {
      if (attempt.completed.has(kindKey('trades', marketType))) next.tradeSync = { ...next.tradeSync, [marketType]: mark };
    }
    if (outcome !== 'stopped') next.lastAttemptAt = now;
    // lastSuccessAt = when the attempt started, so rows that arrived during it fall into the next overlap.
    if (decision.status === 'SUCCEEDED') next.lastSuccessAt = startedAt;
    if (decision.needsCredentials) next.status = 'needs_credentials';
    await deps.store.putAccount(next);
    deps.emit('account.changed', { accountId: next.id, account: next });
    if (decision.needsCredentials) {
      deps.emit('notice', {
        level: 'error', accountId: next.id,
        message: `${next.label}: the exchange rejected the API key. Background sync is paused until you update the key.`,
      });
    }
  } catch (error) {
    deps.logger.error('could not update the account after a sync', { accountId: before.id, error: toSafeError(error) });
  }
}
