import { useLiveQuery } from 'dexie-react-hooks';
import { dailyTotals } from '../../../db/queries';
import { utcDay } from '../../../db/aggregates';
import { BarChart } from '../../common/BarChart';
import { useBooted } from '../../context';
import { dateRange } from '../filters';
import { formatNumber } from '../format';
import { useJournalStore } from '../state/journalStore';
import { dayString } from './calendar';

const DAYS_SHOWN = 60;

/** Fills and volume per UTC day of one account, from the dailyStats table (never the trades). */
export function DailyActivity({ accountId, symbol }: { accountId: string; symbol: string | null }) {
  const { db } = useBooted();
  const filters = useJournalStore((s) => s.filters);
  const range = dateRange(filters);
  const toDay = utcDay(range.to ?? Date.now());
  const fromDay = Math.max(range.from === undefined ? -Infinity : utcDay(range.from), toDay - DAYS_SHOWN + 1);
  const days = useLiveQuery(() => dailyTotals(db, accountId, fromDay, toDay, symbol ?? undefined), [db, accountId, fromDay, toDay, symbol]);
  if (days === undefined || days.length === 0) return null;
  const byDay = new Map(days.map((d) => [d.day, d]));
  const span: number[] = [];
  for (let d = fromDay; d <= toDay; d++) span.push(d);
  return (
    <section className="card jr-two" data-testid="daily-activity">
      <div>
        <h4>Fills per day (last {span.length} days, UTC)</h4>
        <BarChart bars={span.map((d) => ({ label: dayString(d), value: byDay.get(d)?.count ?? 0 }))} format={(v) => `${v} fills`} />
      </div>
      <div>
        <h4>Volume per day</h4>
        <BarChart bars={span.map((d) => ({ label: dayString(d), value: byDay.get(d)?.volume ?? 0 }))} format={(v) => formatNumber(v, 2)} />
      </div>
    </section>
  );
}
