import { describe, expect, it } from 'vitest';
import { closedPosition } from '../../../../testing/journal/fixtures';
import { computeReviewStats } from './reviewStats';

describe('computeReviewStats', () => {
  it('R from stops (or the default risk), setups with "(no setup)", mistakes only where labelled', () => {
    const at = (id: string, netPnl: number) => ({ ...closedPosition({ id, closedAt: 1000, netPnl }), avgEntryPrice: 100, maxQty: 2 });
    const a = at('a', 20);
    const b = at('b', -10);
    const c = at('c', 5);
    const entry = a.avgEntryPrice;
    const inputs = {
      tags: new Map([['a', ['setup:breakout', 'mistake:late']], ['b', ['setup:breakout']]]),
      // a risks (100 - 95) x 2 = 10; b and c have no stop.
      stops: new Map([['a', entry - 10 / a.maxQty]]),
    };
    const noDefault = computeReviewStats([a, b, c], inputs, null);
    expect(noDefault.r.count).toBe(1);
    expect(noDefault.r.expectancyR).toBeCloseTo(2, 9);
    expect(noDefault.setups.map((s) => [s.name, s.trades, s.netPnl])).toEqual([['breakout', 2, 10], ['(no setup)', 1, 5]]);
    expect(noDefault.mistakes.map((s) => [s.name, s.trades])).toEqual([['late', 1]]);
    // A default risk of 5 gives every position without a stop an R: b -2R, c +1R.
    const withDefault = computeReviewStats([a, b, c], inputs, 5);
    expect(withDefault.r.count).toBe(3);
    expect(withDefault.r.expectancyR).toBeCloseTo((2 - 2 + 1) / 3, 9);
    expect(withDefault.setups.find((s) => s.name === 'breakout')?.expectancyR).toBeCloseTo(0, 9);
  });
});
