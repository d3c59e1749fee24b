/**
 * Job 2: incremental re-sync (mode `full`, as a background sync runs, scope `all`) of an already
 * synced account of ~150 symbols at 40 ms latency, real weight limits: (a) nothing new, (b) a few
 * new trades on every traded symbol (simulator addTrades). A full re-sync asks only the symbols
 * with evidence of change plus a rotating slice (shared/sync/resync-select.ts).
 *
 * Each timed re-sync runs against a FRESH simulator built from the same seed (identical history,
 * same trade ids) and a fresh engine, i.e. a re-sync in a later minute window with the weight
 * budget available, as a background sync minutes after the first one would see it. Without that,
 * the first sync's spot weight (~4,000) plus a re-sync's (~2,600) exceed one minute's budget and
 * the re-sync would wait for the next calendar minute. The app's topology (bench/rig.ts): the
 * store in a worker thread through main/core/remoteStore.ts, each simulator in a child process.
 *   npx tsx bench/incremental.ts [--spot=110] [--traded-spot=20] [--linear=40] [--traded-linear=10]
 *     [--trades=15000] [--days=60] [--latency=40] [--new-per-symbol=2] [--in-process]
 * Prints one JSON line.
 */
import { performance } from 'node:perf_hooks';
import type { Job } from '../shared/domain/types';
import {
  argNumber, benchSettings, emitResult, historyOptions, lowerBound, main, makeAccount, round, shapeFromArgs, startEngine, summarize, timedStore,
} from './lib';
import { startBenchSim, startBenchStore } from './rig';
import type { SimHost } from './sim-host';

async function run(): Promise<void> {
  const shape = shapeFromArgs({ listedSpot: 110, tradedSpot: 20, listedLinear: 40, tradedLinear: 10, trades: 15_000, historyDays: 60, latencyMs: 40 });
  const newPerSymbol = argNumber('new-per-symbol', 2);
  const now = Date.now();
  const history = historyOptions(shape, now);
  const hosted = await startBenchStore('bench-incremental');
  const { store } = hosted;
  const account = makeAccount('http://127.0.0.1:1', history.start - 60_000, now);
  await store.putAccount(account);
  const settings = benchSettings();

  const syncOnce = async (sim: SimHost): Promise<{ job: Job; wallMs: number; commits: number; commitMs: number }> => {
    const current = await store.getAccount(account.id);
    if (current === null) throw new Error('account vanished');
    await store.putAccount({ ...current, baseUrl: sim.baseUrl });
    const timed = timedStore(store);
    const { engine, run: runJob } = startEngine(timed.port, settings);
    await engine.start();
    const t0 = performance.now();
    const job = await runJob('full');
    const wallMs = performance.now() - t0;
    await engine.stop();
    if (job.status !== 'SUCCEEDED') throw new Error(`sync ${job.status}: ${job.error?.message ?? ''}`);
    return { job, wallMs, ...timed.stats };
  };
  const fresh = (): Promise<SimHost> => startBenchSim({ history, latencyMs: shape.latencyMs });

  // The first sync (not the figure here; bench/first-sync.ts measures it).
  const simA = await fresh();
  const first = await syncOnce(simA);
  const truthCount = (await simA.groundTruth()).trades.length;
  await simA.close();

  // (a) nothing new
  const simB = await fresh();
  const before = await hosted.tradeCount();
  const none = await syncOnce(simB);
  const noneSummary = summarize(await simB.requestLog());
  const insertedNone = (await hosted.tradeCount()) - before;
  await simB.close();

  // (b) a few new trades on every traded symbol
  const simC = await fresh();
  let added = 0;
  for (const t of new Map((await simC.groundTruth()).trades.map((x) => [`${x.marketType}:${x.symbol}`, x] as const)).values()) {
    added += (await simC.addTrades({ marketType: t.marketType, symbol: t.symbol, count: newPerSymbol })).length;
  }
  const beforeFew = await hosted.tradeCount();
  const few = await syncOnce(simC);
  const fewSummary = summarize(await simC.requestLog());
  const insertedFew = (await hosted.tradeCount()) - beforeFew;
  await simC.close();
  await hosted.close();
  if (insertedNone !== 0) throw new Error(`nothing-new re-sync inserted ${insertedNone} trades`);
  if (insertedFew !== added) throw new Error(`few-new re-sync inserted ${insertedFew} trades, ${added} were added`);

  emitResult({
    job: 'incremental', shape, store: hosted.where, simulator: simC.where, symbols: shape.listedSpot + shape.listedLinear, trades: truthCount,
    firstSyncMs: round(first.wallMs),
    nothingNew: { wallMs: round(none.wallMs), requests: noneSummary.requests, weight: noneSummary.weight, http429: noneSummary.http429, byBucket: noneSummary.byBucket, lowerBoundMs: round(lowerBound(noneSummary, Date.now(), shape.latencyMs, settings.sync.maxInFlightRequests).lowerBoundMs), avgInFlight: round((noneSummary.requests * shape.latencyMs) / none.wallMs, 2), commits: none.commits, commitMs: round(none.commitMs), inserted: insertedNone },
    fewNew: { wallMs: round(few.wallMs), requests: fewSummary.requests, weight: fewSummary.weight, http429: fewSummary.http429, added, inserted: insertedFew, symbolsWithNew: added / newPerSymbol, commits: few.commits, commitMs: round(few.commitMs) },
  });
}

main(run);
