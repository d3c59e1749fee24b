import { describe, expect, it } from 'vitest';
import { computeStats, profitFactor } from './stats';
import { closedPosition } from '../../testing/journal/fixtures';

const DAY = 86_400_000;
// 2026-11-16 is a Monday (UTC).
const MON = Date.UTC(2026, 10, 16);

describe('computeStats', () => {
  it('computes the summary on a hand-checked set', () => {
    // Results in close order: +10, +20, -15, -10, +5, 0 (break-even)
    const positions = [
      closedPosition({ id: 'a', closedAt: MON + 1000, netPnl: 10, fees: 1 }),
      closedPosition({ id: 'b', closedAt: MON + 2000, netPnl: 20, symbol: 'ETH/USDT:USDT' }),
      closedPosition({ id: 'c', closedAt: MON + DAY, netPnl: -15, funding: -2 }),
      closedPosition({ id: 'd', closedAt: MON + DAY + 1, netPnl: -10 }),
      closedPosition({ id: 'e', closedAt: MON + 2 * DAY, netPnl: 5 }),
      closedPosition({ id: 'f', closedAt: MON + 2 * DAY + 1, netPnl: 0 }),
      closedPosition({ id: 'open', closedAt: null, netPnl: 999 }),
    ];
    const s = computeStats(positions);
    expect(s.trades).toBe(6);
    expect([s.wins, s.losses, s.breakEvens]).toEqual([3, 2, 1]);
    // net = 10 + 20 - 15 - 10 + 5 + 0 = 10
    expect(s.netPnl).toBeCloseTo(10, 12);
    // win rate = 3 / 6 (break-even counts as a non-win)
    expect(s.winRate).toBeCloseTo(0.5, 12);
    // gross win 35, gross loss -25 -> PF 1.4
    expect(s.grossWin).toBe(35);
    expect(s.grossLoss).toBe(-25);
    expect(s.profitFactor).toBeCloseTo(1.4, 12);
    // expectancy 10 / 6
    expect(s.expectancy).toBeCloseTo(10 / 6, 12);
    expect(s.avgWin).toBeCloseTo(35 / 3, 12);
    expect(s.avgLoss).toBeCloseTo(-12.5, 12);
    expect(s.largestWin).toBe(20);
    expect(s.largestLoss).toBe(-15);
    expect(s.fees).toBe(1);
    expect(s.funding).toBe(-2);
    // equity 10, 30, 15, 5, 10, 10; peak 30; deepest point 5 -> drawdown 25 = 83.33% of 30
    expect(s.equityCurve.map((p) => p.equity)).toEqual([10, 30, 15, 5, 10, 10]);
    expect(s.maxDrawdown).toBeCloseTo(25, 12);
    expect(s.maxDrawdownPct).toBeCloseTo(25 / 30, 12);
    // calendar: Mon +30 (2 wins), Tue -25 (2 losses), Wed +5 (1 win, 1 break-even)
    expect(s.calendar.map((d) => [d.day, d.netPnl, d.trades])).toEqual([
      ['2026-11-16', 30, 2],
      ['2026-11-17', -25, 2],
      ['2026-11-18', 5, 2],
    ]);
    expect(s.byWeekday).toHaveLength(7);
    expect(s.byWeekday[1]?.netPnl).toBe(30);
    expect(s.byWeekday[2]?.losses).toBe(2);
    expect(s.byWeekday[3]?.breakEvens).toBe(1);
    expect(s.byWeekday[0]?.trades).toBe(0);
    expect(s.bySymbol.map((g) => [g.symbol, g.netPnl])).toEqual([
      ['BTC/USDT:USDT', -10],
      ['ETH/USDT:USDT', 20],
    ]);
  });

  it('zero trades: nulls, not NaN', () => {
    const s = computeStats([]);
    expect(s.trades).toBe(0);
    expect(s.winRate).toBeNull();
    expect(s.profitFactor).toBeNull();
    expect(s.expectancy).toBeNull();
    expect(s.avgWin).toBeNull();
    expect(s.largestLoss).toBeNull();
    expect(s.maxDrawdown).toBe(0);
    expect(s.maxDrawdownPct).toBeNull();
    expect(s.equityCurve).toEqual([]);
    expect(s.calendar).toEqual([]);
  });

  it('all losers: profit factor 0, drawdown without a positive peak has no percent', () => {
    const s = computeStats([
      closedPosition({ id: 'a', closedAt: 1, netPnl: -3 }),
      closedPosition({ id: 'b', closedAt: 2, netPnl: -2 }),
    ]);
    expect(s.profitFactor).toBe(0);
    expect(s.winRate).toBe(0);
    expect(s.maxDrawdown).toBeCloseTo(5, 12);
    expect(s.maxDrawdownPct).toBeNull();
    // With a starting equity of 100 the percent is defined: 5 / 100.
    expect(computeStats([closedPosition({ id: 'a', closedAt: 1, netPnl: -3 }), closedPosition({ id: 'b', closedAt: 2, netPnl: -2 })], {}, { startingEquity: 100 }).maxDrawdownPct).toBeCloseTo(0.05, 12);
  });

  it('profit factor edge cases', () => {
    expect(profitFactor(10, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(profitFactor(0, 0)).toBeNull();
    expect(profitFactor(0, -4)).toBe(0);
    const onlyBreakEven = computeStats([closedPosition({ id: 'a', closedAt: 1, netPnl: 1e-12 })]);
    expect(onlyBreakEven.breakEvens).toBe(1);
    expect(onlyBreakEven.profitFactor).toBeNull();
    expect(onlyBreakEven.winRate).toBe(0);
  });

  it('filters by close-time range [from, to), accounts and symbols', () => {
    const positions = [
      closedPosition({ id: 'a', closedAt: 100, netPnl: 1 }),
      closedPosition({ id: 'b', closedAt: 200, netPnl: 2, accountId: 'acc2' }),
      closedPosition({ id: 'c', closedAt: 300, netPnl: 4 }),
    ];
    expect(computeStats(positions, { from: 100, to: 300 }).netPnl).toBe(3);
    expect(computeStats(positions, { accountIds: ['acc1'] }).netPnl).toBe(5);
    expect(computeStats(positions, { symbols: ['ETH/USDT:USDT'] }).trades).toBe(0);
  });

  it('reports mixed quote currencies and filters by them', () => {
    const positions = [closedPosition({ id: 'a', closedAt: 1, netPnl: 10 }), closedPosition({ id: 'b', closedAt: 2, netPnl: 0.001, symbol: 'ETH/BTC', quoteCurrency: 'BTC' })];
    expect(computeStats(positions).quoteCurrencies).toEqual(['BTC', 'USDT']);
    const usdt = computeStats(positions, { quoteCurrencies: ['USDT'] });
    expect(usdt.quoteCurrencies).toEqual(['USDT']);
    expect(usdt.netPnl).toBe(10);
  });

  it('orders equal close times by id for a stable equity curve', () => {
    const s = computeStats([
      closedPosition({ id: 'b', closedAt: 5, netPnl: -1 }),
      closedPosition({ id: 'a', closedAt: 5, netPnl: 2 }),
    ]);
    expect(s.equityCurve.map((p) => p.positionId)).toEqual(['a', 'b']);
    expect(s.maxDrawdown).toBe(1);
    expect(s.maxDrawdownPct).toBeCloseTo(0.5, 12);
  });
});

describe('computeStats in the trader\'s timezone', () => {
  it('a late-evening UTC close lands on the next day, weekday and hour east of UTC, and stays west of it', () => {
    // Monday 2026-11-16 21:30 UTC = Tuesday 05:30 in Shanghai (UTC+8) = Monday 16:30 in New York (UTC-5).
    const positions = [closedPosition({ id: 'late', closedAt: MON + 21.5 * 3_600_000, netPnl: 7 })];
    const utc = computeStats(positions);
    expect(utc.calendar.map((d) => d.day)).toEqual(['2026-11-16']);
    expect(utc.byWeekday[1]?.trades).toBe(1);
    expect(utc.byHour[21]?.trades).toBe(1);
    const shanghai = computeStats(positions, {}, { timeZone: 'Asia/Shanghai' });
    expect(shanghai.calendar.map((d) => d.day)).toEqual(['2026-11-17']);
    expect(shanghai.byWeekday[2]?.netPnl).toBe(7);
    expect(shanghai.byHour[5]?.trades).toBe(1);
    const ny = computeStats(positions, {}, { timeZone: 'America/New_York' });
    expect(ny.calendar.map((d) => d.day)).toEqual(['2026-11-16']);
    expect(ny.byHour[16]?.trades).toBe(1);
  });
});
