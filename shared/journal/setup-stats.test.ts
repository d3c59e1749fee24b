import { describe, expect, it } from 'vitest';
import { computeJournal } from './book';
import { MISTAKE_PREFIX, SETUP_PREFIX, statsByLabel } from './setup-stats';
import { fill } from '../../testing/journal/fixtures';

/** Four round trips of 1 BTC: +10, -5, +20, -4 (no fees). */
function positions() {
  const fills = [];
  const results = [10, -5, 20, -4];
  let id = 1;
  for (const [i, r] of results.entries()) {
    const t = Date.UTC(2024, 0, 1 + i);
    fills.push(fill({ id: id++, t, side: 'buy', price: 100, amount: 1 }), fill({ id: id++, t: t + 60_000, side: 'sell', price: 100 + r, amount: 1 }));
  }
  return computeJournal(fills).positions;
}

describe('statsByLabel', () => {
  it('win rate, expectancy, profit factor and R per setup; a position in two setups counts in both', () => {
    const ps = positions();
    const [a, b, c, d] = ps.map((p) => p.id);
    const tags = new Map<string, string[]>([
      [a ?? '', ['setup:breakout', 'mistake:late entry']],
      [b ?? '', ['setup:breakout']],
      [c ?? '', ['setup:breakout', 'setup:trend', 'other']],
    ]);
    const rs = new Map([[a, 2], [b, -1]]);
    const stats = statsByLabel(ps, (id) => tags.get(id), SETUP_PREFIX, (p) => rs.get(p.id) ?? null);
    const breakout = stats.find((s) => s.name === 'breakout');
    expect(breakout).toMatchObject({ trades: 3, wins: 2, netPnl: 25, expectancyR: 0.5, rCount: 2 });
    expect(breakout?.winRate).toBeCloseTo(2 / 3, 12);
    expect(breakout?.expectancy).toBeCloseTo(25 / 3, 12);
    expect(breakout?.profitFactor).toBe(6);
    expect(stats.find((s) => s.name === 'trend')).toMatchObject({ trades: 1, profitFactor: Number.POSITIVE_INFINITY, expectancyR: null });
    expect(stats.find((s) => s.name === '(no setup)')).toMatchObject({ trades: 1, netPnl: -4, profitFactor: 0 });
    expect(statsByLabel(ps, (id) => tags.get(id), MISTAKE_PREFIX, () => null, null)).toMatchObject([{ name: 'late entry', trades: 1, netPnl: 10 }]);
    void d;
  });
});
