import { afterEach, describe, expect, it } from 'vitest';
import type { Trade } from '../../shared/domain/types';
import { AppError } from '../../shared/errors';
import { DexieStore } from './dexie-store';
import { dumpAll, makeBatch, makeCheckpoint, makeLog, makeTrade, newTestDb, range } from '../../testing/db/test-support';

let store: DexieStore;

async function setup(): Promise<DexieStore> {
  store = new DexieStore(newTestDb(), { now: () => 42 });
  await store.putSyncLog(makeLog());
  return store;
}

afterEach(() => store.close());

describe('commitBatch', () => {
  it('stores rows, checkpoint, log delta, stats and the batch record together', async () => {
    const s = await setup();
    const trades = range(0, 10).map((n) => makeTrade(n));
    const cp = makeCheckpoint('acc1', 'BTC/USDT', '10', { rowCount: 10 });
    const result = await s.commitBatch(makeBatch('b1', trades, { checkpoints: [cp] }));

    expect(result).toEqual({
      inserted: { trades: 10, movements: 0, income: 0, balances: 0 },
      duplicates: { trades: 0, movements: 0, income: 0, balances: 0 },
      replayed: false,
    });
    expect(await s.db.trades.count()).toBe(10);
    expect(await s.getCheckpoints('acc1', 'trades')).toEqual([cp]);
    const log = await s.getSyncLog('job1#1');
    expect(log?.stats).toMatchObject({ fetched: 10, inserted: 10, duplicates: 0, pages: 1, requests: 1, weight: 5 });
    const sym = await s.db.symbolStats.get(['acc1', 'BTC/USDT']);
    expect(sym?.count).toBe(10);
    expect(sym?.buyCount).toBe(5);
    expect(sym?.volume).toBeCloseTo(trades.reduce((a, t) => a + t.cost, 0));
    expect(sym?.fees.USDT).toBeCloseTo(1);
    expect(await s.db.appliedBatches.get('b1')).toMatchObject({ appliedAt: 42, result });
  });

  it('counts duplicates (stored earlier and repeated inside the batch) and only counts inserted rows in stats', async () => {
    const s = await setup();
    await s.commitBatch(makeBatch('b1', range(0, 5).map((n) => makeTrade(n))));
    // Overlapping batch: 0..4 already stored, 5..9 new, 7 repeated inside the batch.
    const overlapping = [...range(3, 10).map((n) => makeTrade(n)), makeTrade(7)];
    const result = await s.commitBatch(makeBatch('b2', overlapping));

    expect(result.inserted.trades).toBe(5);
    expect(result.duplicates.trades).toBe(3);
    expect(await s.db.trades.count()).toBe(10);
    expect((await s.db.symbolStats.get(['acc1', 'BTC/USDT']))?.count).toBe(10);
    const dayCount = (await s.db.dailyStats.toArray()).reduce((a, d) => a + d.count, 0);
    expect(dayCount).toBe(10);
    expect((await s.getSyncLog('job1#1'))?.stats).toMatchObject({ inserted: 10, duplicates: 3 });
  });

  it('never rewrites a stored trade (append-only)', async () => {
    const s = await setup();
    await s.commitBatch(makeBatch('b1', [makeTrade(1)]));
    const changed = { ...makeTrade(1), price: 999 };
    const result = await s.commitBatch(makeBatch('b2', [changed]));
    expect(result.duplicates.trades).toBe(1);
    expect((await s.db.trades.get(changed.key))?.price).toBe(makeTrade(1).price);
  });

  it('a replayed batchId returns the first result and writes nothing', async () => {
    const s = await setup();
    const batch = makeBatch('b1', range(0, 4).map((n) => makeTrade(n)), { checkpoints: [makeCheckpoint('acc1', 'BTC/USDT', '4')] });
    const first = await s.commitBatch(batch);
    const before = await dumpAll(s.db);
    // Same id, even with different content (a retry after a lost reply): nothing is written.
    const replay = await s.commitBatch({ ...batch, trades: [makeTrade(50)], checkpoints: [makeCheckpoint('acc1', 'BTC/USDT', '99')] });
    expect(replay).toEqual({ ...first, replayed: true });
    expect(await dumpAll(s.db)).toEqual(before);
  });

  it('exactly once across concurrent overlapping batches', async () => {
    const s = await setup();
    const batches = range(0, 6).map((i) => makeBatch(`b${i}`, range(i * 5, i * 5 + 10).map((n) => makeTrade(n))));
    const results = await Promise.all([...batches, ...batches].map((b) => s.commitBatch(b)));
    // A replay reports the first result again, so only first commits are summed.
    const inserted = results.filter((r) => !r.replayed).reduce((a, r) => a + r.inserted.trades, 0);
    expect(inserted).toBe(35);
    expect(results.filter((r) => r.replayed)).toHaveLength(6);
    expect(await s.db.trades.count()).toBe(35);
    expect((await s.db.symbolStats.get(['acc1', 'BTC/USDT']))?.count).toBe(35);
    expect((await s.getSyncLog('job1#1'))?.stats.inserted).toBe(35);
  });

  describe('atomicity: a failure leaves nothing of the batch', () => {
    async function expectNothingChanged(s: DexieStore, act: () => Promise<unknown>, code: string): Promise<void> {
      await s.commitBatch(makeBatch('b0', [makeTrade(100)], { checkpoints: [makeCheckpoint('acc1', 'BTC/USDT', '101')] }));
      const before = await dumpAll(s.db);
      const error = await act().then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe(code);
      expect(await dumpAll(s.db)).toEqual(before);
    }

    const good = (): Trade[] => range(0, 5).map((n) => makeTrade(n));

    it('a poisoned row (non-constraint error) aborts rows, checkpoint, log and stats', async () => {
      const s = await setup();
      // A function cannot be structured-cloned: IndexedDB throws DataCloneError for this row.
      const poisoned = Object.assign(makeTrade(3), { extra: (): number => 1 });
      await expectNothingChanged(s, () => s.commitBatch(makeBatch('b1', [...good(), poisoned], {
        checkpoints: [makeCheckpoint('acc1', 'BTC/USDT', '200')],
      })), 'STORE_FAILED');
    });

    it('a failure after the rows were added (bad checkpoint) aborts everything', async () => {
      const s = await setup();
      const badCheckpoint = Object.assign(makeCheckpoint('acc1', 'BTC/USDT', '200'), { key: undefined as unknown as string });
      await expectNothingChanged(s, () => s.commitBatch(makeBatch('b1', good(), { checkpoints: [badCheckpoint] })), 'STORE_FAILED');
    });

    it('a missing sync log aborts the batch after its rows were queued', async () => {
      const s = await setup();
      await expectNothingChanged(s, () => s.commitBatch(makeBatch('b1', good(), { logId: 'nope#1' })), 'NOT_FOUND');
    });

    it('rows of another account are rejected before anything is written', async () => {
      const s = await setup();
      await expectNothingChanged(s, () => s.commitBatch(makeBatch('b1', [...good(), makeTrade(9, { accountId: 'acc2' })])), 'INVALID_INPUT');
    });

    it('a failed batch can be committed later under the same batchId', async () => {
      const s = await setup();
      await expect(s.commitBatch(makeBatch('b1', good(), { logId: 'nope#1' }))).rejects.toThrow();
      const result = await s.commitBatch(makeBatch('b1', good()));
      expect(result.inserted.trades).toBe(5);
      expect(result.replayed).toBe(false);
    });
  });
});
