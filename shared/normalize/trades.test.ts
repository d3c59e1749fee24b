import { describe, expect, it } from 'vitest';
import { tradeKey } from '../domain/keys';
import { normalizeTrades } from './trades';
import { REASONS } from './report';

const now = 1_790_000_000_000;
const ctx = { exchange: 'binance' as const, accountId: 'acc', marketType: 'linear' as const, knownSymbols: new Set(['BTC/USDT:USDT', 'ETH/USDT:USDT']), now };

function trade(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '101', order: '9001', timestamp: now - 1000, symbol: 'BTC/USDT:USDT', side: 'sell', price: 60000, amount: 0.01, cost: 600,
    fee: { cost: 0.3, currency: 'USDT' }, takerOrMaker: 'taker', info: { realizedPnl: '-1.25' }, ...over,
  };
}

describe('normalizeTrades', () => {
  it('maps a ccxt unified trade to a Trade with the shared key', () => {
    const { valid, invalid } = normalizeTrades([trade()], ctx);
    expect(invalid).toEqual([]);
    expect(valid).toEqual([{
      key: tradeKey('binance', 'acc', 'linear', 'BTC/USDT:USDT', '101'), accountId: 'acc', exchange: 'binance', marketType: 'linear',
      symbol: 'BTC/USDT:USDT', tradeId: '101', orderId: '9001', timestamp: now - 1000, side: 'sell', price: 60000, amount: 0.01, cost: 600,
      feeCost: 0.3, feeCurrency: 'USDT', takerOrMaker: 'taker', exchangeRealizedPnl: -1.25,
    }]);
  });

  it('keeps the same trade id on two symbols as two trades (Binance ids are per symbol)', () => {
    const { valid } = normalizeTrades([trade(), trade({ symbol: 'ETH/USDT:USDT' })], ctx);
    expect(new Set(valid.map((t) => t.key)).size).toBe(2);
  });

  it('fills in cost and a missing fee; spot has no exchange P&L', () => {
    const { valid } = normalizeTrades([trade({ cost: undefined, fee: undefined, symbol: 'BTC/USDT', takerOrMaker: undefined })], { ...ctx, marketType: 'spot', knownSymbols: new Set(['BTC/USDT']) });
    expect(valid[0]).toMatchObject({ cost: 600, feeCost: 0, feeCurrency: null, takerOrMaker: null, exchangeRealizedPnl: null });
  });

  it('counts every refused row with its reason and samples, never silently', () => {
    const rows = [
      trade({ id: undefined }), trade({ id: '' }), trade({ id: 'a|b' }),
      trade({ price: Number.NaN }), trade({ amount: 'abc' }), trade({ fee: { cost: Infinity } }), trade({ info: { realizedPnl: 'x' } }),
      trade({ price: 0 }),
      trade({ timestamp: now + 3_600_000 }), trade({ timestamp: undefined }), trade({ timestamp: 1_700_000_000 }),
      trade({ symbol: 'DOGE/USDT:USDT' }), trade({ symbol: undefined }), trade({ side: 'long' }), null, 'x', trade({ id: '7' }),
    ];
    const { valid, invalid } = normalizeTrades(rows, ctx);
    expect(valid.map((t) => t.tradeId)).toEqual(['7']);
    const count = (reason: string) => invalid.find((r) => r.reason === reason)?.count ?? 0;
    expect(count(REASONS.missingId)).toBe(3);
    expect(count(REASONS.nonFinite)).toBe(4);
    expect(count(REASONS.nonPositive)).toBe(1);
    expect(count(REASONS.futureTimestamp)).toBe(1);
    expect(count(REASONS.badTimestamp)).toBe(2);
    expect(count(REASONS.unknownMarket)).toBe(1);
    expect(count(REASONS.missingSymbol)).toBe(1);
    expect(count(REASONS.badSide)).toBe(1);
    expect(count(REASONS.notAnObject)).toBe(2);
    expect(invalid.reduce((s, r) => s + r.count, 0)).toBe(rows.length - 1);
    expect(invalid.find((r) => r.reason === REASONS.notAnObject)?.samples).toEqual(['#14', '#15']);
    expect(invalid.find((r) => r.reason === REASONS.futureTimestamp)?.samples).toEqual(['101']);
  });

  it('allows a small clock tolerance', () => {
    expect(normalizeTrades([trade({ timestamp: now + 30_000 })], ctx).valid).toHaveLength(1);
    expect(normalizeTrades([trade({ timestamp: now + 30_000 })], { ...ctx, futureToleranceMs: 0 }).valid).toHaveLength(0);
  });
});
