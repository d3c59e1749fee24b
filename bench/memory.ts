/**
 * Job 5: memory of the main core (the real engine + ccxt adapter, in this process) while it syncs
 * a large history. The simulator runs in a child process (bench/sim-process.ts) so its history
 * does not count here; the store is a counting engine store that drops the trade rows (MemoryStore
 * for the bookkeeping), so this measures the engine, not an IndexedDB. Latency 0, relaxed limits.
 *
 * Sampled every 50 ms: RSS and heapUsed (peaks). Every `--step` committed trades a full GC
 * (node --expose-gc, set by bench/run.ts) and a heapUsed/RSS sample: the retained-heap slope
 * per 100k trades (least squares after the first step) is the leak signal of invariant 6.
 * At the peak heap sample it also records each V8 heap space's used size (peakSpacesMB), beside
 * the same at the start (baseSpacesMB): what the peak is made of (docs/BENCHMARKS.md, "Engine
 * memory at 1,000,000 trades": response bodies of a page are large objects, freed only by a full GC).
 *   node --expose-gc --import tsx bench/memory.ts [--trades=300000] [--symbols=10] [--step=50000]
 * `--snapshot-above=MB` writes a V8 heap snapshot (in the working directory, named in the JSON as
 * snapshotFile) at the first step whose heap after a full GC is more than MB over the base: what the live set is.
 * Prints one JSON line.
 */
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { performance } from 'node:perf_hooks';
import type { BatchCommit, CommitResult } from '../shared/store/port';
import { applyCoreV8Flags, CORE_V8_FLAGS } from '../main/core/v8-flags';
import { MemoryStore } from '../testing/sync/memoryStore';
import { startChildSim } from './sim-host';
import { argNumber, benchSettings, emitResult, main, makeAccount, round, startEngine, DAY_MS } from './lib';

const MB = 1024 * 1024;

interface Sample {
  trades: number;
  heapMB: number;
  rssMB: number;
}

/** Counts and drops trade rows; everything else as MemoryStore. */
class CountingStore extends MemoryStore {
  tradesSeen = 0;
  onTrades: (total: number) => void = () => undefined;
  override async commitBatch(batch: BatchCommit): Promise<CommitResult> {
    const n = batch.trades.length;
    const result = await super.commitBatch({ ...batch, trades: [] });
    this.tradesSeen += n;
    this.onTrades(this.tradesSeen);
    return { ...result, inserted: { ...result.inserted, trades: result.inserted.trades + n } };
  }
}

/** Used MB of each V8 heap space that holds anything (new, old, large object, code...). */
function spacesMB(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of getHeapSpaceStatistics()) if (s.space_used_size >= MB / 2) out[s.space_name] = round(s.space_used_size / MB, 1);
  return out;
}

function gc(): void {
  const g: unknown = (globalThis as Record<string, unknown>)['gc'];
  if (typeof g === 'function') (g as () => void)();
}

function slopePer100k(samples: readonly Sample[], pick: (s: Sample) => number): number | null {
  if (samples.length < 2) return null;
  const n = samples.length;
  const mx = samples.reduce((a, s) => a + s.trades, 0) / n;
  const my = samples.reduce((a, s) => a + pick(s), 0) / n;
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.trades - mx) * (pick(s) - my);
    den += (s.trades - mx) ** 2;
  }
  return den === 0 ? null : (num / den) * 100_000;
}

async function run(): Promise<void> {
  // The core process's own V8 settings (main/core/v8-flags.ts), applied as the product applies them.
  applyCoreV8Flags();
  const trades = argNumber('trades', 300_000);
  const symbols = argNumber('symbols', 10);
  const step = argNumber('step', 50_000);
  // Diagnosis: a heap snapshot of the first step whose heap after a full GC is this many MB over the base (0 = none).
  const snapshotAboveMB = argNumber('snapshot-above', 0);
  let snapshotFile: string | null = null;
  const now = Date.now();
  const history = {
    seed: 5, start: now - 150 * DAY_MS, end: now - 60_000, listedSpot: symbols, tradedSpot: symbols, listedLinear: 1, tradedLinear: 0,
    trades, deposits: 1, withdrawals: 1,
  };
  const relaxed = { limits: { api: 1e9, fapi: 1e9, sapi: 1e9 } };
  const simStart = performance.now();
  const sim = await startChildSim({ history, binanceLimits: relaxed, latencyMs: 0 });
  try {
    const { baseUrl } = sim;
    const simReadyMs = performance.now() - simStart;

    const store = new CountingStore();
    await store.putAccount(makeAccount(baseUrl, history.start - 60_000, now));
    // One symbol may hold trades/symbols rows: allow enough pages for it in one job.
    const settings = benchSettings({ maxPagesPerSymbol: Math.max(500, Math.ceil(trades / symbols / 1000) + 10) });
    const { engine, run: runJob } = startEngine(store, settings);
    await engine.start();

    gc();
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakHeap = base.heapUsed;
    const baseSpaces = spacesMB();
    let peakSpaces = baseSpaces;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      if (m.heapUsed > peakHeap) {
        peakHeap = m.heapUsed;
        peakSpaces = spacesMB();
      }
    }, 50);
    const retained: Sample[] = [];
    let nextMark = step;
    store.onTrades = (total) => {
      if (total < nextMark) return;
      nextMark += step;
      gc();
      const m = process.memoryUsage();
      retained.push({ trades: total, heapMB: m.heapUsed / MB, rssMB: m.rss / MB });
      if (snapshotAboveMB > 0 && snapshotFile === null && m.heapUsed - base.heapUsed > snapshotAboveMB * MB) snapshotFile = writeHeapSnapshot();
    };
    const t0 = performance.now();
    const job = await runJob('trades');
    const wallMs = performance.now() - t0;
    clearInterval(sampler);
    if (job.status !== 'SUCCEEDED') throw new Error(`sync ${job.status}: ${job.error?.message ?? ''}`);
    if (store.tradesSeen !== trades) throw new Error(`engine committed ${store.tradesSeen} trades, expected ${trades}`);
    await engine.stop();
    const warm = retained[0];
    const lastSample = retained[retained.length - 1];
    emitResult({
      job: 'memory', trades: store.tradesSeen, symbols, wallMs: round(wallMs), tradesPerSec: round(trades / (wallMs / 1000)), simReadyMs: round(simReadyMs),
      baseRssMB: round(base.rss / MB, 1), baseHeapMB: round(base.heapUsed / MB, 1),
      peakRssMB: round(peakRss / MB, 1), peakHeapMB: round(peakHeap / MB, 1),
      rssGrowthMB: round((peakRss - base.rss) / MB, 1), heapGrowthMB: round((peakHeap - base.heapUsed) / MB, 1),
      baseSpacesMB: baseSpaces, peakSpacesMB: peakSpaces,
      retainedAfterGc: retained.map((s) => ({ trades: s.trades, heapMB: round(s.heapMB, 1), rssMB: round(s.rssMB, 1) })),
      retainedHeapGrowthMB: warm !== undefined && lastSample !== undefined ? round(lastSample.heapMB - warm.heapMB, 1) : null,
      retainedHeapSlopeMBPer100k: (() => {
        const s = slopePer100k(retained, (x) => x.heapMB);
        return s === null ? null : round(s, 2);
      })(),
      rssSlopeMBPer100k: (() => {
        const s = slopePer100k(retained, (x) => x.rssMB);
        return s === null ? null : round(s, 2);
      })(),
      ...(snapshotFile === null ? {} : { snapshotFile }),
      v8Flags: CORE_V8_FLAGS,
      gcExposed: typeof (globalThis as Record<string, unknown>)['gc'] === 'function',
    });
  } finally {
    await sim.close();
  }
}

main(run);
