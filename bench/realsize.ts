/**
 * Job: the real-size Binance account (bench/realsize-scenario.ts) synced by the real engine and
 * real ccxt adapter into the real DexieStore on fake-indexeddb, scope `all`, product settings, in
 * the app's topology (bench/rig.ts: the store in a worker thread through main/core/remoteStore.ts,
 * the simulator in a child process; `--in-process` for both on the engine's thread). Phases, each from the request log of the simulator:
 *   1. first sync: wall time, requests, weight, 429/418, fills stored vs the ground truth, the
 *      bound of the minimal complete fetch (bench/minimal-fetch.ts) across the exchange's windows
 *      at the app's budget share and at the full limit (the oracle's too, as a reference), and
 *      per bucket the windows it used, left idle and filled (shared/bench/window-usage.ts);
 *   2. re-sync with nothing new (started at the next window, as a later background sync is);
 *   3. re-sync after new fills on 3 symbols: a BTC-quoted one, a buy+sell round trip on a base
 *      sold to zero (its balance stays 0) and a USD-M one: all found, none twice.
 *   npx tsx bench/realsize.ts [scenario flags of bench/realsize-scenario.ts] [--first-only]
 * Prints one JSON line.
 */
import { performance } from 'node:perf_hooks';
import type { SimHistory } from '../simulator';
import { groundTruthTradeKeys } from '../simulator/truth';
import {
  argFlag, benchSettings, bucketOf, emitResult, etaAccuracy, lowerBound, main, makeAccount, round, runTimed, startTimedEngine, summarize, type LogEntry, type LowerBound, type RequestSummary,
} from './lib';
import { startRig } from './rig';
import type { HostedStore } from './store-host';
import { windowUsage } from '../shared/bench/window-usage';
import { minimalFetch } from './minimal-fetch';
import { realsizeFromArgs } from './realsize-scenario';

const ACCOUNT = 'bench-acc';

interface Completeness {
  truth: number;
  stored: number;
  found: number;
  missing: number;
}

async function completeness(store: HostedStore, groundTruth: SimHistory): Promise<Completeness> {
  const truth = groundTruthTradeKeys(groundTruth, 'binance', ACCOUNT);
  const stored = new Set(await store.tradeKeys());
  const found = truth.filter((k) => stored.has(k)).length;
  return { truth: truth.length, stored: stored.size, found, missing: truth.length - found };
}

function ipWeight(summary: RequestSummary): Record<string, number> {
  return Object.fromEntries(Object.entries(summary.byBucket).map(([b, s]) => [b, s.weight]));
}

/** When each endpoint's first and last request went out, ms after the start: what ran before the trade pages. */
function endpointSpans(entries: readonly LogEntry[], startedAt: number): Record<string, { first: number; last: number; requests: number }> {
  const out: Record<string, { first: number; last: number; requests: number }> = {};
  for (const e of entries) {
    const name = e.path.split('/').pop() ?? e.path;
    const p = out[name] ?? { first: e.at - startedAt, last: e.at - startedAt, requests: 0 };
    p.last = e.at - startedAt;
    p.requests++;
    out[name] = p;
  }
  return out;
}

async function nextWindow(windowMs: number): Promise<void> {
  await new Promise((r) => setTimeout(r, windowMs - (Date.now() % windowMs) + 5));
}

async function run(): Promise<void> {
  const now = Date.now();
  const scenario = realsizeFromArgs(now);
  const rig = await startRig(scenario.sim, 'bench-realsize');
  const { sim, store: hosted } = rig;
  const { store } = hosted;
  await store.putAccount(makeAccount(sim.baseUrl, scenario.history.start - 60_000, now));
  const settings = benchSettings();
  const run = await startTimedEngine(store, settings);
  const { engine, run: runJob, timed, samples } = run;
  const { job, wallMs, startedAt, endedAt } = await runTimed(run, 'full');
  const firstEntries: readonly LogEntry[] = await sim.requestLog();
  const firstLog = summarize(firstEntries);
  const truth = await sim.groundTruth();
  const firstComplete = await completeness(hosted, truth);
  const historyMs = scenario.history.end - scenario.history.start;
  const share = settings.limiter.budgetFraction;
  const bounds = (summary: RequestSummary): { full: LowerBound; atShare: LowerBound } => ({
    full: lowerBound(summary, startedAt, scenario.latencyMs, settings.sync.maxInFlightRequests, scenario.limits),
    atShare: lowerBound(summary, startedAt, scenario.latencyMs, settings.sync.maxInFlightRequests, scenario.limits, share),
  });
  const describe = (summary: RequestSummary): Record<string, unknown> => {
    const b = bounds(summary);
    return {
      requests: summary.requests, weightByBucket: ipWeight(summary),
      boundMs: round(b.atShare.lowerBoundMs), boundAtFullLimitMs: round(b.full.lowerBoundMs),
      ratio: round(wallMs / Math.max(1, b.atShare.lowerBoundMs), 2), ratioAtFullLimit: round(wallMs / Math.max(1, b.full.lowerBoundMs), 2),
      perBucket: b.atShare.perBucket,
    };
  };
  // The complete minimal fetch is the bound the goal is judged by; the oracle's is a reference.
  const minimal = minimalFetch(truth, historyMs);
  const bound = bounds(minimal).atShare;
  const budgetOf = (bucket: string): number => (scenario.limits.limits[bucket] ?? 1) * (bucket === 'sapiUid' ? 1 : share);
  const first = {
    status: job.status, error: job.error?.message ?? null, wallMs: round(wallMs), ...firstComplete,
    requests: firstLog.requests, weight: firstLog.weight, weightByBucket: ipWeight(firstLog), http429: firstLog.http429, http418: firstLog.http418,
    budgetShare: share,
    minimal: describe(minimal),
    oracle: describe(minimalFetch(truth, historyMs, 'oracle')),
    ratioToBound: round(wallMs / Math.max(1, bound.lowerBoundMs), 2),
    windows: windowUsage(firstEntries.map((e) => ({ bucket: bucketOf(e.path), weight: e.weight, at: e.at })), startedAt, endedAt, scenario.limits.windowMs, budgetOf),
    commits: timed.stats.commits, commitMs: round(timed.stats.commitMs),
    eta: etaAccuracy(samples, startedAt, endedAt),
    phases: endpointSpans(firstEntries, startedAt),
    topology: rig.topology,
  };
  samples.length = 0;

  const resyncs: Record<string, unknown> = {};
  if (!argFlag('first-only') && job.status === 'SUCCEEDED') {
    await nextWindow(scenario.limits.windowMs);
    await sim.clearLog();
    const t1 = performance.now();
    const quiet = await runJob('full');
    const quietLog = summarize(await sim.requestLog());
    resyncs['nothingNew'] = {
      status: quiet.status, wallMs: round(performance.now() - t1), requests: quietLog.requests, weightByBucket: ipWeight(quietLog),
      http429: quietLog.http429, http418: quietLog.http418,
    };

    const spotMarkets = truth.markets.filter((m) => m.marketType === 'spot');
    const traded = new Set(truth.trades.filter((t) => t.marketType === 'spot').map((t) => t.symbol));
    const balances = await sim.spotBalances();
    const btcQuoted = spotMarkets.find((m) => m.quote === 'BTC' && traded.has(m.id));
    const soldOut = spotMarkets.find((m) => traded.has(m.id) && m.delistedAt === undefined && Math.abs(balances[m.base] ?? 0) < 1e-9);
    const linear = truth.trades.find((t) => t.marketType === 'linear');
    const added: string[] = [];
    if (btcQuoted !== undefined) added.push(...(await sim.addTrades({ marketType: 'spot', symbol: btcQuoted.id, count: 3 })).map((t) => t.symbol));
    if (soldOut !== undefined) added.push(...(await sim.addRoundTrip(soldOut.id)).map((t) => t.symbol));
    if (linear !== undefined) added.push(...(await sim.addTrades({ marketType: 'linear', symbol: linear.symbol, count: 2 })).map((t) => t.symbol));
    await nextWindow(scenario.limits.windowMs);
    await sim.clearLog();
    const t2 = performance.now();
    const few = await runJob('full');
    const fewLog = summarize(await sim.requestLog());
    const after = await completeness(hosted, await sim.groundTruth());
    resyncs['fewNew'] = {
      status: few.status, wallMs: round(performance.now() - t2), added: added.length, symbols: [...new Set(added)], ...after,
      allFound: after.missing === 0 && after.stored === after.truth, requests: fewLog.requests, weightByBucket: ipWeight(fewLog),
      http429: fewLog.http429, http418: fewLog.http418,
    };
  }
  await engine.stop();
  await rig.close();
  emitResult({ job: 'realsize', shape: scenario.shape, maxInFlightRequests: settings.sync.maxInFlightRequests, first, ...resyncs, startOffsetInWindowMs: startedAt % scenario.limits.windowMs });
}

main(run);
