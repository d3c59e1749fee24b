import { formatSigned } from '../format';
import { calendarGrid } from './calendar';
import type { CalendarDay } from './calendar';

const CELL = 13;
const GAP = 3;
const LEFT = 26;
const TOP = 16;
const WEEKDAYS = ['Sun', '', 'Tue', '', 'Thu', '', 'Sat'];

/** SVG P&L calendar: one square per day (in the trader's zone), green for winning days, red for losing, by size. */
export function CalendarHeatmap({ days, from, to, onDay }: { days: readonly CalendarDay[]; from?: number; to?: number; onDay?: (day: string) => void }) {
  const bounds: { from?: number; to?: number } = {};
  if (from !== undefined) bounds.from = from;
  if (to !== undefined) bounds.to = to;
  const grid = calendarGrid(days, bounds);
  if (grid.cells.length === 0) return <p className="muted small">No closed positions in this range.</p>;
  const width = LEFT + grid.weeks * (CELL + GAP);
  const height = TOP + 7 * (CELL + GAP);
  return (
    <svg className="jr-calendar" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label="P&L calendar" data-testid="pnl-calendar">
      {grid.months.map((m) => <text key={`${m.label}${m.week}`} x={LEFT + m.week * (CELL + GAP)} y={11} className="jr-cal-label">{m.label}</text>)}
      {WEEKDAYS.map((w, i) => w === '' ? null : <text key={w} x={0} y={TOP + i * (CELL + GAP) + CELL - 2} className="jr-cal-label">{w}</text>)}
      {grid.cells.map((c) => (
        <rect key={c.day} x={LEFT + c.week * (CELL + GAP)} y={TOP + c.weekday * (CELL + GAP)} width={CELL} height={CELL} rx={2}
          className={c.netPnl === null ? 'jr-cal-none' : `jr-cal-${c.level > 0 ? 'win' : c.level < 0 ? 'loss' : 'flat'}-${Math.abs(c.level)}`} data-day={c.day}
          data-trades={c.trades} onClick={onDay === undefined ? undefined : () => onDay(c.day)} style={onDay === undefined ? undefined : { cursor: 'pointer' }}>
          <title>{c.netPnl === null ? `${c.day}: no closes` : `${c.day}: ${formatSigned(c.netPnl)} (${c.trades} closed)`}</title>
        </rect>
      ))}
    </svg>
  );
}
