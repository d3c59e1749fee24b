import { describe, expect, it } from 'vitest';
import { R_BINS, rBin, rMultiple, riskOf, summarizeR } from './r-multiple';

const long = { direction: 'long' as const, avgEntryPrice: 100, maxQty: 2 };
const short = { direction: 'short' as const, avgEntryPrice: 100, maxQty: 2 };

describe('R-multiples', () => {
  it('risk from the stop: |entry - stop| x size; a stop on the wrong side gives no risk', () => {
    expect(riskOf(long, 95, null)).toBe(10);
    expect(riskOf(short, 104, null)).toBe(8);
    expect(riskOf(long, 101, 50)).toBeNull();
    expect(riskOf(long, null, 50)).toBe(50);
    expect(riskOf(long, null, null)).toBeNull();
  });

  it('R = net P&L / risk', () => {
    expect(rMultiple(25, 10)).toBe(2.5);
    expect(rMultiple(-10, 10)).toBe(-1);
    expect(rMultiple(5, null)).toBeNull();
  });

  it('bins whole R, open at both ends', () => {
    expect(R_BINS[rBin(-5)]).toBe('< -3R');
    expect(R_BINS[rBin(-1)]).toBe('-1R..0R');
    expect(R_BINS[rBin(-0.2)]).toBe('-1R..0R');
    expect(R_BINS[rBin(0)]).toBe('0R..1R');
    expect(R_BINS[rBin(2.5)]).toBe('2R..3R');
    expect(R_BINS[rBin(3)]).toBe('>= 3R');
  });

  it('expectancy in R is the mean R', () => {
    const s = summarizeR([2, -1, -1, 3.5]);
    expect(s.count).toBe(4);
    expect(s.expectancyR).toBeCloseTo(0.875, 12);
    expect(s.distribution).toEqual([0, 0, 0, 2, 0, 0, 1, 1]);
    expect(summarizeR([]).expectancyR).toBeNull();
  });
});
