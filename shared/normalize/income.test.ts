import { describe, expect, it } from 'vitest';
import { normalizeIncome } from './income';
import { REASONS } from './report';

const now = 1_790_000_000_000;
const symbolsById = new Map([['BTCUSDT', 'BTC/USDT:USDT']]);
const base = { accountId: 'acc', marketType: 'linear' as const, now, symbolsById };

describe('normalizeIncome: Binance /fapi/v1/income rows', () => {
  const ctx = { ...base, exchange: 'binance' as const };
  const row = (over: Record<string, unknown> = {}) => ({ symbol: 'BTCUSDT', incomeType: 'REALIZED_PNL', income: '12.5', asset: 'USDT', info: '', time: now - 10, tranId: 77, tradeId: '5', ...over });

  it('keeps pnl and commission of one tranId apart (unique only with the type)', () => {
    const { valid } = normalizeIncome([row(), row({ incomeType: 'COMMISSION', income: '-0.3' })], ctx);
    expect(valid.map((i) => [i.incomeType, i.amount, i.incomeId, i.symbol])).toEqual([['REALIZED_PNL', 12.5, '77', 'BTC/USDT:USDT'], ['COMMISSION', -0.3, '77', 'BTC/USDT:USDT']]);
    expect(new Set(valid.map((i) => i.key)).size).toBe(2);
  });

  it('maps transfers without symbol and unknown types to OTHER keyed by their raw type', () => {
    const { valid } = normalizeIncome([row({ symbol: '', incomeType: 'TRANSFER', income: '100' }), row({ incomeType: 'INSURANCE_CLEAR' }), row({ incomeType: 'WELCOME_BONUS' })], ctx);
    expect(valid.map((i) => [i.incomeType, i.rawType, i.symbol])).toEqual([['TRANSFER', 'TRANSFER', null], ['OTHER', 'INSURANCE_CLEAR', 'BTC/USDT:USDT'], ['OTHER', 'WELCOME_BONUS', 'BTC/USDT:USDT']]);
    expect(new Set(valid.map((i) => i.key)).size).toBe(3);
  });

  it('refuses unknown markets, bad numbers, future rows', () => {
    const { invalid } = normalizeIncome([row({ symbol: 'XYZUSDT' }), row({ income: 'oops' }), row({ time: now + 86_400_000 }), row({ tranId: undefined })], ctx);
    expect(invalid.map((r) => r.reason).sort()).toEqual([REASONS.futureTimestamp, REASONS.missingId, REASONS.nonFinite, REASONS.unknownMarket].sort());
  });
});

describe('normalizeIncome: Bybit transaction log rows', () => {
  const ctx = { ...base, exchange: 'bybit' as const };
  const row = (over: Record<string, unknown> = {}) => ({ id: 'L1', symbol: 'BTCUSDT', type: 'TRADE', transactionTime: String(now - 10), currency: 'USDT', cashFlow: '5.5', fee: '0.25', funding: '', change: '5.25', ...over });

  it('splits a TRADE row into realized pnl and commission', () => {
    const { valid } = normalizeIncome([row()], ctx);
    expect(valid.map((i) => [i.incomeType, i.amount, i.rawType])).toEqual([['REALIZED_PNL', 5.5, 'TRADE'], ['COMMISSION', -0.25, 'TRADE']]);
    expect(new Set(valid.map((i) => i.key)).size).toBe(2);
  });

  it('keeps SETTLEMENT funding as sent (positive = received, negative = paid) and keeps transfers', () => {
    const { valid } = normalizeIncome([
      row({ id: 'L2', type: 'SETTLEMENT', funding: '0.4', cashFlow: '0', fee: '0', change: '0.4' }),
      row({ id: 'L4', type: 'SETTLEMENT', funding: '-0.7', cashFlow: '0', fee: '0', change: '-0.7' }),
      row({ id: 'L3', type: 'TRANSFER_IN', symbol: '', change: '50' }),
      row({ id: 'L5', type: 'TRANSFER_OUT', symbol: '', change: '-20' }),
    ], ctx);
    expect(valid.map((i) => [i.incomeType, i.amount, i.symbol])).toEqual([['FUNDING_FEE', 0.4, 'BTC/USDT:USDT'], ['FUNDING_FEE', -0.7, 'BTC/USDT:USDT'], ['TRANSFER', 50, null], ['TRANSFER', -20, null]]);
  });

  it('reads forced closes like trades and keeps bonuses and fee refunds by their raw type', () => {
    const { valid } = normalizeIncome([
      row({ id: 'L6', type: 'LIQUIDATION', cashFlow: '-120', fee: '3', change: '-123' }),
      row({ id: 'L7', type: 'ADL', cashFlow: '40', fee: '0', change: '40' }),
      row({ id: 'L8', type: 'BONUS', symbol: '', cashFlow: '0', fee: '0', change: '10' }),
      row({ id: 'L9', type: 'FEE_REFUND', symbol: '', cashFlow: '0', fee: '0', change: '0.5' }),
    ], ctx);
    expect(valid.map((i) => [i.incomeType, i.rawType, i.amount])).toEqual([
      ['REALIZED_PNL', 'LIQUIDATION', -120], ['COMMISSION', 'LIQUIDATION', -3], ['REALIZED_PNL', 'ADL', 40], ['OTHER', 'BONUS', 10], ['OTHER', 'FEE_REFUND', 0.5],
    ]);
    expect(new Set(valid.map((i) => i.key)).size).toBe(5);
  });

  it('a row without id keys on its tradeId (the docs example has none)', () => {
    const { valid, invalid } = normalizeIncome([row({ id: undefined, tradeId: 'T-1' })], ctx);
    expect(invalid).toEqual([]);
    expect(valid.map((i) => i.incomeId)).toEqual(['T-1', 'T-1']);
  });

  it('a TRADE row with neither pnl nor fee yields nothing (and is not an error)', () => {
    expect(normalizeIncome([row({ cashFlow: '0', fee: '0' })], ctx)).toEqual({ valid: [], invalid: [] });
  });
});
