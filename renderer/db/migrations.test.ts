import { describe, expect, it } from 'vitest';
import { computeJournal } from '../../shared/journal/book';
import { tradeStatsDelta } from './aggregates';
import { pairPositions } from './derived-queries';
import { rebuildPair } from './ledger-rebuild';
import { JournalDb, LATEST_SCHEMA_VERSION, SCHEMA_HISTORY, SCHEMA_V1 } from './schema';
import { fakeIdbOptions, makeAccount, makeCheckpoint, makeLog, makeTrade, range } from '../../testing/db/test-support';

describe('schema migrations', () => {
  it('v1 -> latest keeps every row and backfills the trade stats from stored trades', async () => {
    const options = fakeIdbOptions();
    const trades = [
      ...range(0, 40).map((n) => makeTrade(n)),
      ...range(0, 25).map((n) => makeTrade(n, { symbol: 'ETH/USDT', accountId: 'acc2', tradeId: `e${n}`, exchangeRealizedPnl: 2 })),
    ];
    const v1 = new JournalDb('migrate', options, 1);
    await v1.open();
    expect(v1.verno).toBe(1);
    await v1.accounts.bulkAdd([makeAccount('acc1'), makeAccount('acc2')]);
    await v1.trades.bulkAdd(trades);
    await v1.checkpoints.add(makeCheckpoint('acc1', 'BTC/USDT', '40'));
    await v1.journal.add({ key: trades[0]?.key ?? '', kind: 'trade', accountId: 'acc1', note: 'kept', tags: ['a'], rating: 4, createdAt: 1, updatedAt: 1 });
    v1.close();

    const latest = new JournalDb('migrate', options);
    await latest.open();
    expect(latest.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(await latest.trades.toArray()).toEqual([...trades].sort((a, b) => (a.key < b.key ? -1 : 1)));
    expect(await latest.accounts.count()).toBe(2);
    expect(await latest.checkpoints.count()).toBe(1);
    expect((await latest.journal.toArray())[0]?.note).toBe('kept');

    const want = tradeStatsDelta(trades);
    expect(await latest.dailyStats.count()).toBe(want.days.size);
    const btc = await latest.symbolStats.get(['acc1', 'BTC/USDT']);
    const eth = await latest.symbolStats.get(['acc2', 'ETH/USDT']);
    expect(btc?.count).toBe(40);
    expect(eth?.count).toBe(25);
    expect(eth?.realizedPnl).toBe(50);
    // Indexes created by v1 still answer queries after the upgrade.
    expect(await latest.trades.where('[accountId+timestamp]').between(['acc2'], ['acc2', []]).count()).toBe(25);
    latest.close();
  });

  it('v1 -> v2 -> v3 step by step and v1 -> v3 directly give the same per account/day totals', async () => {
    const trades = range(0, 200).map((n) => makeTrade(n, {
      accountId: n % 2 ? 'acc1' : 'acc2', symbol: n % 3 ? 'BTC/USDT' : 'ETH/USDT', tradeId: `t${n}`, timestamp: Date.UTC(2026, 0, 1) + n * 3_600_000,
    }));
    const want = tradeStatsDelta(trades).accountDays;

    const stepwise = fakeIdbOptions();
    const direct = fakeIdbOptions();
    for (const options of [stepwise, direct]) {
      const v1 = new JournalDb('chain', options, 1);
      await v1.trades.bulkAdd(trades);
      v1.close();
    }
    const v2 = new JournalDb('chain', stepwise, 2);
    await v2.open();
    expect(await v2.dailyStats.count()).toBeGreaterThan(0);
    v2.close();

    for (const options of [stepwise, direct]) {
      const latest = new JournalDb('chain', options);
      await latest.open();
      const rows = await latest.accountDailyStats.toArray();
      expect(rows).toHaveLength(want.size);
      for (const row of rows) {
        const expected = want.get(`${row.accountId}\u0000${row.day}`);
        expect(row.count).toBe(expected?.count);
        expect(row.volume).toBeCloseTo(expected?.volume ?? NaN, 6);
      }
      latest.close();
    }
  });

  const older = SCHEMA_HISTORY.filter((v) => v.version < LATEST_SCHEMA_VERSION).map((v) => v.version);
  it.each(older)('every table that exists at v%i keeps its rows after upgrading to the latest version', async (version) => {
    const options = fakeIdbOptions();
    const old = new JournalDb('every', options, version);
    await old.open();
    await old.accounts.add(makeAccount('acc1'));
    await old.trades.bulkAdd(range(0, 10).map((n) => makeTrade(n)));
    await old.checkpoints.add(makeCheckpoint('acc1', 'BTC/USDT', '10'));
    await old.syncLogs.add(makeLog());
    await old.appliedBatches.add({ batchId: 'b1', accountId: 'acc1', jobId: 'job1', appliedAt: 1, result: {
      inserted: { trades: 10, movements: 0, income: 0, balances: 0 }, duplicates: { trades: 0, movements: 0, income: 0, balances: 0 }, replayed: false,
    } });
    const before: Record<string, unknown[]> = {};
    for (const name of Object.keys(SCHEMA_V1)) before[name] = await old.table(name).toArray();
    old.close();

    const latest = new JournalDb('every', options);
    await latest.open();
    for (const name of Object.keys(SCHEMA_V1)) expect(await latest.table(name).toArray(), name).toEqual(before[name]);
    latest.close();
  });

  it('v3 -> v4 marks every stored pair stale; one replay then derives its positions', async () => {
    const options = fakeIdbOptions();
    const v3 = new JournalDb('derive', options, 3);
    await v3.open();
    const trades = [
      ...range(0, 12).map((n) => makeTrade(n)),
      ...range(0, 6).map((n) => makeTrade(n, { symbol: 'ETH/USDT', tradeId: `e${n}` })),
    ];
    await v3.trades.bulkAdd(trades);
    // v3 kept stats up to date on every write; the upgrade reads them to find the pairs.
    await v3.symbolStats.bulkPut([
      { accountId: 'acc1', symbol: 'BTC/USDT', marketType: 'spot', firstTimestamp: 0, lastTimestamp: 0, count: 12, buyCount: 6, volume: 0, buyVolume: 0, fees: {}, realizedPnl: 0 },
      { accountId: 'acc1', symbol: 'ETH/USDT', marketType: 'spot', firstTimestamp: 0, lastTimestamp: 0, count: 6, buyCount: 3, volume: 0, buyVolume: 0, fees: {}, realizedPnl: 0 },
    ]);
    v3.close();

    const latest = new JournalDb('derive', options);
    await latest.open();
    expect((await latest.ledgers.toArray()).map((l) => [l.symbol, l.status])).toEqual([['BTC/USDT', 'stale'], ['ETH/USDT', 'stale']]);
    expect(await rebuildPair(latest, 'acc1', 'BTC/USDT')).toBe('current');
    const want = computeJournal(trades.filter((t) => t.symbol === 'BTC/USDT')).positions;
    expect((await pairPositions(latest, 'acc1', 'BTC/USDT')).map((p) => p.id)).toEqual(want.map((p) => p.id));
    latest.close();
  });

  it('a fresh database opens directly at the latest version', async () => {
    const db = new JournalDb('fresh', fakeIdbOptions());
    await db.open();
    expect(db.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toContain('dailyStats');
    db.close();
  });
});

describe('v7: import summaries', () => {
  it('v4 -> v7 summarizes fills earlier releases imported from files; API fills are not counted', async () => {
    const options = fakeIdbOptions();
    const v4 = new JournalDb('v7', options, 4);
    await v4.open();
    await v4.trades.bulkAdd([
      makeTrade(1, { tradeId: 'csv-1-buy-100-1-0' }),
      makeTrade(5, { tradeId: 'csv-5-sell-100-1-0' }),
      makeTrade(9),
      makeTrade(3, { tradeId: 'csv-3-buy-100-1-0', symbol: 'ETH/USDT', accountId: 'acc2' }),
    ]);
    v4.close();
    const latest = new JournalDb('v7', options);
    await latest.open();
    expect(await latest.importSummaries.toArray()).toEqual([
      { accountId: 'acc1', kind: 'spotFills', key: 'BTC/USDT', first: makeTrade(1).timestamp, last: makeTrade(5).timestamp, rows: 2, updatedAt: 0 },
      { accountId: 'acc2', kind: 'spotFills', key: 'ETH/USDT', first: makeTrade(3).timestamp, last: makeTrade(3).timestamp, rows: 1, updatedAt: 0 },
    ]);
    latest.close();
  });
});
