/**
 * Shared helpers of the sync benchmarks (bench/run.ts and its jobs): CLI args, the real engine
 * in-process against the simulator (as main/sync/integration.test.ts does), job completion,
 * request-log summaries and the lower-bound formula.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Account, Job } from '../shared/domain/types';
import type { EventName, EventPayloads } from '../shared/ipc/contract';
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings';
import type { BatchCommit, EngineStorePort } from '../shared/store/port';
import { BINANCE_BUCKETS, binanceBucketOfPath, binanceEndpoint } from '../shared/exchanges';
import { applyCoreV8Flags } from '../main/core/v8-flags';
import { preloadHttpClient } from '../main/exchange/ccxt-instance';
import { createAdapter } from '../main/exchange/create-adapter';
import { DEMO_CREDENTIALS } from '../simulator';
import { createSyncEngine, type SyncEngine } from '../main/sync/engine';
import { weightBound } from '../shared/bench/weight-bound';
import type { SimLogEntry } from './sim-control';

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

export function argNumber(name: string, fallback: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = hit === undefined ? fallback : Number(hit.slice(name.length + 3));
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number`);
  return value;
}

export function argFlag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

/** The account shape every sync job uses (Binance spot + USD-M, scope `all`). */
export interface AccountShape {
  listedSpot: number;
  tradedSpot: number;
  listedLinear: number;
  tradedLinear: number;
  trades: number;
  historyDays: number;
  latencyMs: number;
}

export function historyOptions(shape: AccountShape, now: number): { seed: number; start: number; end: number; listedSpot: number; listedLinear: number; tradedSpot: number; tradedLinear: number; trades: number; deposits: number; withdrawals: number } {
  return {
    seed: 11, start: now - shape.historyDays * DAY_MS, end: now - MINUTE_MS,
    listedSpot: shape.listedSpot, listedLinear: shape.listedLinear, tradedSpot: shape.tradedSpot, tradedLinear: shape.tradedLinear,
    trades: shape.trades, deposits: 4, withdrawals: 2,
  };
}

export function makeAccount(baseUrl: string, historyStart: number, now: number): Account {
  return {
    id: 'bench-acc', exchange: 'binance', label: 'Bench', marketTypes: ['spot', 'linear'], testnet: false, baseUrl,
    historyStart, symbolScope: 'all', credentialRef: 'ref', status: 'active', scheduleMinutes: null,
    createdAt: now, updatedAt: now, lastAttemptAt: null, lastSuccessAt: null,
  };
}

/** Product defaults (maxInFlightRequests 4, symbolsPerBatch 4, budgetFraction 0.8); only the manual cooldown is off. */
export function benchSettings(patch: Partial<Settings['sync']> = {}): Settings {
  return { ...DEFAULT_SETTINGS, sync: { ...DEFAULT_SETTINGS.sync, manualCooldownSeconds: 0, ...patch } };
}

export interface EngineRun {
  engine: SyncEngine;
  /** Resolves with the finished job (SUCCEEDED / FAILED / CANCELLED). */
  run(mode: 'full' | 'trades'): Promise<Job>;
}

/** A started engine on a timed store, collecting its progress samples (for the ETA's accuracy). */
export interface TimedEngine extends EngineRun {
  timed: ReturnType<typeof timedStore>;
  samples: ProgressSample[];
}

export async function startTimedEngine(store: EngineStorePort, settings: Settings): Promise<TimedEngine> {
  // The core process's V8 settings, as the app applies them where the engine runs (main/core/v8-flags.ts).
  applyCoreV8Flags();
  // As the core does at start (main/core/appCore.ts): the first sync does not import the HTTP client.
  await preloadHttpClient();
  const timed = timedStore(store);
  const samples: ProgressSample[] = [];
  const { engine, run } = startEngine(timed.port, settings, (sample) => samples.push(sample));
  await engine.start();
  return { engine, run, timed, samples };
}

/** One job run and timed: its wall time, and the epoch times it started and ended (request-log offsets). */
export async function runTimed(engine: EngineRun, mode: 'full' | 'trades'): Promise<{ job: Job; wallMs: number; startedAt: number; endedAt: number }> {
  const startedAt = Date.now();
  const t0 = performance.now();
  const job = await engine.run(mode);
  const wallMs = performance.now() - t0;
  return { job, wallMs, startedAt, endedAt: Date.now() };
}

/** The real engine with the real ccxt adapter, pointed at the simulator; completion from 'job.updated' events (no polling). */
/** Every progress line the job emitted, with the wall time it was seen (for the ETA's accuracy). */
export interface ProgressSample { at: number; etaMs: number | null; phase: string }

export function startEngine(store: EngineStorePort, settings: Settings, onProgress?: (sample: ProgressSample) => void): EngineRun {
  const waiters = new Map<string, (job: Job) => void>();
  const finished = new Map<string, Job>();
  const engine = createSyncEngine({
    store,
    adapters: (acc, gate) => Promise.resolve(createAdapter({
      accountId: acc.id, exchange: acc.exchange, marketTypes: acc.marketTypes, testnet: acc.testnet, baseUrl: acc.baseUrl,
      credentials: { ...DEMO_CREDENTIALS }, gate, timeoutMs: 30_000,
    })),
    emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => {
      if (event === 'sync.progress' && onProgress !== undefined) {
        const { progress } = payload as EventPayloads['sync.progress'];
        onProgress({ at: Date.now(), etaMs: progress.etaMs, phase: progress.phase });
      }
      if (event !== 'job.updated') return;
      const job = payload as Job;
      if (job.status !== 'SUCCEEDED' && job.status !== 'FAILED' && job.status !== 'CANCELLED') return;
      const w = waiters.get(job.id);
      if (w === undefined) finished.set(job.id, job);
      else w(job);
    },
    settings: () => settings,
  });
  return {
    engine,
    async run(mode) {
      const { jobId } = await engine.request({ accountId: 'bench-acc', mode, force: true });
      const done = finished.get(jobId);
      if (done !== undefined) return done;
      return new Promise<Job>((resolve) => waiters.set(jobId, resolve));
    },
  };
}

/** One entry of the simulator's request log (the fields the benchmarks read). */
export type LogEntry = SimLogEntry;

export interface RequestSummary {
  requests: number;
  weight: number;
  http429: number;
  http418: number;
  byBucket: Record<string, { requests: number; weight: number; longestChain: number }>;
}

/** The Binance bucket of a path. Per-UID endpoints (convert history) have their own budget: kept apart from the IP's. */
export function bucketOf(path: string): string {
  return binanceEndpoint(path)?.bucket ?? binanceBucketOfPath(path);
}

/** Binance buckets of the log, with the longest chain of requests that depend on each other (one symbol's pages of one endpoint). */
export function summarize(entries: readonly LogEntry[]): RequestSummary {
  const byBucket: RequestSummary['byBucket'] = {};
  const chains = new Map<string, number>();
  let weight = 0;
  for (const e of entries) {
    const bucket = bucketOf(e.path);
    const b = byBucket[bucket] ?? { requests: 0, weight: 0, longestChain: 0 };
    b.requests++;
    b.weight += e.weight;
    byBucket[bucket] = b;
    weight += e.weight;
    const symbol = typeof e.params['symbol'] === 'string' ? e.params['symbol'] : '';
    const key = `${bucket}|${e.path}|${symbol}`;
    const n = (chains.get(key) ?? 0) + 1;
    chains.set(key, n);
    if (n > b.longestChain) b.longestChain = n;
  }
  return {
    requests: entries.length, weight, byBucket,
    http429: entries.filter((e) => e.status === 429).length,
    http418: entries.filter((e) => e.status === 418).length,
  };
}

/** The exchange's weight windows: one length for every bucket, a limit per bucket (absent: Binance's own). */
export interface ExchangeLimits {
  windowMs: number;
  limits: Partial<Record<string, number>>;
}

export const REAL_LIMITS: ExchangeLimits = { windowMs: BINANCE_BUCKETS.api.windowMs, limits: {} };

export interface LowerBound {
  lowerBoundMs: number;
  perBucket: Record<string, { weightBoundMs: number; latencyBoundMs: number; windows: number }>;
}

/**
 * Lower bound of a sync's wall time, per Binance weight bucket b (buckets are independent, so
 * the bound is the max over buckets):
 *   weight: k_b = ceil(W_b / (share x L_b)) fixed windows (shared/bench/weight-bound.ts; share 1 =
 *     what the exchange allows, the app's budget share = what it may spend). k_b = 1 needs no
 *     wait. Otherwise the last request cannot be sent before the start of the k_b-th window.
 *   latency: latency * max(ceil(R_b / M), C_b), with R_b requests, M = the engine's
 *     maxInFlightRequests per bucket, C_b = the longest chain of requests that depend on each
 *     other (one symbol's pages).
 *   bound_b = max(weight, latency); lowerBound = max_b bound_b.
 * `exchange` gives the window length and limits the exchange enforces (default: Binance's real
 * ones); bench/realsize.ts passes a time-compressed window and the limit exchangeInfo announces.
 * It ignores client/server CPU (it is a bound, not a model).
 */
export function lowerBound(summary: RequestSummary, startedAt: number, latencyMs: number, maxInFlight: number, exchange: ExchangeLimits = REAL_LIMITS, share = 1): LowerBound {
  const perBucket: LowerBound['perBucket'] = {};
  let bound = 0;
  for (const [bucket, s] of Object.entries(summary.byBucket)) {
    const limit = exchange.limits[bucket] ?? (bucket in BINANCE_BUCKETS ? BINANCE_BUCKETS[bucket as keyof typeof BINANCE_BUCKETS].limit : BINANCE_BUCKETS.api.limit);
    // The per-UID convert budget is not the IP's: the app's share applies to the IP buckets only.
    const w = weightBound(s.weight, limit, bucket === 'sapiUid' ? 1 : share, exchange.windowMs, startedAt % exchange.windowMs, latencyMs);
    const latencyBoundMs = latencyMs * Math.max(Math.ceil(s.requests / maxInFlight), s.longestChain);
    perBucket[bucket] = { weightBoundMs: w.boundMs, latencyBoundMs, windows: w.windows };
    bound = Math.max(bound, w.boundMs, latencyBoundMs);
  }
  return { lowerBoundMs: bound, perBucket };
}

export function round(n: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Prints the job's result as the last stdout line (bench/run.ts parses it). */
export function emitResult(result: unknown): void {
  console.log(JSON.stringify(result));
}

export function benchFile(name: string): string {
  return fileURLToPath(new URL(`./${name}`, import.meta.url));
}

/** Runs `bench/<file>` in its own Node process (tsx loader) and parses its last JSON line. */
export function runJob<T>(file: string, args: readonly string[], nodeArgs: readonly string[] = [], onStderr: (line: string) => void = () => undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', benchFile(file), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      for (const line of c.toString('utf8').split('\n')) if (line.trim() !== '') onStderr(line);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').filter((l) => l.startsWith('{')).pop();
      if (code !== 0 || last === undefined) {
        reject(new Error(`${file} exited with ${code ?? 'signal'}: ${out.slice(-2000)}`));
        return;
      }
      try {
        resolve(JSON.parse(last) as T);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

export function main(fn: () => Promise<void>): void {
  fn().then(() => process.exit(0), (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

export function shapeFromArgs(defaults: AccountShape): AccountShape {
  return {
    listedSpot: argNumber('spot', defaults.listedSpot),
    tradedSpot: argNumber('traded-spot', defaults.tradedSpot),
    listedLinear: argNumber('linear', defaults.listedLinear),
    tradedLinear: argNumber('traded-linear', defaults.tradedLinear),
    trades: argNumber('trades', defaults.trades),
    historyDays: argNumber('days', defaults.historyDays),
    latencyMs: argNumber('latency', defaults.latencyMs),
  };
}

/** An engine store that times commitBatch (the commit sits on the engine's critical path between rounds). */
export function timedStore(store: EngineStorePort): { port: EngineStorePort; stats: { commits: number; commitMs: number } } {
  const stats = { commits: 0, commitMs: 0 };
  const port = Object.create(store) as EngineStorePort;
  port.commitBatch = async (batch: BatchCommit) => {
    const t = performance.now();
    try {
      return await store.commitBatch(batch);
    } finally {
      stats.commits++;
      stats.commitMs += performance.now() - t;
    }
  };
  return { port, stats };
}


/**
 * How close the job's ETA was to the time it actually had left: at 25 %, 50 % and 75 % of the
 * wall time, the last ETA shown (shrunk by the time since it was shown, as the UI counts it down)
 * against the real remaining time; error = (shown - actual) / actual. Also the first moment an ETA
 * was shown at all.
 */
export function etaAccuracy(samples: readonly ProgressSample[], startedAt: number, endedAt: number): {
  firstEtaAtMs: number | null; at: { share: number; shownMs: number | null; actualMs: number; error: number | null }[];
} {
  const wall = Math.max(1, endedAt - startedAt);
  const firstEta = samples.find((s) => s.etaMs !== null);
  const at = [0.25, 0.5, 0.75].map((share) => {
    const t = startedAt + share * wall;
    const last = [...samples].reverse().find((s) => s.at <= t);
    const shown = last === undefined || last.etaMs === null ? null : Math.max(0, last.etaMs - (t - last.at));
    const actual = endedAt - t;
    return { share, shownMs: shown === null ? null : round(shown), actualMs: round(actual), error: shown === null ? null : round((shown - actual) / actual, 2) };
  });
  return { firstEtaAtMs: firstEta === undefined ? null : firstEta.at - startedAt, at };
}

export type EtaAccuracy = ReturnType<typeof etaAccuracy>;

/** Goal of docs/BENCHMARKS.md: the ETA shown at 25, 50 and 75 % of the sync within +-20 % of the time left. */
export function etaHonest(eta: EtaAccuracy): boolean {
  return eta.at.every((a) => a.error !== null && Math.abs(a.error) <= 0.2);
}

export function etaLine(eta: EtaAccuracy): string {
  const errors = eta.at.map((a) => `${round(a.share * 100)} %: ${a.error === null ? 'none' : `${a.error >= 0 ? '+' : ''}${round(a.error * 100)} %`}`);
  return `first shown at ${eta.firstEtaAtMs === null ? '-' : `${round(eta.firstEtaAtMs / 1000, 1)} s`}; error at ${errors.join(', ')}`;
}
