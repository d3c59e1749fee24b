import { useLiveQuery } from 'dexie-react-hooks';
import { dailyTotals } from '../../../db/queries';
import { zoneClock } from '../../../../shared/time/zone';
import { BarChart } from '../../common/BarChart';
import { useBooted } from '../../context';
import { dateRange } from '../filters';
import { formatNumber } from '../format';
import { useJournalStore } from '../state/journalStore';
import { useTimeZone } from '../useTimeZone';
import { dayString } from './calendar';

const DAYS_SHOWN = 60;

/**
 * Fills and volume per day of one account, from the stats tables (never the trades): days of the
 * trader's zone from the quarter-hour totals; with a symbol chosen, UTC days (per-symbol totals
 * are kept per UTC day; docs/REVIEW.md "Your timezone").
 */
export function DailyActivity({ accountId, symbol }: { accountId: string; symbol: string | null }) {
  const { db } = useBooted();
  const filters = useJournalStore((s) => s.filters);
  const timeZone = useTimeZone();
  const zone = symbol === null ? timeZone : 'UTC';
  const clock = zoneClock(zone);
  const range = dateRange(filters, zone);
  const toDay = clock.parts(range.to ?? Date.now()).dayNumber;
  const fromDay = Math.max(range.from === undefined ? -Infinity : clock.parts(range.from).dayNumber, toDay - DAYS_SHOWN + 1);
  const days = useLiveQuery(() => dailyTotals(db, accountId, fromDay, toDay, symbol ?? undefined, symbol === null ? zone : undefined), [db, accountId, fromDay, toDay, symbol, zone]);
  if (days === undefined || days.length === 0) return null;
  const byDay = new Map(days.map((d) => [d.day, d]));
  const span: number[] = [];
  for (let d = fromDay; d <= toDay; d++) span.push(d);
  return (
    <section className="card jr-two" data-testid="daily-activity">
      <div>
        <h4>Fills per day (last {span.length} days, {zone})</h4>
        <BarChart bars={span.map((d) => ({ label: dayString(d), value: byDay.get(d)?.count ?? 0 }))} format={(v) => `${v} fills`} testId="fills-per-day" />
      </div>
      <div>
        <h4>Volume per day</h4>
        <BarChart bars={span.map((d) => ({ label: dayString(d), value: byDay.get(d)?.volume ?? 0 }))} format={(v) => formatNumber(v, 2)} />
      </div>
    </section>
  );
}
