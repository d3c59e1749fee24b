/**
 * Runs inside a dedicated Worker in Chromium (bundled by bench/store-chromium.ts): DexieStore on
 * real IndexedDB, measured against a primary-key-only bulkAdd of the same rows in the same run.
 */
import { Dexie } from 'dexie';
import type { Table } from 'dexie';
import type { Trade } from '../shared/domain/types';
import { DexieStore } from '../renderer/db/dexie-store';
import { JournalDb } from '../renderer/db/schema';
import { newestTrades, tradeTotals } from '../renderer/db/queries';
import { utcDay } from '../renderer/db/aggregates';
import { makeBatch, makeCheckpoint, makeLog, makeTrade } from '../testing/db/fixtures';

export interface WorkerBenchParams {
  rows: number;
  batch: number;
  /** Batches rotate over this many accounts (exercises the cross-account merge queries). */
  accounts: number;
  /** false = scale run: only commitBatch, throughput reported per segment of `segmentRows`. */
  baseline: boolean;
  segmentRows: number;
}

const SYMBOLS = Array.from({ length: 20 }, (_, i) => `C${i}/USDT`);

class PkOnlyDb extends Dexie {
  declare readonly trades: Table<Trade, string>;
  constructor() {
    super('bench-pk-only');
    this.version(1).stores({ trades: 'key' });
  }
}

function batchRows(b: number, size: number, accountId = 'acc1'): Trade[] {
  return Array.from({ length: size }, (_, i) => {
    const n = b * size + i;
    return makeTrade(n, { accountId, symbol: SYMBOLS[n % SYMBOLS.length] ?? 'C0/USDT', tradeId: `t${n}` });
  });
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Median of 5 runs: the first read after a long write phase is often much slower (cold caches). */
async function medianTimed(fn: () => Promise<unknown>): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) runs.push(await timed(fn));
  runs.sort((x, y) => x - y);
  return runs[2] ?? NaN;
}

async function run(params: WorkerBenchParams): Promise<Record<string, unknown>> {
  await Dexie.delete('bench-pk-only');
  await Dexie.delete('bench-store');
  const baseline = new PkOnlyDb();
  const store = new DexieStore(new JournalDb('bench-store'));
  const accounts = Array.from({ length: params.accounts }, (_, i) => `acc${i + 1}`);
  for (const acc of accounts) await store.putSyncLog(makeLog(`${acc}-job#1`, acc));
  const batches = Math.ceil(params.rows / params.batch);
  const accountOf = (b: number): string => accounts[b % accounts.length] ?? 'acc1';

  const runBaseline = (b: number): Promise<unknown> => {
    const rows = batchRows(b, params.batch, accountOf(b));
    return baseline.transaction('rw', baseline.trades, () => baseline.trades.bulkAdd(rows));
  };
  const runCommit = (b: number): Promise<unknown> => {
    const acc = accountOf(b);
    const rows = batchRows(b, params.batch, acc);
    const checkpoints = [...new Set(rows.map((r) => r.symbol))].map((s) => makeCheckpoint(acc, s, String((b + 1) * params.batch)));
    return store.commitBatch(makeBatch(`b${b}`, rows, { accountId: acc, logId: `${acc}-job#1`, checkpoints }));
  };

  // Warm-up batch on both, outside the measurement; then interleave so drift hits both equally.
  if (params.baseline) await runBaseline(batches);
  await runCommit(batches);
  let baselineMs = 0;
  let commitMs = 0;
  let segmentMs = 0;
  const segments: number[] = [];
  for (let b = 0; b < batches; b++) {
    if (params.baseline) baselineMs += await timed(() => runBaseline(b));
    const ms = await timed(() => runCommit(b));
    commitMs += ms;
    segmentMs += ms;
    if (((b + 1) * params.batch) % params.segmentRows === 0) {
      segments.push(Math.round(params.segmentRows / (segmentMs / 1000)));
      segmentMs = 0;
    }
  }
  const dupMs = await timed(() => store.commitBatch(makeBatch('dup', batchRows(0, params.batch), { logId: 'acc1-job#1' })));

  const coldStart = performance.now();
  const first = await newestTrades(store.db, { accountId: 'acc1' }, { limit: 100 });
  const coldFirstPageMs = performance.now() - coldStart;
  const queries = {
    coldFirstPageMs,
    newestPageMs: await medianTimed(() => newestTrades(store.db, { accountId: 'acc1' }, { limit: 100 })),
    newestPageBySymbolMs: await medianTimed(() => newestTrades(store.db, { accountId: 'acc1', symbol: 'C3/USDT' }, { limit: 100 })),
    nextPageMs: await medianTimed(() => newestTrades(store.db, { accountId: 'acc1' }, first.next === null ? { limit: 100 } : { limit: 100, after: first.next })),
    totalsAllTimeMs: await medianTimed(() => tradeTotals(store.db, {})),
    newestPageAllAccountsMs: await medianTimed(() => newestTrades(store.db, {}, { limit: 100 })),
    newestPageSymbolAllAccountsMs: await medianTimed(() => newestTrades(store.db, { symbol: 'C3/USDT' }, { limit: 100 })),
    newestPageSellsMs: await medianTimed(() => newestTrades(store.db, { accountId: 'acc1', side: 'sell' }, { limit: 100 })),
    totalsAccountDayRangeMs: await medianTimed(() => tradeTotals(store.db, { accountId: 'acc1', fromDay: utcDay(Date.UTC(2026, 0, 1)), toDay: utcDay(Date.UTC(2026, 2, 1)) })),
  };
  const rows = batches * params.batch;
  const stored = await store.db.trades.count();
  store.close();
  baseline.close();
  const baselineRowsPerSec = params.baseline ? Math.round(rows / (baselineMs / 1000)) : null;
  const commitRowsPerSec = Math.round(rows / (commitMs / 1000));
  return {
    rows, batchSize: params.batch, accounts: params.accounts, stored, baselineRowsPerSec, commitRowsPerSec,
    ratio: baselineRowsPerSec === null ? null : Number((commitRowsPerSec / baselineRowsPerSec).toFixed(3)),
    commitRowsPerSecBySegment: segments, segmentRows: params.segmentRows,
    duplicateBatchMs: Math.round(dupMs), ...Object.fromEntries(Object.entries(queries).map(([k, v]) => [k, Number(v.toFixed(1))])),
  };
}

export interface PersistParams { mode: 'persist-write' | 'persist-read'; rows: number }

/** Counts that must be identical after the browser is closed and started again on the same profile. */
async function persistCounts(store: DexieStore): Promise<Record<string, number>> {
  const totals = await tradeTotals(store.db, {});
  return {
    trades: await store.db.trades.count(), statsCount: totals.count, checkpoints: await store.db.checkpoints.count(),
    appliedBatches: await store.db.appliedBatches.count(), schemaVersion: store.db.verno,
  };
}

async function persist(params: PersistParams): Promise<Record<string, unknown>> {
  if (params.mode === 'persist-write') await Dexie.delete('persist-check');
  const store = new DexieStore(new JournalDb('persist-check'));
  try {
    if (params.mode === 'persist-write') {
      await store.putSyncLog(makeLog());
      for (let b = 0; b * 1000 < params.rows; b++) {
        const rows = batchRows(b, 1000);
        await store.commitBatch(makeBatch(`p${b}`, rows, { checkpoints: [makeCheckpoint('acc1', 'C0/USDT', String((b + 1) * 1000))] }));
      }
    }
    return await persistCounts(store);
  } finally {
    store.close();
  }
}

self.addEventListener('message', (event: MessageEvent) => {
  const data = event.data as WorkerBenchParams | PersistParams;
  const job = 'mode' in data ? persist(data) : run(data);
  job.then(
    (result) => self.postMessage({ ok: true, result }),
    (error: unknown) => self.postMessage({ ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }),
  );
});
