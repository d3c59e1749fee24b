import { describe, expect, it } from 'vitest';
import { fill, income } from '../../../../testing/journal/fixtures';
import { chartBars, chartMarkers } from './chartData';

const H = 3_600_000;

describe('chart data', () => {
  it('shifts bars to the zone\'s wall clock and drops the hour a DST fall-back repeats', () => {
    // New York falls back at 2024-11-03 06:00 UTC: 01:00-02:00 local happens twice.
    const start = Date.parse('2024-11-03T04:00:00Z');
    const candles = [0, 1, 2, 3].map((i) => ({ t: start + i * H, o: 1, h: 2, l: 0.5, c: 1.5, v: 1 }));
    expect(chartBars(candles, 'UTC').map((b) => b.time)).toEqual(candles.map((c) => c.t / 1000));
    const ny = chartBars(candles, 'America/New_York');
    // 00:00 EDT, 01:00 EDT, (01:00 EST again: dropped), 02:00 EST
    expect(ny.map((b) => new Date(b.time * 1000).toISOString().slice(11, 16))).toEqual(['00:00', '01:00', '02:00']);
    expect(ny.every((b, i) => i === 0 || b.time > (ny[i - 1]?.time ?? 0))).toBe(true);
  });

  it('puts fill and funding markers on the candle holding them, sorted, buys below and sells above', () => {
    const t0 = Date.parse('2024-05-06T10:00:00Z');
    const markers = chartMarkers(
      [fill({ id: 2, t: t0 + 37 * 60_000, side: 'sell', price: 101.5, amount: 2 }), fill({ id: 1, t: t0 + 3 * 60_000, side: 'buy', price: 100, amount: 2 })],
      [income({ id: 9, t: t0 + 16 * 60_000, amount: -0.25, type: 'FUNDING_FEE', symbol: 'BTC/USDT:USDT' })],
      '15m', 'Asia/Shanghai',
    );
    const at = (hhmm: string) => Date.parse(`2024-05-06T${hhmm}:00Z`) / 1000 + 8 * 3600;
    expect(markers.map((m) => [m.kind, m.time, m.position, m.text])).toEqual([
      ['fill', at('10:00'), 'belowBar', 'B 2 @ 100'],
      ['funding', at('10:15'), 'aboveBar', 'F -0.25'],
      ['fill', at('10:30'), 'aboveBar', 'S 2 @ 101.5'],
    ]);
  });
});
