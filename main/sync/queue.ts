import type { Job, JobMode, JobProgress, JobRequester, JobStatus } from '../../shared/domain/types';
import { AppError } from '../../shared/errors';
import type { Settings } from '../../shared/settings';
import type { AccountsPort, JobsPort, SyncLogPort } from '../../shared/store/port';
import type { Decision } from '../../shared/sync/lifecycle';
import { coverageStart } from '../../shared/sync/kinds';
import { dedupeKey, syncLogId } from '../../shared/sync/plan';
import { toSafeError } from '../../shared/sync/sanitize';
import type { Clock } from './clock';
import type { Logger } from './logger';
import type { Emit } from './runner';
import { CANCELLED, SHUTDOWN } from './runner';

export interface SyncRequest {
  accountId: string;
  mode: JobMode;
  since?: number | null;
  /** Bypasses dedupe and the manual cooldown. */
  force?: boolean;
  requestedBy?: JobRequester;
  /** Internal: the job whose page budget this one continues. */
  continuationOf?: string | null;
  /** Internal: where the continued chain's coverage starts (see Job.coverageFrom). */
  coverageFrom?: number | null;
}

export interface QueueDeps {
  store: JobsPort & SyncLogPort & Pick<AccountsPort, 'getAccount'>;
  clock: Clock;
  settings: () => Settings;
  emit: Emit;
  logger: Logger;
  /** Runs one attempt; never throws. */
  run: (job: Job, signal: AbortSignal, onProgress: (p: JobProgress) => void) => Promise<Decision>;
  /** False while offline or paused: nothing new starts. */
  mayStart: () => boolean;
  /** Something observable changed (running set). */
  onChange: () => void;
}

const PENDING: readonly JobStatus[] = ['QUEUED', 'RUNNING', 'RETRY_SCHEDULED'];
const LIST_ALL = 100_000;

interface Running {
  controller: AbortController;
  done: Promise<void>;
}

/**
 * Durable job queue (after Signal's JobQueue): every job lives in the store, so a crash loses
 * nothing; in memory are only the pending jobs (a few per account) and the running set.
 * One running job per account, at most settings.sync.globalConcurrency in all.
 */
export class JobQueue {
  private readonly pending = new Map<string, Job>();
  private readonly running = new Map<string, Running>();
  /** Last finish per dedupe key, for the manual cooldown. */
  private readonly recent = new Map<string, Job>();
  /**
   * Running jobs a user asked for again ("Retry now", "Sync now") while their attempt ran: should
   * that attempt end in a scheduled retry, the retry runs at once. The attempt may have started
   * while a breaker was open and fail on it after the user reset it; its retry would otherwise
   * wait the breaker's whole cool-down (10 minutes in the breaker e2e), the click lost.
   */
  private readonly askedAgain = new Set<string>();
  private cancelTimer: (() => void) | null = null;
  private stopping = false;

  constructor(private readonly deps: QueueDeps) {}

  /** Loads pending jobs; jobs left RUNNING by a crash are requeued to resume from their checkpoints. */
  async load(): Promise<void> {
    this.stopping = false;
    const jobs = await this.deps.store.listJobs({ statuses: [...PENDING], limit: LIST_ALL });
    for (const job of jobs) {
      if (job.status === 'RUNNING') {
        // The interrupted attempt does not count against the job's retry budget.
        const resumed: Job = { ...job, status: 'QUEUED', maxAttempts: job.maxAttempts + 1, nextRunAt: null, heartbeatAt: null };
        await this.closeInterruptedLog(job);
        await this.save(resumed);
        this.deps.logger.info('resuming a job interrupted by a crash', { jobId: job.id, attempt: job.attempt });
      } else {
        this.pending.set(job.id, job);
      }
    }
  }

  /** `deduped` = an equal pending job (or, for a manual request, one finished within the cooldown) was returned. */
  async request(input: SyncRequest): Promise<{ job: Job; deduped: boolean }> {
    if (this.stopping) throw new AppError('SHUTTING_DOWN', 'The sync engine is stopping.');
    const account = await this.deps.store.getAccount(input.accountId);
    if (account === null) throw new AppError('NOT_FOUND', 'This account does not exist.');
    const since = input.since ?? null;
    const requestedBy = input.requestedBy ?? 'manual';
    const key = dedupeKey(input.accountId, input.mode, since);
    const now = this.deps.clock.now();
    if (input.force !== true) {
      const same = [...this.pending.values()].find((j) => dedupeKey(j.accountId, j.mode, j.since) === key);
      if (same !== undefined) {
        // A user asking again for a job waiting to retry wants it now.
        if (same.status === 'RETRY_SCHEDULED' && requestedBy === 'manual') {
          await this.save({ ...same, status: 'QUEUED', nextRunAt: null });
          this.pump();
        }
        if (same.status === 'RUNNING' && requestedBy === 'manual') this.askedAgain.add(same.id);
        return { job: this.pending.get(same.id) ?? same, deduped: true };
      }
      // Manual triggers right after a successful sync are refused with the wait, so nobody hammers
      // the exchange by clicking; a failed or cancelled sync may be retried at once ("Try again").
      const last = this.recent.get(key);
      const cooldownMs = this.deps.settings().sync.manualCooldownSeconds * 1000;
      if (requestedBy === 'manual' && last?.status === 'SUCCEEDED' && last.finishedAt !== null && now - last.finishedAt < cooldownMs) {
        const waitMs = cooldownMs - (now - last.finishedAt);
        throw new AppError('CONFLICT', `This account synced moments ago. You can sync it again in ${Math.ceil(waitMs / 1000)} s.`, { retryAfterMs: waitMs });
      }
    }
    const job: Job = {
      id: globalThis.crypto.randomUUID(), accountId: input.accountId, mode: input.mode, since, requestedBy, requestedAt: now,
      status: 'QUEUED', attempt: 0, maxAttempts: this.deps.settings().retry.jobAttempts, nextRunAt: null, heartbeatAt: null,
      startedAt: null, finishedAt: null, progress: null, error: null, continuationOf: input.continuationOf ?? null,
      ...(input.coverageFrom == null ? {} : { coverageFrom: input.coverageFrom }),
    };
    await this.save(job);
    this.pump();
    return { job, deduped: false };
  }

  async cancel(jobId: string): Promise<boolean> {
    const running = this.running.get(jobId);
    if (running) {
      running.controller.abort(CANCELLED());
      await running.done;
      return true;
    }
    const job = this.pending.get(jobId);
    if (job === undefined) return false;
    await this.save({ ...job, status: 'CANCELLED', finishedAt: this.deps.clock.now(), nextRunAt: null });
    return true;
  }

  /**
   * Retries waiting for their time run now (a breaker reset: the user says the exchange is back).
   * Only jobs `which` picks; the first failure of the new attempt schedules the next retry as usual.
   */
  async runWaitingNow(which: (job: Job) => boolean): Promise<number> {
    const waiting = [...this.pending.values()].filter((j) => j.status === 'RETRY_SCHEDULED' && which(j));
    for (const job of waiting) await this.save({ ...job, status: 'QUEUED', nextRunAt: null });
    if (waiting.length > 0) this.pump();
    return waiting.length;
  }

  runningJobIds(): string[] {
    return [...this.running.keys()];
  }

  pendingJobs(): Job[] {
    return [...this.pending.values()];
  }

  /** Starts whatever may run now, and arms a timer for the next scheduled retry. */
  pump(): void {
    if (this.stopping) return;
    this.cancelTimer?.();
    this.cancelTimer = null;
    const now = this.deps.clock.now();
    if (this.deps.mayStart()) {
      const limit = this.deps.settings().sync.globalConcurrency;
      const busy = new Set([...this.running.keys()].map((id) => this.pending.get(id)?.accountId));
      const ready = [...this.pending.values()]
        .filter((j) => j.status === 'QUEUED' || (j.status === 'RETRY_SCHEDULED' && (j.nextRunAt ?? 0) <= now))
        // Manual requests first, then oldest first.
        .sort((a, b) => Number(a.requestedBy !== 'manual') - Number(b.requestedBy !== 'manual') || a.requestedAt - b.requestedAt);
      for (const job of ready) {
        if (this.running.size >= limit) break;
        if (busy.has(job.accountId)) continue;
        busy.add(job.accountId);
        this.start(job);
      }
    }
    const next = Math.min(...[...this.pending.values()].filter((j) => j.status === 'RETRY_SCHEDULED').map((j) => j.nextRunAt ?? now));
    if (Number.isFinite(next)) this.cancelTimer = this.deps.clock.setTimer(() => this.pump(), Math.max(0, next - now));
  }

  /**
   * Stops running jobs the graceful way (in-flight batch commits) and puts them back in the queue
   * without using up an attempt; used when the machine goes offline.
   */
  async interruptAll(reason: AppError): Promise<void> {
    const all = [...this.running.values()];
    for (const r of all) r.controller.abort(reason);
    await Promise.all(all.map((r) => r.done));
  }

  /** Graceful: no new job or page; in-flight batches commit; then resolves. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
    const all = [...this.running.values()];
    for (const r of all) r.controller.abort(SHUTDOWN());
    await Promise.all(all.map((r) => r.done));
  }

  private start(queued: Job): void {
    const controller = new AbortController();
    const now = this.deps.clock.now();
    const job: Job = { ...queued, status: 'RUNNING', attempt: queued.attempt + 1, startedAt: now, heartbeatAt: now, nextRunAt: null, finishedAt: null, error: null };
    this.pending.set(job.id, job);
    const done = this.execute(job, controller).catch(async (error: unknown) => {
      // Only the store can fail here (the runner never throws). Keep the job alive: retry it later.
      this.deps.logger.error('job bookkeeping failed', { jobId: job.id, error: toSafeError(error) });
      const retry: Job = { ...job, status: 'RETRY_SCHEDULED', nextRunAt: this.deps.clock.now() + this.deps.settings().retry.jobBaseMs, error: toSafeError(error) };
      this.pending.set(retry.id, retry);
      await this.deps.store.putJob(retry).catch(() => undefined);
    }).finally(() => {
      this.running.delete(job.id);
      this.deps.onChange();
      this.pump();
    });
    this.running.set(job.id, { controller, done });
    this.deps.onChange();
  }

  private async execute(started: Job, controller: AbortController): Promise<void> {
    // RUNNING is durable before any work, so a crash from here on is recovered at next start.
    await this.save(started);
    let current = started;
    const beat = (): void => {
      current = { ...current, heartbeatAt: this.deps.clock.now() };
      this.pending.set(current.id, current);
      void this.deps.store.putJob(current).catch((error: unknown) => this.deps.logger.warn('heartbeat not saved', { error: toSafeError(error) }));
    };
    let stopBeat: () => void = () => undefined;
    const arm = (): void => {
      stopBeat = this.deps.clock.setTimer(() => {
        beat();
        arm();
      }, this.heartbeatMs());
    };
    arm();
    let decision: Decision;
    try {
      decision = await this.deps.run(started, controller.signal, (progress) => {
        current = { ...current, progress };
        this.pending.set(current.id, current);
        this.deps.emit('sync.progress', { jobId: current.id, accountId: current.accountId, progress });
      });
    } finally {
      stopBeat();
    }
    const now = this.deps.clock.now();
    const terminal = decision.status === 'SUCCEEDED' || decision.status === 'FAILED' || decision.status === 'CANCELLED';
    const askedAgain = this.askedAgain.delete(started.id) && decision.status === 'RETRY_SCHEDULED';
    const finished: Job = {
      ...current, status: decision.status, nextRunAt: askedAgain ? now : decision.nextRunAt, error: decision.error, maxAttempts: decision.maxAttempts,
      finishedAt: terminal ? now : null, heartbeatAt: null,
    };
    await this.save(finished);
    if (terminal) this.recent.set(dedupeKey(finished.accountId, finished.mode, finished.since), finished);
    if (decision.continuation && !this.stopping) {
      // The continuation resumes from the checkpoints without a date (a dated job would restart at
      // its date) but keeps the chain's start, so it completes kinds exactly as the dated job would.
      const continuation: SyncRequest = {
        accountId: finished.accountId, mode: finished.mode, since: null, force: true, requestedBy: finished.requestedBy,
        continuationOf: finished.id, coverageFrom: coverageStart(finished),
      };
      await this.request(continuation)
        .catch((error: unknown) => this.deps.logger.warn('continuation not queued', { error: toSafeError(error) }));
    }
  }

  private heartbeatMs(): number {
    return this.deps.settings().sync.heartbeatSeconds * 1000;
  }

  /** Persists a job, mirrors it in memory and tells the UI. */
  private async save(job: Job): Promise<void> {
    if (PENDING.includes(job.status)) this.pending.set(job.id, job);
    else this.pending.delete(job.id);
    await this.deps.store.putJob(job);
    this.deps.emit('job.updated', job);
  }

  private async closeInterruptedLog(job: Job): Promise<void> {
    if (job.attempt < 1) return;
    const log = await this.deps.store.getSyncLog(syncLogId(job.id, job.attempt));
    if (log === null || log.finishedAt !== null) return;
    await this.deps.store.putSyncLog({
      ...log, status: 'FAILED', finishedAt: job.heartbeatAt ?? this.deps.clock.now(),
      error: { code: 'INTERNAL', message: 'Interrupted: the app stopped during this attempt. It resumed from its last committed batch.' },
    });
  }
}
