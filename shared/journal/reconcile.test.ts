import { describe, expect, it } from 'vitest';
import { computeJournal } from './book';
import { reconcileRealizedPnl } from './reconcile';
import { fill, income, spotFill } from '../../testing/journal/fixtures';

describe('reconcileRealizedPnl', () => {
  it('agrees when the exchange reports the same realized P&L, and lists a gap otherwise', () => {
    const trades = [
      fill({ id: 1, t: 1, side: 'buy', price: 100, amount: 2, exchangeRealizedPnl: 0 }),
      // 1 x (110 - 100) = 10
      fill({ id: 2, t: 2, side: 'sell', price: 110, amount: 1, exchangeRealizedPnl: 10 }),
      // 1 x (90 - 100) = -10, but the exchange says -12 (e.g. we miss an earlier fill)
      fill({ id: 3, t: 3, side: 'sell', price: 90, amount: 1, exchangeRealizedPnl: -12 }),
      fill({ id: 1, t: 1, side: 'sell', price: 10, amount: 1, symbol: 'ETH/USDT:USDT' }),
      fill({ id: 2, t: 2, side: 'buy', price: 9, amount: 1, symbol: 'ETH/USDT:USDT' }),
      spotFill({ id: 1, t: 1, side: 'buy', price: 1, amount: 1 }),
    ];
    const incomes = [
      income({ id: 'r1', t: 2, amount: 10, type: 'REALIZED_PNL' }),
      income({ id: 'r2', t: 3, amount: -12, type: 'REALIZED_PNL' }),
      // ETH: 1 x (9 - 10) x -1 = +1; the exchange says 1.004 (within 0.01)
      income({ id: 'r3', t: 2, amount: 1.004, type: 'REALIZED_PNL', symbol: 'ETH/USDT:USDT' }),
      income({ id: 'f', t: 2, amount: 50 }), // funding: not part of realized P&L
    ];
    const j = computeJournal(trades, incomes);
    const report = reconcileRealizedPnl(trades, j.fills, incomes);
    expect(report.rows.map((r) => r.symbol)).toEqual(['BTC/USDT:USDT', 'ETH/USDT:USDT']);
    const btc = report.rows[0];
    expect(btc?.computed).toBeCloseTo(0, 10);
    expect(btc?.fromIncome).toBeCloseTo(-2, 10);
    expect(btc?.incomeDiff).toBeCloseTo(2, 10);
    expect(btc?.fillsDiff).toBeCloseTo(2, 10);
    expect(btc?.ok).toBe(false);
    const eth = report.rows[1];
    expect(eth?.ok).toBe(true);
    expect(eth?.fromFills).toBeNull();
    expect(eth?.fillsDiff).toBeNull();
    expect(report.differences.map((r) => r.symbol)).toEqual(['BTC/USDT:USDT']);
    expect(report.fillDifferenceCount).toBe(1);
    expect(report.fillDifferences[0]?.diff).toBeCloseTo(2, 10);
  });

  it('respects the time range and tolerance', () => {
    const trades = [fill({ id: 1, t: 1, side: 'buy', price: 100, amount: 1 }), fill({ id: 2, t: 5, side: 'sell', price: 101, amount: 1 })];
    const incomes = [income({ id: 'r', t: 5, amount: 1.5, type: 'REALIZED_PNL' })];
    const j = computeJournal(trades);
    expect(reconcileRealizedPnl(trades, j.fills, incomes, { tolerance: 1 }).differences).toHaveLength(0);
    expect(reconcileRealizedPnl(trades, j.fills, incomes).differences).toHaveLength(1);
    expect(reconcileRealizedPnl(trades, j.fills, incomes, { to: 5 }).rows[0]?.fromIncome).toBeNull();
  });
});
