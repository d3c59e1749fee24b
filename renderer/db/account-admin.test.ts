import { afterEach, describe, expect, it } from 'vitest';
import { incomeKey, movementKey } from '../../shared/domain/keys';
import type { Income, Movement } from '../../shared/domain/types';
import { DexieStore } from './dexie-store';
import { T0, makeAccount, makeBatch, makeCheckpoint, makeLog, makeTrade, newTestDb, range } from '../../testing/db/test-support';

let store: DexieStore;
afterEach(() => store.close());

function movement(accountId: string, n: number): Movement {
  return {
    key: movementKey('demo', accountId, 'deposit', `m${n}`), accountId, exchange: 'demo', type: 'deposit', movementId: `m${n}`,
    currency: 'USDT', amount: 10, fee: 0, network: null, txid: null, status: 'ok', timestamp: T0 + n,
  };
}

function income(accountId: string, n: number): Income {
  return {
    key: incomeKey('demo', accountId, 'FUNDING_FEE', `i${n}`), accountId, exchange: 'demo', marketType: 'linear', symbol: 'BTC/USDT:USDT',
    incomeType: 'FUNDING_FEE', rawType: 'FUNDING_FEE', incomeId: `i${n}`, asset: 'USDT', amount: -0.1, timestamp: T0 + n,
  };
}

/** Two accounts with trades, movements, income, balances, checkpoints, a job, a log and a note each. */
async function seed(): Promise<DexieStore> {
  store = new DexieStore(newTestDb());
  for (const acc of ['acc1', 'acc2']) {
    await store.putAccount(makeAccount(acc));
    await store.putSyncLog(makeLog(`${acc}-job#1`, acc));
    await store.putJob({
      id: `${acc}-job`, accountId: acc, mode: 'full', since: null, requestedBy: 'manual', requestedAt: T0, status: 'SUCCEEDED',
      attempt: 1, maxAttempts: 3, nextRunAt: null, heartbeatAt: null, startedAt: T0, finishedAt: T0, progress: null, error: null, continuationOf: null,
    });
    const trades = range(0, 20).map((n) => makeTrade(n, { accountId: acc, tradeId: `${acc}-${n}` }));
    await store.commitBatch(makeBatch(`${acc}-b1`, trades, {
      accountId: acc, jobId: `${acc}-job`, logId: `${acc}-job#1`,
      movements: range(0, 3).map((n) => movement(acc, n)),
      income: range(0, 4).map((n) => income(acc, n)),
      balances: [{ key: `${acc}|spot|${T0}`, accountId: acc, marketType: 'spot', timestamp: T0, balances: [] }],
      checkpoints: [
        makeCheckpoint(acc, 'BTC/USDT', '20'),
        { ...makeCheckpoint(acc, '', '3'), key: `${acc}|movements|-|`, stream: 'movements', marketType: null },
      ],
    }));
    await store.db.journal.add({ key: trades[0]?.key ?? '', kind: 'trade', accountId: acc, note: 'n', tags: [], rating: null, createdAt: 1, updatedAt: 1 });
    await store.db.excursions.put({
      key: `${acc}-pos`, accountId: acc, symbol: 'BTC/USDT', closedAt: T0, avgEntryPrice: 1, maxQty: 1, timeframe: '1m',
      maeQuote: -1, mfeQuote: 1, maePct: -0.01, mfePct: 0.01, holdingMs: 1, candles: 1, computedAt: T0,
    });
  }
  return store;
}

describe('deleteAccount', () => {
  it('removes the account and all its rows in one go, leaving the other account untouched', async () => {
    const s = await seed();
    const result = await s.deleteAccount('acc1');
    expect(result).toEqual({ trades: 20, movements: 3, income: 4, balances: 1, checkpoints: 2, jobs: 1, logs: 1 });
    for (const table of s.db.tables) {
      const rows = (await table.toArray()) as { accountId?: unknown; id?: unknown }[];
      expect(rows.filter((r) => r.accountId === 'acc1' || r.id === 'acc1'), table.name).toEqual([]);
    }
    expect(await s.db.trades.count()).toBe(20);
    expect((await s.db.symbolStats.get(['acc2', 'BTC/USDT']))?.count).toBe(20);
    expect(await s.getAccount('acc2')).not.toBeNull();
  });

  it('is harmless for an unknown account', async () => {
    const s = await seed();
    expect(await s.deleteAccount('nobody')).toEqual({ trades: 0, movements: 0, income: 0, balances: 0, checkpoints: 0, jobs: 0, logs: 0 });
  });
});

describe('purgeCategory', () => {
  it('trades: deletes the rows, their stats and the trade checkpoints; keeps notes and other streams', async () => {
    const s = await seed();
    expect(await s.purgeCategory('acc1', 'trades')).toEqual({ rows: 20, checkpoints: 1 });
    expect(await s.db.trades.where('[accountId+timestamp]').between(['acc1'], ['acc1', []]).count()).toBe(0);
    expect(await s.db.symbolStats.get(['acc1', 'BTC/USDT'])).toBeUndefined();
    expect(await s.db.dailyStats.where(':id').between(['acc1'], ['acc1', []]).count()).toBe(0);
    expect(await s.db.accountDailyStats.where(':id').between(['acc1'], ['acc1', []]).count()).toBe(0);
    expect(await s.db.accountDailyStats.where(':id').between(['acc2'], ['acc2', []]).count()).toBeGreaterThan(0);
    expect((await s.getCheckpoints('acc1')).map((c) => c.stream)).toEqual(['movements']);
    expect(await s.db.journal.where('accountId').equals('acc1').count()).toBe(1);
    expect(await s.db.movements.count()).toBe(6);

    // Re-sync of the purged range stores everything again and the stats come back exactly.
    const again = await s.commitBatch(makeBatch('acc1-b2', range(0, 20).map((n) => makeTrade(n, { tradeId: `acc1-${n}` })), { logId: 'acc1-job#1' }));
    expect(again.inserted.trades).toBe(20);
    expect((await s.db.symbolStats.get(['acc1', 'BTC/USDT']))?.count).toBe(20);
  });

  it('movements / income / balances: only that category and its stream checkpoints', async () => {
    const s = await seed();
    expect(await s.purgeCategory('acc1', 'movements')).toEqual({ rows: 3, checkpoints: 1 });
    expect(await s.purgeCategory('acc1', 'income')).toEqual({ rows: 4, checkpoints: 0 });
    expect(await s.purgeCategory('acc1', 'balances')).toEqual({ rows: 1, checkpoints: 0 });
    expect(await s.db.trades.count()).toBe(40);
    expect((await s.getCheckpoints('acc1')).map((c) => c.stream)).toEqual(['trades']);
    expect(await s.db.movements.count()).toBe(3);
  });

  it('marks the purged category\'s kinds not imported in the same transaction, and leaves the others', async () => {
    const s = await seed();
    const done = { completedAt: 5, lastOk: true, lastRunAt: 5 };
    const account = await s.getAccount('acc1');
    if (account === null) throw new Error('no account');
    await s.putAccount({ ...account, kinds: { 'trades:spot': done, 'trades:linear': done, movements: done, 'income:linear': done } });
    await s.purgeCategory('acc1', 'trades');
    expect((await s.getAccount('acc1'))?.kinds).toEqual({
      'trades:spot': { ...done, completedAt: null }, 'trades:linear': { ...done, completedAt: null }, movements: done, 'income:linear': done,
    });
  });
});

describe('putAccount', () => {
  it('refuses an account object that carries anything beyond the Account shape (e.g. a secret)', async () => {
    store = new DexieStore(newTestDb());
    const leaky = { ...makeAccount('acc9'), apiSecret: 'do-not-store' };
    await expect(store.putAccount(leaky)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await store.getAccount('acc9')).toBeNull();
    await store.putAccount(makeAccount('acc9'));
    expect(await store.getAccount('acc9')).toEqual(makeAccount('acc9'));
  });

  it('keeps the per-kind sync state, and refuses one carrying anything else', async () => {
    store = new DexieStore(newTestDb());
    const kinds = { 'trades:spot': { completedAt: 5, lastOk: true, lastRunAt: 5 }, movements: { completedAt: null, lastOk: false, lastRunAt: 7 } };
    await store.putAccount({ ...makeAccount('acc8'), kinds });
    expect((await store.getAccount('acc8'))?.kinds).toEqual(kinds);
    const leaky = { ...makeAccount('acc7'), kinds: { movements: { completedAt: null, lastOk: false, lastRunAt: 7, apiKey: 'x' } } };
    await expect(store.putAccount(leaky)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
