import { describe, expect, it } from 'vitest';
import { tradeKey } from '../../domain/keys';
import type { Trade } from '../../domain/types';
import { importTradesCsv } from './import';
import { planFileTrades } from './match';
import { REFUSED } from './statement-legs';

const HEADER = 'User_ID,UTC_Time,Account,Operation,Coin,Change,Remark';
const at = (iso: string): number => Date.parse(`${iso}Z`);
const read = (...rows: string[]) => importTradesCsv([HEADER, ...rows].join('\n'), { accountId: 'a' });

// Constructed rows in the shapes published Binance statements show (current and older operation
// names, fees in the coin received, in BNB, or as "BNB Fee Deduction", legs one second apart).
describe('Binance statement spot trade legs -> fills', () => {
  it('one fill per second: side, symbol, price, quantity, fee and fee currency, for every naming', () => {
    const r = read(
      '1,2026-01-03 11:00:00,Spot,Transaction Buy,BTC,0.01,',
      '1,2026-01-03 11:00:00,Spot,Transaction Spend,USDT,-900,',
      '1,2026-01-03 11:00:00,Spot,Transaction Fee,BNB,-0.001,',
      '1,2025-01-15 10:00:00,Spot,Transaction Sold,BTC,-0.01,',
      '1,2025-01-15 10:00:00,Spot,Transaction Revenue,EUR,400,',
      '1,2025-01-15 10:00:00,Spot,Transaction Fee,EUR,-2,',
      '1,2021-03-02 10:00:00,Spot,Buy,DOT,100,',
      '1,2021-03-02 10:00:00,Spot,Buy,USDT,-3000,',
      '1,2021-03-02 10:00:00,Spot,Fee,DOT,-0.1,',
      '1,2026-02-10 04:15:59,Spot,Transaction Spend,USDC,-49.881,',
      '1,2026-02-10 04:15:59,Spot,Transaction Buy,BNB,0.078,',
      '1,2026-02-10 04:15:59,Spot,BNB Fee Deduction,BNB,-0.00005557,',
    );
    expect(r.rejected).toEqual([]);
    expect(r.skippedReasons).toEqual([]);
    expect(r.trades.map((t) => [t.symbol, t.marketType, t.side, t.timestamp, t.price, t.amount, t.cost, t.feeCost, t.feeCurrency])).toEqual([
      ['BTC/USDT', 'spot', 'buy', at('2026-01-03T11:00:00'), 90000, 0.01, 900, 0.001, 'BNB'],
      ['BTC/EUR', 'spot', 'sell', at('2025-01-15T10:00:00'), 40000, 0.01, 400, 2, 'EUR'],
      ['DOT/USDT', 'spot', 'buy', at('2021-03-02T10:00:00'), 30, 100, 3000, 0.1, 'DOT'],
      ['BNB/USDC', 'spot', 'buy', at('2026-02-10T04:15:59'), 639.5, 0.078, 49.881, 0.00005557, 'BNB'],
    ]);
    expect(r.trades.every((t) => t.tradeId.startsWith('csv-'))).toBe(true);
  });

  it('n identical copies in one second are n fills; anything ambiguous is reported with its reason, never guessed', () => {
    const r = read(
      // Two identical partial fills.
      '1,2024-12-29 22:06:00,Spot,Transaction Buy,SHIB,47830,',
      '1,2024-12-29 22:06:00,Spot,Transaction Spend,USDT,-1.0302582,',
      '1,2024-12-29 22:06:00,Spot,Transaction Fee,SHIB,-47.83,',
      '1,2024-12-29 22:06:00,Spot,Transaction Buy,SHIB,47830,',
      '1,2024-12-29 22:06:00,Spot,Transaction Spend,USDT,-1.0302582,',
      '1,2024-12-29 22:06:00,Spot,Transaction Fee,SHIB,-47.83,',
      // Two different spends for one buy: which paid what cannot be told.
      '1,2026-02-08 10:40:03,Spot,Transaction Spend,USDC,-500.1311,',
      '1,2026-02-08 10:40:03,Spot,Transaction Spend,USDC,-350,',
      '1,2026-02-08 10:40:03,Spot,Transaction Buy,EUR,721,',
      '1,2026-02-08 10:40:03,Spot,Transaction Fee,EUR,-0.68495,',
      // The spend one second after the buy.
      '1,2025-01-02 12:00:00,Spot,Transaction Buy,BTC,0.001,',
      '1,2025-01-02 12:00:01,Spot,Transaction Spend,USDC,-50,',
      '1,2025-01-02 12:00:01,Spot,Transaction Fee,BTC,-0.000001,',
      '1,2025-03-01 09:00:00,Spot,Transaction Related,ETH,0.5,',
      '1,2026-02-11 09:00:00,Strategy,Transaction Spend,USDC,-100,',
      '1,2026-02-11 09:00:00,Strategy,Transaction Buy,BTC,0.001,',
    );
    expect(r.trades.map((t) => [t.symbol, t.side, t.price, t.amount, t.feeCost])).toEqual([
      ['SHIB/USDT', 'buy', 0.00002154, 47830, 47.83],
      ['SHIB/USDT', 'buy', 0.00002154, 47830, 47.83],
    ]);
    expect(new Set(r.trades.map((t) => t.key)).size).toBe(2);
    expect(r.skippedReasons).toEqual([
      { reason: REFUSED.several, rows: 4 },
      { reason: REFUSED.incomplete, rows: 3 },
      { reason: REFUSED.related, rows: 1 },
      { reason: REFUSED.account, rows: 2 },
    ]);
    // A re-read gives the same keys.
    expect(read('1,2024-12-29 22:06:00,Spot,Transaction Buy,SHIB,47830,', '1,2024-12-29 22:06:00,Spot,Transaction Spend,USDT,-1.0302582,', '1,2024-12-29 22:06:00,Spot,Transaction Fee,SHIB,-47.83,').trades[0]?.key).toBe(r.trades[0]?.key);
  });

  it('a rebuilt fill meets the API copy of the same fill under the match rule (stored once)', () => {
    const r = read('1,2026-01-03 11:00:00,Spot,Transaction Buy,BTC,0.01,', '1,2026-01-03 11:00:00,Spot,Transaction Spend,USDT,-900,', '1,2026-01-03 11:00:00,Spot,Transaction Fee,BNB,-0.001,');
    const api: Trade = { key: tradeKey('binance', 'a', 'spot', 'BTC/USDT', '77'), accountId: 'a', exchange: 'binance', marketType: 'spot', symbol: 'BTC/USDT', tradeId: '77', orderId: '5', timestamp: at('2026-01-03T11:00:00') + 418, side: 'buy', price: 90000, amount: 0.01, cost: 900, feeCost: 0.001, feeCurrency: 'BNB', takerOrMaker: 'taker', exchangeRealizedPnl: null };
    const plan = planFileTrades(r.trades, [api], () => ({ horizon: null, syncedThrough: at('2026-02-01T00:00:00') }));
    expect([plan.kept.length, plan.matched.length]).toEqual([0, 1]);
  });
});
