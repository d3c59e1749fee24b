import { describe, expect, it } from 'vitest';
import { calendarGrid, dayNumber, dayString, pnlLevel } from './calendar';

describe('P&L calendar bucketing', () => {
  it('converts UTC day strings both ways', () => {
    expect(dayString(dayNumber('2026-11-22'))).toBe('2026-11-22');
    expect(dayNumber('1970-01-02')).toBe(1);
  });

  it('levels are signed quarters of the largest absolute day', () => {
    expect(pnlLevel(0, 100)).toBe(0);
    expect(pnlLevel(1, 100)).toBe(1);
    expect(pnlLevel(25, 100)).toBe(1);
    expect(pnlLevel(26, 100)).toBe(2);
    expect(pnlLevel(100, 100)).toBe(4);
    expect(pnlLevel(-60, 100)).toBe(-3);
    expect(pnlLevel(5, 0)).toBe(0);
  });

  it('places days in week columns starting on Sunday, with UTC weekdays', () => {
    // 2026-11-22 is a Sunday.
    const grid = calendarGrid([
      { day: '2026-11-20', netPnl: -50, trades: 1 },
      { day: '2026-11-22', netPnl: 100, trades: 2 },
    ]);
    expect(grid.cells.map((c) => [c.day, c.week, c.weekday, c.level])).toEqual([
      ['2026-11-20', 0, 5, -2],
      ['2026-11-21', 0, 6, 0],
      ['2026-11-22', 1, 0, 4],
    ]);
    expect(grid.weeks).toBe(2);
    expect(grid.maxAbs).toBe(100);
    expect(grid.cells[1]?.netPnl).toBeNull();
    expect(grid.months).toEqual([{ label: 'Nov', week: 0 }]);
  });

  it('uses explicit bounds, ignores days outside them, and caps the number of weeks', () => {
    const from = dayNumber('2026-01-01');
    const to = dayNumber('2026-12-31');
    const grid = calendarGrid([{ day: '2025-12-31', netPnl: 1000, trades: 1 }, { day: '2026-06-01', netPnl: 10, trades: 1 }], { from, to }, 4);
    expect(grid.cells).toHaveLength(28);
    expect(grid.cells[0]?.day).toBe('2026-12-04');
    expect(grid.maxAbs).toBe(0);
    const full = calendarGrid([{ day: '2025-12-31', netPnl: 1000, trades: 1 }, { day: '2026-06-01', netPnl: 10, trades: 1 }], { from, to });
    expect(full.cells).toHaveLength(365);
    expect(full.maxAbs).toBe(10);
    expect(full.months.map((m) => m.label)).toEqual(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);
  });

  it('drops a month label that would collide with the next one', () => {
    // 2026-01-28 is a Wednesday; February starts on Sunday the 1st, one column later.
    const grid = calendarGrid([{ day: '2026-01-28', netPnl: 1, trades: 1 }, { day: '2026-03-02', netPnl: 1, trades: 1 }]);
    expect(grid.months).toEqual([{ label: 'Feb', week: 1 }, { label: 'Mar', week: 5 }]);
  });

  it('is empty without days or with a reversed range', () => {
    expect(calendarGrid([]).cells).toEqual([]);
    expect(calendarGrid([{ day: '2026-01-02', netPnl: 1, trades: 1 }], { from: 10, to: 5 }).cells).toEqual([]);
  });
});
