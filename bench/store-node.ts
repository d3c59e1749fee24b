/**
 * commitBatch throughput on fake-indexeddb (Node), as a ratio to a primary-key-only bulkAdd of the
 * same rows measured in the same run (docs/ARCHITECTURE.md, storage facts: absolute numbers vary by machine; the ratio shows
 * what our indexes, stats and bookkeeping cost). Prints one JSON line.
 *   npx tsx bench/store-node.ts [--rows=20000] [--batch=1000]
 * fake-indexeddb is a pure-JS IndexedDB, so this is a regression signal, not Chromium's figure
 * (see bench/store-chromium.ts and docs/BENCHMARKS.md).
 */
import { performance } from 'node:perf_hooks';
import { Dexie } from 'dexie';
import type { Table } from 'dexie';
import type { Trade } from '../shared/domain/types';
import { DexieStore } from '../renderer/db/dexie-store';
import { JournalDb } from '../renderer/db/schema';
import { fakeIdbOptions, makeBatch, makeCheckpoint, makeLog, makeTrade } from '../testing/db/test-support';

function arg(name: string, fallback: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = hit === undefined ? fallback : Number(hit.slice(name.length + 3));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

const ROWS = arg('rows', 20_000);
const BATCH = arg('batch', 1000);
const SYMBOLS = Array.from({ length: 20 }, (_, i) => `C${i}/USDT`);

function batchRows(b: number): Trade[] {
  return Array.from({ length: BATCH }, (_, i) => {
    const n = b * BATCH + i;
    return makeTrade(n, { symbol: SYMBOLS[n % SYMBOLS.length] ?? 'C0/USDT', tradeId: `t${n}` });
  });
}

class PkOnlyDb extends Dexie {
  declare readonly trades: Table<Trade, string>;
  constructor() {
    super('bench-pk-only', fakeIdbOptions());
    this.version(1).stores({ trades: 'key' });
  }
}

async function main(): Promise<void> {
  const batches = Math.ceil(ROWS / BATCH);
  const baseline = new PkOnlyDb();
  const store = new DexieStore(new JournalDb('bench-store', fakeIdbOptions()));
  await store.putSyncLog(makeLog());
  // Same schema (same indexes), plain bulkAdd: separates index cost from commitBatch's bookkeeping.
  const indexed = new JournalDb('bench-indexed', fakeIdbOptions());

  const runBaseline = async (b: number): Promise<void> => {
    const rows = batchRows(b);
    await baseline.transaction('rw', baseline.trades, () => baseline.trades.bulkAdd(rows));
  };
  const runIndexed = async (b: number): Promise<void> => {
    const rows = batchRows(b);
    await indexed.transaction('rw', indexed.trades, () => indexed.trades.bulkAdd(rows));
  };
  const runCommit = async (b: number): Promise<void> => {
    const rows = batchRows(b);
    const symbols = [...new Set(rows.map((r) => r.symbol))];
    const checkpoints = symbols.map((s) => makeCheckpoint('acc1', s, String(b * BATCH + BATCH)));
    await store.commitBatch(makeBatch(`b${b}`, rows, { checkpoints }));
  };

  // Warm-up (JIT, first-open costs) outside the measurement, then interleave so drift hits both equally.
  await runBaseline(batches);
  await runCommit(batches);
  await runIndexed(batches);
  let baselineMs = 0;
  let commitMs = 0;
  let indexedMs = 0;
  for (let b = 0; b < batches; b++) {
    let t = performance.now();
    await runBaseline(b);
    baselineMs += performance.now() - t;
    t = performance.now();
    await runCommit(b);
    commitMs += performance.now() - t;
    t = performance.now();
    await runIndexed(b);
    indexedMs += performance.now() - t;
  }
  // A full replay of already-stored rows (all duplicates) under new batch ids: the resync case.
  let dupMs = 0;
  for (let b = 0; b < Math.min(batches, 5); b++) {
    const rows = batchRows(b);
    const t = performance.now();
    await store.commitBatch(makeBatch(`dup${b}`, rows));
    dupMs += performance.now() - t;
  }

  const rows = batches * BATCH;
  const stored = await store.db.trades.count();
  if (stored !== rows + BATCH) throw new Error(`expected ${rows + BATCH} stored rows, found ${stored}`);
  const baselineRowsPerSec = Math.round(rows / (baselineMs / 1000));
  const commitRowsPerSec = Math.round(rows / (commitMs / 1000));
  const indexedBulkAddRowsPerSec = Math.round(rows / (indexedMs / 1000));
  console.log(JSON.stringify({
    bench: 'store-node', backend: 'fake-indexeddb', node: process.version, rows, batchSize: BATCH,
    baselineRowsPerSec, commitRowsPerSec, ratio: Number((commitRowsPerSec / baselineRowsPerSec).toFixed(3)),
    indexedBulkAddRowsPerSec, commitVsIndexedBulkAdd: Number((commitRowsPerSec / indexedBulkAddRowsPerSec).toFixed(3)),
    duplicateReplayRowsPerSec: Math.round((Math.min(batches, 5) * BATCH) / (dupMs / 1000)),
  }));
  store.close();
  baseline.close();
  indexed.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
