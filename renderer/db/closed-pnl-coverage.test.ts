import { describe, expect, it } from 'vitest';
import { closedPnlKey, type ClosedPnlRow } from '../../shared/domain/closed-pnl-row';
import { tradeKey } from '../../shared/domain/keys';
import type { Trade } from '../../shared/domain/types';
import { readClosedPnlCoverage } from './closed-pnl-coverage';
import { insertTrades } from './insert-trades';
import { newTestDb } from '../../testing/db/test-support';

const BTC = 'BTC/USDT:USDT';
const T = Date.UTC(2024, 0, 10, 12);
const HOUR = 3_600_000;

const row = (i: number, closedAt: number): ClosedPnlRow => ({
  key: closedPnlKey('bybit', 'a', BTC, `r${i}`), accountId: 'a', exchange: 'bybit', symbol: BTC, symbolId: 'BTCUSDT', rowId: `r${i}`, orderId: null, closedSide: null,
  qty: 1, entryPrice: 1, exitPrice: 1, closedPnl: 1, openFee: null, closeFee: null, fundingFee: null, exitType: 'Trade', closedAt, openedAt: null,
});
const fill = (id: string, timestamp: number): Trade => ({
  key: tradeKey('bybit', 'a', 'linear', BTC, id), accountId: 'a', exchange: 'bybit', marketType: 'linear', symbol: BTC, tradeId: id, orderId: null,
  timestamp, side: 'sell', price: 1, amount: 1, cost: 1, feeCost: 0, feeCurrency: 'USDT', takerOrMaker: 'taker', exchangeRealizedPnl: null,
});

describe('closed P&L coverage, kept per symbol between live re-reads (real Dexie on fake-indexeddb)', () => {
  it('a commit of a fill near an uncovered close is seen at the next read (the kept answer is invalidated by the fills\' stats)', async () => {
    const db = newTestDb('closed-pnl-coverage');
    await db.closedPnlRecords.bulkAdd([row(1, T), row(2, T + 5 * HOUR)]);
    await insertTrades(db, [fill('f1', T + 20_000)]);
    const read = async () => readClosedPnlCoverage(db, 'a', await db.symbolStats.toArray());
    expect((await read())[0]?.uncovered).toEqual([{ from: T + 5 * HOUR, to: T + 5 * HOUR, records: 1 }]);
    // Unchanged: the same answer again.
    expect((await read())[0]?.uncovered).toEqual([{ from: T + 5 * HOUR, to: T + 5 * HOUR, records: 1 }]);
    await insertTrades(db, [fill('f2', T + 5 * HOUR - 30_000)]);
    expect((await read())[0]?.uncovered).toEqual([]);
    // A new record far from any fill: counted again as well.
    await db.closedPnlRecords.add(row(3, T + 50 * HOUR));
    expect((await read())[0]?.uncovered).toEqual([{ from: T + 50 * HOUR, to: T + 50 * HOUR, records: 1 }]);
    db.close();
  });
});
