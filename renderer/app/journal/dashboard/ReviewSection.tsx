import { R_BINS } from '../../../../shared/journal/r-multiple';
import type { LabelStats } from '../../../../shared/journal/setup-stats';
import { playbookKey } from '../../../db/journal-entries';
import { BarChart } from '../../common/BarChart';
import { useJournalStore } from '../state/journalStore';
import { NO_SETUP } from '../../../../shared/journal/setup-stats';
import { formatPercent, formatSigned, pnlClass } from '../format';
import type { ReviewStats } from './reviewStats';

/** Expectancy in R, the R distribution, and results per setup and per mistake. */
export function ReviewSection({ stats }: { stats: ReviewStats }) {
  const { r } = stats;
  return (
    <div className="jr-two">
      <section className="card" data-testid="r-stats">
        <h3>R-multiples</h3>
        {r.count === 0 ? <p className="muted small">No position has a risk yet: set a stop on a position's chart, or a default risk per trade in Settings.</p> : (
          <>
            <p>
              Expectancy <strong className={pnlClass(r.expectancyR)} data-testid="r-expectancy">{r.expectancyR === null ? '—' : `${r.expectancyR.toFixed(2)}R`}</strong>
              {' '}over <span data-testid="r-count">{r.count}</span> positions · total {r.totalR.toFixed(2)}R
            </p>
            <BarChart bars={R_BINS.map((label, i) => ({ label, value: r.distribution[i] ?? 0 }))} format={(v) => `${v} positions`} height={80} testId="r-distribution" />
            <div className="row small muted spread">{R_BINS.map((b) => <span key={b}>{b}</span>)}</div>
          </>
        )}
      </section>
      <section className="card jr-overflow">
        <h3>By setup</h3>
        <LabelTable rows={stats.setups} testId="by-setup" onName={openPlaybook} />
        <p className="muted small">Click a setup to write its playbook (its rules).</p>
        {stats.mistakes.length > 0 && (
          <>
            <h3>By mistake</h3>
            <LabelTable rows={stats.mistakes} testId="by-mistake" />
          </>
        )}
      </section>
    </div>
  );
}

function openPlaybook(name: string): void {
  if (name === NO_SETUP) return;
  useJournalStore.getState().editTarget({ key: playbookKey(name), kind: 'playbook', accountId: '*', label: `Playbook · ${name}` });
}

function LabelTable({ rows, testId, onName }: { rows: LabelStats[]; testId: string; onName?: (name: string) => void }) {
  return (
    <table className="table" data-testid={testId}>
      <thead><tr><th>Name</th><th>Closed</th><th>Win rate</th><th>Expectancy</th><th>Profit factor</th><th>Avg R</th><th>Net P&amp;L</th></tr></thead>
      <tbody>
        {rows.map((s) => (
          <tr key={s.name} data-label={s.name}>
            <td>{onName === undefined || s.name === NO_SETUP ? s.name : <button type="button" className="link" onClick={() => onName(s.name)}>{s.name}</button>}</td>
            <td className="num">{s.trades}</td>
            <td className="num">{formatPercent(s.winRate)}</td>
            <td className={`num ${pnlClass(s.expectancy)}`}>{formatSigned(s.expectancy)}</td>
            <td className="num">{s.profitFactor === null ? '—' : Number.isFinite(s.profitFactor) ? s.profitFactor.toFixed(2) : '∞'}</td>
            <td className="num">{s.expectancyR === null ? '—' : `${s.expectancyR.toFixed(2)}R`}</td>
            <td className={`num ${pnlClass(s.netPnl)}`}>{formatSigned(s.netPnl)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
