import { useEffect, useRef, useState } from 'react';
import type { Account } from '../../../../shared/domain/types';
import { AppError } from '../../../../shared/errors';
import type { Position } from '../../../../shared/journal/types';
import { useBooted } from '../../context';
import { fillExcursions } from './fillExcursions';

/** "MAE/MFE for these positions": fetches what the candle cache lacks, one position at a time. */
export function ExcursionFiller({ positions, accountOf }: { positions: readonly Position[]; accountOf: (id: string) => Account | undefined }) {
  const { db, writer, api } = useBooted();
  const [state, setState] = useState<{ done: number; total: number; running: boolean; error: string | null } | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);
  const start = (): void => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setState({ done: 0, total: 0, running: true, error: null });
    fillExcursions(db, writer, api, accountOf, positions, (done, total) => setState({ done, total, running: true, error: null }), controller.signal).then(
      () => setState((s) => (s === null ? s : { ...s, running: false })),
      (e: unknown) => setState((s) => ({ done: s?.done ?? 0, total: s?.total ?? 0, running: false, error: e instanceof AppError ? e.message : 'Candles could not be loaded.' })),
    );
  };
  return (
    <span className="row small">
      <button type="button" onClick={start} disabled={state?.running === true} data-testid="fill-excursions">MAE/MFE for the positions shown</button>
      {state !== null && <span className="muted" data-testid="fill-excursions-status">{state.running ? `${state.done} of ${state.total}…` : `${state.done} of ${state.total} computed`}</span>}
      {state?.error != null && <span className="error">{state.error}</span>}
    </span>
  );
}
