import { AppError, isErrorCode } from '../../shared/errors';
import { countsForBreaker } from '../../shared/sync/classify';
import { completeness } from '../../shared/sync/kinds';
import { toSafeError } from '../../shared/sync/sanitize';
import type { EngineStatus } from '../../shared/domain/engine';
import type { JobMode, JobRequester } from '../../shared/domain/types';
import type { SyncRequestResult } from '../../shared/ipc/contract';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import type { EngineStorePort } from '../../shared/store/port';
import { systemClock, type Clock } from './clock';
import { EngineGate } from './gate';
import { sanitizingLogger, silentLogger, type Logger } from './logger';
import type { Normalizers } from './normalizers';
import { defaultNormalizers } from './defaultNormalizers';
import { JobQueue, type SyncRequest } from './queue';
import { OFFLINE, runAttempt, type AdapterFactory, type Emit } from './runner';
import { Scheduler } from './scheduler';

export interface SyncEngineOptions {
  /** The only way the engine persists (the renderer's Dexie store over IPC, or in-process in tests). */
  store: EngineStorePort;
  /** Builds an adapter for an account; the caller resolves credentials from the keychain. Every request goes through `gate`. */
  adapters: AdapterFactory;
  emit: Emit;
  clock?: Clock;
  /** Read at each decision, so changes apply without a restart. Default: the stored settings (or defaults), loaded at start(). */
  settings?: () => Settings;
  logger?: Logger;
  /** Raw row -> record mapping; defaults to shared/normalize. */
  normalizers?: Normalizers;
}

export interface SyncEngine {
  /** The engine's request gate (limiter + breakers): anything else that talks to an exchange (the connection test) goes through it, so it never sends into a pending Retry-After. */
  readonly gate: EngineGate;
  start(): Promise<void>;
  /** Graceful: no new pages, in-flight batches commit, running jobs go back to the queue. */
  stop(): Promise<void>;
  /** Answers at once with the job id (an equal pending job is returned unless `force`); the sync runs in the background. */
  request(input: SyncRequest): Promise<SyncRequestResult>;
  /** Queues `mode` for every active account (`full` for one whose scope was never completely imported). */
  requestAll(mode: JobMode, requestedBy?: JobRequester): Promise<SyncRequestResult[]>;
  cancel(jobId: string): Promise<boolean>;
  status(): EngineStatus;
  setBackgroundPaused(paused: boolean): void;
  resetBreaker(group: string): boolean;
  setOnline(online: boolean): void;
  /** After sleep/resume: overdue syncs and retries run now. */
  notifyWake(): void;
  /** An account's keys or settings changed: a schedule paused for credentials resumes once it is active again. */
  accountChanged(accountId: string): void;
}

function waitsOnExchange(code: string): boolean {
  return code === 'CIRCUIT_OPEN' || (isErrorCode(code) && countsForBreaker(code));
}

/** UI refresh rate of limiter/breaker state; transitions are never lost, only coalesced. */
const STATUS_EVERY_MS = 250;

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const clock = options.clock ?? systemClock;
  const logger = sanitizingLogger(options.logger ?? silentLogger);
  const { store, emit } = options;
  let loaded: Settings = DEFAULT_SETTINGS;
  const settings = options.settings ?? ((): Settings => loaded);
  let online = true;
  let backgroundPaused = false;
  let started = false;
  let stopping = false;

  // Every response moves a limiter: coalesce status events to at most one per STATUS_EVERY_MS.
  let statusTimer: (() => void) | null = null;
  let lastStatusAt = -Infinity;
  const statusChanged = (): void => {
    if (statusTimer !== null) return;
    const wait = Math.max(0, lastStatusAt + STATUS_EVERY_MS - clock.now());
    statusTimer = clock.setTimer(() => {
      statusTimer = null;
      lastStatusAt = clock.now();
      emit('engine.status', status());
    }, wait);
  };

  const runWaitingOnExchange = (): void => {
    // A retry waiting out the breaker (or the failures that opened it) runs at once.
    void queue.runWaitingNow((job) => job.error !== null && waitsOnExchange(job.error.code))
      .catch((error: unknown) => logger.warn('could not bring retries forward', { error: toSafeError(error) }));
    queue.pump();
  };
  // A recovered endpoint lets a job waiting for its retry slot continue at once.
  const gate = new EngineGate(clock, settings, statusChanged, () => runWaitingOnExchange());
  const runnerDeps = { store, clock, settings, gate, adapters: options.adapters, normalizers: options.normalizers ?? defaultNormalizers, emit, logger };
  const queue = new JobQueue({
    store, clock, settings, emit, logger,
    run: (job, signal, onProgress) => runAttempt(job, signal, runnerDeps, onProgress),
    mayStart: () => started && online && !stopping,
    onChange: statusChanged,
  });
  const scheduler = new Scheduler({
    store, clock, logger,
    active: () => started && online && !stopping && !backgroundPaused && settings().sync.backgroundEnabled,
    enqueue: async (account) => {
      await queue.request({ accountId: account.id, mode: 'full', requestedBy: 'system' });
    },
  });

  function status(): EngineStatus {
    return {
      backgroundPaused, online, shuttingDown: stopping, runningJobIds: queue.runningJobIds(),
      breakers: gate.breakerStates(), limiters: gate.limiterUsage(),
    };
  }

  return {
    gate,
    async start() {
      if (started) return;
      stopping = false;
      if (options.settings === undefined) loaded = (await store.getSettings()) ?? DEFAULT_SETTINGS;
      await queue.load();
      started = true;
      queue.pump();
      scheduler.start();
      statusChanged();
    },
    async stop() {
      stopping = true;
      scheduler.stop();
      await queue.stop();
      started = false;
      statusTimer?.();
      statusTimer = null;
      emit('engine.status', status());
    },
    async request(input) {
      const { job, deduped } = await queue.request(input);
      return { jobId: job.id, deduped };
    },
    async requestAll(mode, requestedBy = 'manual') {
      const accounts = (await store.listAccounts()).filter((a) => a.status === 'active');
      // An account still in its manual cooldown is skipped, not an error for the whole batch.
      // "Sync all" never leaves an account partly imported: one whose scope is not complete gets a full sync.
      const results = await Promise.all(accounts.map((a) => queue.request({ accountId: a.id, mode: completeness(a).complete ? mode : 'full', requestedBy }).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'CONFLICT') return null;
        throw error;
      })));
      return results.flatMap((r) => (r === null ? [] : [{ jobId: r.job.id, deduped: r.deduped }]));
    },
    cancel: (jobId) => queue.cancel(jobId),
    status,
    setBackgroundPaused(paused) {
      backgroundPaused = paused;
      if (!paused) scheduler.kick();
      statusChanged();
    },
    resetBreaker(group) {
      const ok = gate.resetBreaker(group);
      if (ok) runWaitingOnExchange();
      return ok;
    },
    setOnline(value) {
      if (online === value) return;
      online = value;
      if (value) {
        queue.pump();
        scheduler.kick();
      } else {
        // Nothing runs offline: running jobs stop gracefully and wait in the queue, attempts intact.
        void queue.interruptAll(OFFLINE());
      }
      statusChanged();
    },
    notifyWake() {
      queue.pump();
      scheduler.kick();
    },
    accountChanged() {
      // Adapters are built per attempt (keys are read fresh each time), so nothing is cached here;
      // the scheduler re-reads accounts and picks up a status back to 'active' or a new interval.
      scheduler.kick();
      queue.pump();
    },
  };
}
