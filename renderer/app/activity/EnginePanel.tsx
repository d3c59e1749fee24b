import { unwrap } from '../../bridge/api';
import { useAppStore } from '../../state/appStore';
import { useAction } from '../common/useAction';
import { useBooted } from '../context';

/** Circuit breakers per exchange endpoint group (with reset) and limiter usage per rate bucket. */
export function EnginePanel() {
  const { api } = useBooted();
  const engine = useAppStore((s) => s.engine);
  const reset = useAction(async (group: string) => useAppStore.getState().setEngine(await unwrap(api.sync.resetBreaker({ group }))));
  const pause = useAction(async (paused: boolean) => useAppStore.getState().setEngine(await unwrap(api.sync.setBackgroundPaused({ paused }))));
  if (engine === null) return <section className="card"><p className="muted">Waiting for the sync engine…</p></section>;
  return (
    <section className="card" data-testid="engine-panel">
      <div className="row spread">
        <h3>Sync engine</h3>
        <div className="row">
          {!engine.online && <span className="pill pill-paused">Offline</span>}
          <button type="button" onClick={() => void pause.run(!engine.backgroundPaused)} data-testid="toggle-background">
            {engine.backgroundPaused ? 'Resume background sync' : 'Pause background sync'}
          </button>
        </div>
      </div>
      <h4>Rate limits</h4>
      {engine.limiters.length === 0 ? <p className="muted small">No exchange contacted yet.</p> : (
        <ul className="meters">
          {engine.limiters.map((l) => (
            <li key={l.bucket} data-testid="limiter">
              <span>{l.bucket}</span>
              <div className="bar"><div style={{ width: `${Math.min(100, (100 * l.used) / Math.max(1, l.limit))}%` }} /></div>
              <span className="small">{l.used.toLocaleString()} / {l.limit.toLocaleString()} per {Math.round(l.windowMs / 1000)}s
                {l.pausedUntil !== null && ` · paused until ${new Date(l.pausedUntil).toLocaleTimeString()}`}</span>
            </li>
          ))}
        </ul>
      )}
      <h4>Circuit breakers</h4>
      {engine.breakers.length === 0 ? <p className="muted small">All endpoints healthy.</p> : (
        <ul className="meters">
          {engine.breakers.map((b) => (
            <li key={b.group} data-testid="breaker" data-phase={b.phase}>
              <span>{b.group}</span>
              <span className={`pill pill-breaker-${b.phase}`}>{b.phase.replace('_', '-')}</span>
              <span className="small">{b.consecutiveFailures} failures{b.reopensAt !== null ? ` · trial at ${new Date(b.reopensAt).toLocaleTimeString()}` : ''}</span>
              {b.phase !== 'closed' && <button type="button" onClick={() => void reset.run(b.group)} data-testid="reset-breaker">Reset</button>}
            </li>
          ))}
        </ul>
      )}
      {(reset.error ?? pause.error) !== null && <p className="error">{reset.error ?? pause.error}</p>}
    </section>
  );
}
