import type { GroupStats } from '../../../../shared/journal/stats';
import type { DashboardFigures } from './useDashboardStats';
import { formatPercent, formatSigned, pnlClass } from '../format';

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** Per-symbol, per-weekday and per-hour results (weekday and hour of the close, in the trader's zone). */
export function Breakdowns({ stats, zone }: { stats: DashboardFigures; zone: string }) {
  return (
    <div className="jr-two">
      <section className="card jr-overflow">
        <h3>By symbol</h3>
        <GroupTable first="Symbol" rows={[...stats.bySymbol].sort((a, b) => b.netPnl - a.netPnl).map((s) => ({ name: s.symbol, group: s }))} testId="by-symbol" />
      </section>
      <section className="card jr-overflow">
        <h3>By weekday ({zone})</h3>
        <GroupTable first="Weekday" rows={stats.byWeekday.map((w) => ({ name: WEEKDAY_NAMES[w.weekday] ?? String(w.weekday), group: w }))} testId="by-weekday" />
      </section>
      <section className="card jr-overflow">
        <h3>By hour of the close ({zone})</h3>
        <GroupTable first="Hour" rows={stats.byHour.filter((h) => h.trades > 0).map((h) => ({ name: `${String(h.hour).padStart(2, '0')}:00`, group: h }))} testId="by-hour" />
      </section>
    </div>
  );
}

function GroupTable({ first, rows, testId }: { first: string; rows: { name: string; group: GroupStats }[]; testId: string }) {
  return (
    <table className="table" data-testid={testId}>
      <thead><tr><th>{first}</th><th>Closed</th><th>Win rate</th><th>Net P&amp;L</th></tr></thead>
      <tbody>
        {rows.map(({ name, group }) => (
          <tr key={name}>
            <td>{name}</td>
            <td className="num">{group.trades}</td>
            <td className="num">{formatPercent(group.trades === 0 ? null : group.wins / group.trades)}</td>
            <td className={`num ${pnlClass(group.netPnl)}`}>{formatSigned(group.netPnl)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
