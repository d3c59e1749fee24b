/**
 * Job 1: first sync (mode `full`, scope `all`) of a Binance account by the real engine against the
 * loopback simulator with latency and the REAL weight limits (6000/min spot, 2400/min USD-M), into
 * the real DexieStore on fake-indexeddb, in the app's topology (bench/rig.ts: the store in a worker
 * thread through main/core/remoteStore.ts, the simulator in a child process). Reports wall time,
 * requests, weight, 429/418, the lower bound (formula in bench/lib.ts `lowerBound`) and the ratio.
 *   npx tsx bench/first-sync.ts [--spot=200] [--traded-spot=20] [--linear=30] [--traded-linear=10]
 *     [--trades=36000] [--days=60] [--latency=40]
 *   experiments: [--in-process] (store and simulator on the engine's thread) [--memory-store]
 *     [--symbols-per-batch=N] [--in-flight=N] (defaults: the product's settings) [--trace-start] (the first
 *     800 ms of requests, to stderr)
 * Prints one JSON line.
 */
import { DEFAULT_SETTINGS } from '../shared/settings';
import type { EngineStorePort } from '../shared/store/port';
import { MemoryStore } from '../testing/sync/memoryStore';
import {
  argFlag, argNumber, benchSettings, emitResult, etaAccuracy, historyOptions, lowerBound, main, makeAccount, round, runTimed, shapeFromArgs, startTimedEngine, summarize,
} from './lib';
import { startRig } from './rig';

async function run(): Promise<void> {
  const shape = shapeFromArgs({ listedSpot: 200, tradedSpot: 20, listedLinear: 30, tradedLinear: 10, trades: 36_000, historyDays: 60, latencyMs: 40 });
  const now = Date.now();
  const history = historyOptions(shape, now);
  // Real limits: the simulator's defaults are the exchange's (shared/exchanges).
  const rig = await startRig({ history, latencyMs: shape.latencyMs }, 'bench-first-sync');
  const { sim } = rig;
  // --memory-store: MemoryStore on the engine's thread instead of Dexie on fake-indexeddb (separates the store's CPU from the engine's).
  const memoryStore = argFlag('memory-store') ? new MemoryStore() : null;
  const store: EngineStorePort = memoryStore ?? rig.store.store;
  const account = makeAccount(sim.baseUrl, history.start - 60_000, now);
  await store.putAccount(account);
  // Product defaults unless overridden (experiments: how much the engine's structure costs).
  const settings = benchSettings({
    symbolsPerBatch: argNumber('symbols-per-batch', DEFAULT_SETTINGS.sync.symbolsPerBatch),
    maxInFlightRequests: argNumber('in-flight', DEFAULT_SETTINGS.sync.maxInFlightRequests),
  });
  const run = await startTimedEngine(store, settings);
  const { engine, timed, samples } = run;
  const { job, wallMs, startedAt, endedAt } = await runTimed(run, 'full');
  if (job.status !== 'SUCCEEDED') throw new Error(`first sync ${job.status}: ${job.error?.message ?? ''}`);

  const entries = await sim.requestLog();
  const summary = summarize(entries);
  const bound = lowerBound(summary, startedAt, shape.latencyMs, settings.sync.maxInFlightRequests);
  const truth = await sim.groundTruth();
  const stored = memoryStore === null ? await rig.store.tradeCount() : memoryStore.trades.size;
  if (stored !== truth.trades.length) throw new Error(`stored ${stored} trades, the simulator has ${truth.trades.length}`);
  // When each kind of request was sent, relative to the start: shows whether spot and USD-M trade pages overlap.
  if (argFlag('trace-start')) for (const e of entries.filter((x) => x.at - startedAt < 800)) console.error(e.at - startedAt, e.path, JSON.stringify(e.params).slice(0, 80));
  const phases: Record<string, { firstMs: number; lastMs: number }> = {};
  for (const e of entries) {
    const b = e.path.endsWith('/myTrades') ? 'spotTrades' : e.path.endsWith('/userTrades') ? 'linearTrades'
      : e.path.startsWith('/fapi/') ? 'fapiOther' : e.path.startsWith('/sapi/') ? 'sapi' : 'apiOther';
    const p = phases[b] ?? { firstMs: e.at - startedAt, lastMs: e.at - startedAt };
    p.lastMs = e.at - startedAt;
    phases[b] = p;
  }
  const log = await store.getSyncLog(`${job.id}#1`);
  await engine.stop();
  await rig.close();
  emitResult({
    job: 'first-sync', shape, trades: stored,
    spotTrades: truth.trades.filter((t) => t.marketType === 'spot').length,
    linearTrades: truth.trades.filter((t) => t.marketType === 'linear').length,
    wallMs: round(wallMs), lowerBoundMs: round(bound.lowerBoundMs), ratio: round(wallMs / Math.max(1, bound.lowerBoundMs), 2),
    requests: summary.requests, weight: summary.weight, http429: summary.http429, http418: summary.http418,
    byBucket: summary.byBucket, boundByBucket: bound.perBucket, startOffsetInMinuteMs: startedAt % 60_000,
    phases, engineLog: { requests: log?.stats.requests ?? null, weight: log?.stats.weight ?? null, pages: log?.stats.pages ?? null },
    commits: timed.stats.commits, commitMs: round(timed.stats.commitMs),
    maxInFlightRequests: settings.sync.maxInFlightRequests, symbolsPerBatch: settings.sync.symbolsPerBatch, budgetFraction: settings.limiter.budgetFraction,
    avgInFlight: round((summary.requests * shape.latencyMs) / wallMs, 2),
    eta: etaAccuracy(samples, startedAt, endedAt),
    store: memoryStore === null ? rig.topology.store : 'MemoryStore, in-process', simulator: rig.topology.simulator,
  });
}

main(run);
