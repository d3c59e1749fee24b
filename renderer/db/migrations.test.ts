import { describe, expect, it } from 'vitest';
import { tradeStatsDelta } from './aggregates';
import { JournalDb, LATEST_SCHEMA_VERSION } from './schema';
import { fakeIdbOptions, makeAccount, makeCheckpoint, makeTrade, range } from './test-support';

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

  it('a fresh database opens directly at the latest version', async () => {
    const db = new JournalDb('fresh', fakeIdbOptions());
    await db.open();
    expect(db.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toContain('dailyStats');
    db.close();
  });
});
