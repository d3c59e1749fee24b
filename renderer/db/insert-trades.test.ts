import { describe, expect, it } from 'vitest';
import { insertTrades } from './insert-trades';
import { tradeTotals } from './queries';
import { makeTrade, newTestDb, range } from '../../testing/db/test-support';

describe('insertTrades', () => {
  it('inserts in chunks, counts duplicates, keeps every stats table exact', async () => {
    const db = newTestDb();
    const progress: number[] = [];
    const first = await insertTrades(db, range(0, 25).map((n) => makeTrade(n)), { chunkRows: 10, onProgress: (d) => progress.push(d) });
    expect(first).toEqual({ inserted: 25, duplicates: 0 });
    expect(progress).toEqual([10, 20, 25]);
    const again = await insertTrades(db, range(20, 30).map((n) => makeTrade(n)));
    expect(again).toEqual({ inserted: 5, duplicates: 5 });
    expect((await tradeTotals(db, { accountId: 'acc1' })).count).toBe(30);
    expect((await tradeTotals(db, { accountId: 'acc1', fromDay: 0, toDay: 1e9 })).count).toBe(30);
    expect((await tradeTotals(db, { accountId: 'acc1', symbol: 'BTC/USDT', fromDay: 0, toDay: 1e9 })).count).toBe(30);
    db.close();
  });
});
