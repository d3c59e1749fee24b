import { DAY_MS } from '../../../db/aggregates';

/**
 * P&L calendar bucketing (pure): UTC days -> a week-column x weekday-row grid, GitHub style,
 * with a colour level per day from its net P&L relative to the range's largest absolute day.
 */
export interface CalendarDay {
  /** `YYYY-MM-DD` (UTC), as computeStats' calendar gives it. */
  day: string;
  netPnl: number;
  trades: number;
}

export interface CalendarCell {
  day: string;
  /** Column: weeks since the Sunday on or before the first day. */
  week: number;
  /** Row: UTC weekday, 0 = Sunday. */
  weekday: number;
  /** null = no closed position that day. */
  netPnl: number | null;
  trades: number;
  /** -4..4: sign = loss/win, magnitude = share of the largest absolute day (0 = none or flat). */
  level: number;
}

export interface CalendarGrid {
  cells: CalendarCell[];
  weeks: number;
  /** First column of each month, for labels. */
  months: { label: string; week: number }[];
  maxAbs: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

export function dayNumber(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

export function dayString(dayNum: number): string {
  return new Date(dayNum * DAY_MS).toISOString().slice(0, 10);
}

/** Level of one day: 0 for flat, else 1..4 in steps of a quarter of maxAbs, signed. */
export function pnlLevel(pnl: number, maxAbs: number): number {
  if (maxAbs <= 0 || pnl === 0) return 0;
  const step = Math.min(4, Math.max(1, Math.ceil((Math.abs(pnl) / maxAbs) * 4)));
  return pnl > 0 ? step : -step;
}

/**
 * The grid from `from` to `to` (inclusive day numbers; default: the data's first/last day),
 * keeping only the last `maxWeeks` weeks so a long range stays readable.
 */
export function calendarGrid(days: readonly CalendarDay[], bounds: { from?: number; to?: number } = {}, maxWeeks = 53): CalendarGrid {
  const byDay = new Map(days.map((d) => [dayNumber(d.day), d]));
  const nums = [...byDay.keys()];
  const last = bounds.to ?? (nums.length === 0 ? undefined : Math.max(...nums));
  let first = bounds.from ?? (nums.length === 0 ? undefined : Math.min(...nums));
  if (first === undefined || last === undefined || last < first) return { cells: [], weeks: 0, months: [], maxAbs: 0 };
  first = Math.max(first, last - maxWeeks * 7 + 1);
  // Day 0 (1970-01-01) was a Thursday: weekday = (n + 4) mod 7.
  const weekday = (n: number) => (((n + 4) % 7) + 7) % 7;
  const start = first - weekday(first);
  let maxAbs = 0;
  for (const [n, d] of byDay) if (n >= first && n <= last) maxAbs = Math.max(maxAbs, Math.abs(d.netPnl));
  const cells: CalendarCell[] = [];
  const months: { label: string; week: number }[] = [];
  for (let n = first; n <= last; n++) {
    const d = byDay.get(n);
    const day = dayString(n);
    const week = Math.floor((n - start) / 7);
    if (n === first || day.endsWith('-01')) {
      const label = MONTHS[Number(day.slice(5, 7)) - 1] ?? '';
      const previous = months[months.length - 1];
      // A label needs ~2 columns: a month starting right after a partial first one replaces it.
      if (previous !== undefined && week - previous.week < 2) months[months.length - 1] = { label, week };
      else if (previous?.week !== week) months.push({ label, week });
    }
    cells.push({ day, week, weekday: weekday(n), netPnl: d?.netPnl ?? null, trades: d?.trades ?? 0, level: d === undefined ? 0 : pnlLevel(d.netPnl, maxAbs) });
  }
  return { cells, weeks: Math.floor((last - start) / 7) + 1, months, maxAbs };
}
