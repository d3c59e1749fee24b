import { useBooted } from '../../context';
import { pairKey } from './pairs';
import type { SymbolPair } from './pairs';
import { usePositionsStore } from './positionsStore';

/**
 * Where the stored positions of the selection stand. They are kept current by every commit; a
 * symbol whose fills arrived out of time order (an import of older history, a purge) is replayed
 * by the store worker in the background, and "Recompute now" has it do so at once (also for failures).
 */
export function ComputeBar({ pairs }: { pairs: readonly SymbolPair[] }) {
  const { writer } = useBooted();
  const results = usePositionsStore((s) => s.results);
  const progress = usePositionsStore((s) => s.progress);
  const error = usePositionsStore((s) => s.error);
  const recomputing = usePositionsStore((s) => s.recomputing);
  const stale = pairs.filter((p) => p.status === 'stale');
  const failed = pairs.filter((p) => p.status === 'failed');
  const failures = failed.map((p) => `${p.symbol}: ${results[pairKey(p.accountId, p.symbol)]?.error ?? 'could not be computed'}`);
  if (pairs.length === 0) return <p className="muted">No trades for this selection yet.</p>;
  const recompute = () => void usePositionsStore.getState().recompute(writer, [...stale, ...failed]);
  return (
    <div className="row jr-compute" data-testid="compute-bar" data-stale={stale.length} data-failed={failed.length}>
      {progress !== null && progress.total > 3 && <span className="muted small">Reading positions: {progress.done} / {progress.total} symbols…</span>}
      {recomputing ? (
        <span>Recomputing {stale.length + failed.length} symbol{stale.length + failed.length === 1 ? '' : 's'}…</span>
      ) : stale.length > 0 ? (
        <>
          <span className="muted">{stale.length} of {pairs.length} symbols are being recomputed (fills arrived out of time order); their positions may be out of date.</span>
          <button type="button" onClick={recompute} data-testid="compute-positions">Recompute now</button>
        </>
      ) : (
        <span className="muted small" data-testid="positions-current">Positions are current for {pairs.length - failed.length} of {pairs.length} symbol{pairs.length === 1 ? '' : 's'}.</span>
      )}
      {error !== null && <span className="error" role="alert">{error}</span>}
      {failures.length > 0 && (
        <details className="error small" data-testid="compute-failures">
          <summary>{failures.length} symbol{failures.length === 1 ? '' : 's'} could not be computed</summary>
          <ul>{failures.slice(0, 20).map((f) => <li key={f}>{f}</li>)}</ul>
          {!recomputing && <button type="button" className="link" onClick={recompute}>Try again</button>}
        </details>
      )}
    </div>
  );
}
