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
import { makeBatch, makeCheckpoint, makeLog, makeTrade } from '../renderer/db/fixtures';

export interface WorkerBenchParams { rows: number; batch: number }

const SYMBOLS = Array.from({ length: 20 }, (_, i) => `C${i}/USDT`);

class PkOnlyDb extends Dexie {
  declare readonly trades: Table<Trade, string>;
  constructor() {
    super('bench-pk-only');
    this.version(1).stores({ trades: 'key' });
  }
}

function batchRows(b: number, size: number): Trade[] {
  return Array.from({ length: size }, (_, i) => {
    const n = b * size + i;
    return makeTrade(n, { symbol: SYMBOLS[n % SYMBOLS.length] ?? 'C0/USDT', tradeId: `t${n}` });
  });
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function run(params: WorkerBenchParams): Promise<Record<string, unknown>> {
  await Dexie.delete('bench-pk-only');
  await Dexie.delete('bench-store');
  const baseline = new PkOnlyDb();
  const store = new DexieStore(new JournalDb('bench-store'));
  await store.putSyncLog(makeLog());
  const batches = Math.ceil(params.rows / params.batch);

  const runBaseline = (b: number): Promise<unknown> => {
    const rows = batchRows(b, params.batch);
    return baseline.transaction('rw', baseline.trades, () => baseline.trades.bulkAdd(rows));
  };
  const runCommit = (b: number): Promise<unknown> => {
    const rows = batchRows(b, params.batch);
    const checkpoints = [...new Set(rows.map((r) => r.symbol))].map((s) => makeCheckpoint('acc1', s, String((b + 1) * params.batch)));
    return store.commitBatch(makeBatch(`b${b}`, rows, { checkpoints }));
  };

  // Warm-up batch on both, outside the measurement; then interleave so drift hits both equally.
  await runBaseline(batches);
  await runCommit(batches);
  let baselineMs = 0;
  let commitMs = 0;
  for (let b = 0; b < batches; b++) {
    baselineMs += await timed(() => runBaseline(b));
    commitMs += await timed(() => runCommit(b));
  }
  const dupMs = await timed(() => store.commitBatch(makeBatch('dup', batchRows(0, params.batch))));

  const first = await newestTrades(store.db, { accountId: 'acc1' }, { limit: 100 });
  const queries = {
    newestPageMs: await timed(() => newestTrades(store.db, { accountId: 'acc1' }, { limit: 100 })),
    newestPageBySymbolMs: await timed(() => newestTrades(store.db, { accountId: 'acc1', symbol: 'C3/USDT' }, { limit: 100 })),
    nextPageMs: await timed(() => newestTrades(store.db, { accountId: 'acc1' }, first.next === null ? { limit: 100 } : { limit: 100, after: first.next })),
    totalsAllTimeMs: await timed(() => tradeTotals(store.db, {})),
  };
  const rows = batches * params.batch;
  const stored = await store.db.trades.count();
  store.close();
  baseline.close();
  const baselineRowsPerSec = Math.round(rows / (baselineMs / 1000));
  const commitRowsPerSec = Math.round(rows / (commitMs / 1000));
  return {
    rows, batchSize: params.batch, stored, baselineRowsPerSec, commitRowsPerSec,
    ratio: Number((commitRowsPerSec / baselineRowsPerSec).toFixed(3)),
    duplicateBatchMs: Math.round(dupMs), ...Object.fromEntries(Object.entries(queries).map(([k, v]) => [k, Number(v.toFixed(1))])),
  };
}

self.addEventListener('message', (event: MessageEvent) => {
  const params = event.data as WorkerBenchParams;
  run(params).then(
    (result) => self.postMessage({ ok: true, result }),
    (error: unknown) => self.postMessage({ ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }),
  );
});
