import { describe, expect, it } from 'vitest';
import { MAX_CANDLES_PER_CHART, TIMEFRAME_MS, chartRange, missingRuns, timeframeFor } from './candles';

const MIN = 60_000;

describe('candle ranges', () => {
  it('picks the finest timeframe where the holding time fits half a chart', () => {
    expect(timeframeFor(20 * MIN)).toBe('1m');
    expect(timeframeFor(500 * MIN)).toBe('1m');
    expect(timeframeFor(501 * MIN)).toBe('5m');
    expect(timeframeFor(14 * 24 * 60 * MIN)).toBe('1h');
    expect(timeframeFor(365 * 24 * 60 * MIN)).toBe('1d');
  });

  it('pads around the position, aligns to candles, never past now, never over the cap', () => {
    const opened = Date.UTC(2024, 0, 1, 10, 7);
    const r = chartRange(opened, opened + 30 * MIN, opened + 35 * MIN);
    expect(r.timeframe).toBe('1m');
    expect(r.from).toBe(Date.UTC(2024, 0, 1, 9, 47));
    expect(r.to).toBe(opened + 35 * MIN);
    const long = chartRange(0, 3000 * 86_400_000, 4000 * 86_400_000);
    expect((long.to - long.from) / TIMEFRAME_MS[long.timeframe] + 1).toBeLessThanOrEqual(MAX_CANDLES_PER_CHART);
  });

  it('lists the missing candles as runs; a candle still forming is always missing', () => {
    const range = { timeframe: '1m' as const, from: 0, to: 9 * MIN };
    expect(missingRuns(range, [0, MIN, 2 * MIN, 5 * MIN, 6 * MIN, 9 * MIN], 100 * MIN)).toEqual([{ from: 3 * MIN, to: 4 * MIN }, { from: 7 * MIN, to: 8 * MIN }]);
    expect(missingRuns(range, [0, MIN, 2 * MIN, 3 * MIN, 4 * MIN, 5 * MIN, 6 * MIN, 7 * MIN, 8 * MIN, 9 * MIN], 9.5 * MIN)).toEqual([{ from: 9 * MIN, to: 9 * MIN }]);
  });
});
