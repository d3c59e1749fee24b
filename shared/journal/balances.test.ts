import { describe, expect, it } from 'vitest';
import type { AssetFlow, BalanceSnapshot, Income, Movement, Trade } from '../domain/types';
import { reconcileBalances } from './balances';

const T0 = 1_780_000_000_000;
const fill = (over: Partial<Trade>): Trade => ({
  key: `k${Math.random()}`, accountId: 'a', exchange: 'binance', marketType: 'spot', symbol: 'BTC/USDT', tradeId: '1', orderId: null, timestamp: T0 + 10,
  side: 'buy', price: 100, amount: 2, cost: 200, feeCost: 0.002, feeCurrency: 'BTC', takerOrMaker: 'taker', exchangeRealizedPnl: null, ...over,
});
const deposit: Movement = { key: 'd', accountId: 'a', exchange: 'binance', type: 'deposit', movementId: 'd', currency: 'USDT', amount: 1000, fee: 0, network: null, txid: null, status: 'ok', timestamp: T0 };
const income = (amount: number, incomeType: Income['incomeType'] = 'REALIZED_PNL'): Income => ({
  key: `i${amount}${incomeType}`, accountId: 'a', exchange: 'binance', marketType: 'linear', symbol: null, incomeType, rawType: incomeType, incomeId: 'x', asset: 'USDT', amount, timestamp: T0 + 20,
});
const toFutures: AssetFlow = { key: 't', accountId: 'a', exchange: 'binance', kind: 'transfer', rawType: 'MAIN_UMFUTURE', flowId: 't', timestamp: T0 + 5, legs: [{ wallet: 'spot', asset: 'USDT', amount: -300 }, { wallet: 'linear', asset: 'USDT', amount: 300 }] };
const snap = (marketType: 'spot' | 'linear', balances: [string, number][], timestamp = T0 + 100): BalanceSnapshot => ({
  key: `${marketType}${timestamp}`, accountId: 'a', marketType, timestamp, balances: balances.map(([currency, total]) => ({ currency, free: total, used: 0, total })),
});

describe('reconcileBalances', () => {
  it('Binance: spot = deposits + fills - fees + spot legs; USD-M = income (its transfer side counted once)', () => {
    const lines = reconcileBalances({
      exchange: 'binance', trades: [fill({}), fill({ marketType: 'linear', symbol: 'BTC/USDT:USDT' })], movements: [deposit],
      income: [income(300, 'TRANSFER'), income(25), income(-1.5, 'COMMISSION')], flows: [toFutures],
      snapshots: [snap('spot', [['BTC', 1.998], ['USDT', 500]]), snap('linear', [['USDT', 323.5]]), snap('spot', [['USDT', 1]], T0 - 1)],
    });
    expect(lines.map((l) => [l.wallet, l.asset, l.cause])).toEqual([['spot', 'BTC', 'matches'], ['spot', 'USDT', 'matches'], ['linear', 'USDT', 'matches']]);
  });

  it('names the likely cause of a difference', () => {
    const base = { exchange: 'binance' as const, trades: [], movements: [deposit], income: [income(5)], snapshots: [snap('spot', [['USDT', 1200]]), snap('linear', [['USDT', 90]])] };
    const lines = reconcileBalances({ ...base, flows: [], oldestServed: { linear: T0 } });
    expect(lines.map((l) => [l.wallet, l.asset, l.difference, l.cause])).toEqual([
      ['spot', 'USDT', 200, 'kind_not_imported'], ['linear', 'USDT', 85, 'history_older_than_api'],
    ]);
    expect(reconcileBalances({ ...base, flows: [toFutures], income: [income(5)] }).find((l) => l.wallet === 'spot')?.cause).toBe('unexplained');
    expect(reconcileBalances({ ...base, snapshots: [], flows: [] }).map((l) => l.cause)).toEqual(['no_exchange_balance', 'no_exchange_balance']);
    // 100 dust conversions stored = as many as Binance serves: older ones are likely missing.
    const dust = Array.from({ length: 100 }, (_, n): AssetFlow => ({ ...toFutures, key: `d${n}`, kind: 'dust', flowId: `d${n}`, legs: [{ wallet: 'spot', asset: 'BNB', amount: 0 }] }));
    expect(reconcileBalances({ ...base, flows: dust }).find((l) => l.wallet === 'spot')?.cause).toBe('history_older_than_api');
  });

  it('Bybit: one unified wallet, reported under either market type', () => {
    const lines = reconcileBalances({
      exchange: 'bybit', trades: [fill({ exchange: 'bybit', feeCost: 0 })], movements: [{ ...deposit, exchange: 'bybit' }], income: [{ ...income(-4, 'FUNDING_FEE'), exchange: 'bybit' }],
      flows: [], snapshots: [snap('linear', [['BTC', 2], ['USDT', 796]])],
    });
    expect(lines.map((l) => [l.wallet, l.asset, l.cause])).toEqual([['unified', 'BTC', 'matches'], ['unified', 'USDT', 'matches']]);
  });
});
