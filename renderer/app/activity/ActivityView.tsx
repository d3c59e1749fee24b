import { useLiveQuery } from 'dexie-react-hooks';
import { syncMetrics } from '../../../shared/sync/metrics';
import { formatDuration } from '../accounts/status';
import { BarChart } from '../common/BarChart';
import { useBooted } from '../context';
import { EnginePanel } from './EnginePanel';
import { JobsTable } from './JobsTable';

const RECENT = 200;

export function ActivityView() {
  const { db } = useBooted();
  const logs = useLiveQuery(() => db.syncLogs.orderBy('startedAt').reverse().limit(RECENT).toArray(), [db]);
  const accounts = useLiveQuery(() => db.accounts.toArray(), [db]);
  const labels = new Map((accounts ?? []).map((a) => [a.id, a.label]));
  const metrics = logs === undefined ? null : syncMetrics(logs);
  return (
    <div className="stack" data-testid="activity">
      <EnginePanel />
      {metrics !== null && (
        <section className="card metrics">
          <div>
            <h4>Success rate per day</h4>
            <BarChart testId="success-chart" bars={metrics.successByDay.slice(-14).map((d) => ({ label: d.day, value: d.rate === null ? null : d.rate * 100 }))} max={100} format={(v) => `${v.toFixed(0)}%`} />
          </div>
          <div><h4>Mean time to recover</h4><p className="big" data-testid="mttr">{metrics.meanTimeToRecoverMs === null ? '—' : formatDuration(metrics.meanTimeToRecoverMs)}</p></div>
          <div><h4>Average duration</h4><p className="big" data-testid="avg-duration">{metrics.averageDurationMs === null ? '—' : formatDuration(metrics.averageDurationMs)}</p></div>
        </section>
      )}
      <JobsTable logs={logs ?? []} labels={labels} />
    </div>
  );
}
