import { describe, expect, it } from 'vitest';
import { computeStats } from '../../../../shared/journal/stats';
import { closedPosition, seededRandom } from '../../../../testing/journal/fixtures';
import { computeReviewStats, labelledIds, reviewStatsFromLabelled, type ReviewInputs } from './reviewStats';

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

describe('reviewStatsFromLabelled', () => {
  it('equals computeReviewStats over every position, from the labelled ones and the totals (random labels, stops, empty labels)', () => {
    for (const seed of [1, 2, 3, 4]) {
      const rand = seededRandom(seed);
      const positions = Array.from({ length: 600 }, (_, i) => ({
        ...closedPosition({ id: `p${i}`, closedAt: rand() < 0.05 ? null : 1000 + i, netPnl: [0, 1e-12, 7.5, -3, 12, -20][Math.floor(rand() * 6)] ?? 0 }),
        avgEntryPrice: 100, maxQty: 1 + Math.floor(rand() * 3),
      }));
      const inputs: ReviewInputs = { tags: new Map(), stops: new Map() };
      for (const p of positions) {
        const r = rand();
        if (r < 0.1) inputs.tags.set(p.id, ['setup:breakout', ...(rand() < 0.5 ? ['mistake:late'] : [])]);
        else if (r < 0.15) inputs.tags.set(p.id, ['setup:', 'mistake:fomo']);
        else if (r < 0.2) inputs.tags.set(p.id, ['setup:range', 'setup:breakout']);
        if (rand() < 0.1) inputs.stops.set(p.id, rand() < 0.8 ? 95 : 105);
      }
      const ids = new Set(labelledIds(inputs));
      const labelled = positions.filter((p) => ids.has(p.id));
      const got = reviewStatsFromLabelled(labelled, inputs, computeStats(positions));
      const want = computeReviewStats(positions, inputs, null);
      const rounded = (x: unknown) => JSON.parse(JSON.stringify(x, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v))) as unknown;
      expect(rounded(got)).toEqual(rounded(want));
    }
  });

  it('"(no setup)" without losses keeps an infinite profit factor (no float residue from the subtraction)', () => {
    const ps = [0.1, 0.2, -0.30000000000000004, 0.7].map((netPnl, i) => closedPosition({ id: `q${i}`, closedAt: 1000 + i, netPnl }));
    const inputs: ReviewInputs = { tags: new Map([['q2', ['setup:fade']]]), stops: new Map() };
    const noSetup = reviewStatsFromLabelled([ps[2] as (typeof ps)[number]], inputs, computeStats(ps)).setups.find((g) => g.name === '(no setup)');
    expect(noSetup?.trades).toBe(3);
    expect(noSetup?.profitFactor).toBe(Number.POSITIVE_INFINITY);
  });
});
