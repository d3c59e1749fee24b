import { useBooted } from '../../context';
import { pairKey } from './computeSymbol';
import type { SymbolPair } from './computeSymbol';
import { stalePairs, usePositionsStore } from './positionsStore';

/** Status and controls of the positions replay for the current selection. */
export function ComputeBar({ pairs, auto }: { pairs: readonly SymbolPair[]; auto: boolean }) {
  const { db } = useBooted();
  const results = usePositionsStore((s) => s.results);
  const progress = usePositionsStore((s) => s.progress);
  const error = usePositionsStore((s) => s.error);
  const allFailures = usePositionsStore((s) => s.failures);
  const failures = pairs.map((p) => allFailures[pairKey(p.accountId, p.symbol)]).filter((f): f is string => f !== undefined);
  const stale = stalePairs(results, pairs);
  const run = (force: boolean) => void usePositionsStore.getState().ensure(db, pairs, force);
  if (pairs.length === 0) return <p className="muted">No trades for this selection yet.</p>;
  return (
    <div className="row jr-compute" data-testid="compute-bar">
      {progress !== null ? (
        <>
          <span>Computing positions: {progress.done} / {progress.total} symbols…</span>
          <button type="button" onClick={() => usePositionsStore.getState().cancel()}>Cancel</button>
        </>
      ) : stale.length > 0 ? (
        <>
          <span className="muted">{stale.length === pairs.length ? 'Positions not computed yet' : `${stale.length} of ${pairs.length} symbols changed since the last computation`}{auto ? '' : ` (replays each symbol's fills in time order)`}.</span>
          <button type="button" className="primary" onClick={() => run(false)} data-testid="compute-positions">Compute {stale.length} symbol{stale.length === 1 ? '' : 's'}</button>
        </>
      ) : (
        <>
          <span className="muted small">Positions are current for {pairs.length} symbol{pairs.length === 1 ? '' : 's'}.</span>
          <button type="button" className="link" onClick={() => run(true)}>Recompute</button>
        </>
      )}
      {error !== null && <span className="error" role="alert">{error}</span>}
      {failures.length > 0 && (
        <details className="error small" data-testid="compute-failures">
          <summary>{failures.length} symbol{failures.length === 1 ? '' : 's'} could not be computed</summary>
          <ul>{failures.slice(0, 20).map((f) => <li key={f}>{f}</li>)}</ul>
        </details>
      )}
    </div>
  );
}
