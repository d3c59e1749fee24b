import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Account } from '../../../../shared/domain/types';
import { AppError } from '../../../../shared/errors';
import type { Excursion } from '../../../../shared/journal/excursion';
import { rMultiple, riskOf } from '../../../../shared/journal/r-multiple';
import type { Position } from '../../../../shared/journal/types';
import type { Candle, CandleRange } from '../../../../shared/market/candles';
import { excursionMatches, positionFills, positionFunding } from '../../../db/review-queries';
import { useAppStore } from '../../../state/appStore';
import { useBooted } from '../../context';
import { formatDurationMs, formatNumber, formatPercent, formatSigned, formatTime, pnlClass } from '../format';
import { splitLabels } from '../notes/labels';
import { useJournalStore } from '../state/journalStore';
import { useTimeZone } from '../useTimeZone';
import { chartBars, chartMarkers } from './chartData';
import { loadCandles } from './loadCandles';
import { PositionChart, type PriceLevel } from './PositionChart';

interface Loaded {
  id: string;
  range: CandleRange;
  candles: Candle[];
  excursion: Excursion | null;
  status: 'cached' | 'complete' | 'error';
  error: string | null;
  /** ms from the request to the cached candles being ready (the chart's open time from the cache). */
  openMs: number;
}

/**
 * One position on its chart: candles (cache first, then the exchange), fills, funding, average
 * entry/exit and stop; MAE/MFE, holding time and R beside it. ←/→ (or k/j) step through the
 * positions list, Esc closes.
 */
export function PositionReview({ positions, accountOf }: { positions: readonly Position[]; accountOf: (id: string) => Account | undefined }) {
  const { db, writer, api } = useBooted();
  const zone = useTimeZone();
  const reviewId = useJournalStore((s) => s.reviewId);
  const index = positions.findIndex((p) => p.id === reviewId);
  const position = index >= 0 ? positions[index] : undefined;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const defaultRisk = useAppStore((s) => s.settings?.journal.defaultRisk ?? null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const target = e.target as HTMLElement | null;
      if (target !== null && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      const step = e.key === 'ArrowRight' || e.key === 'j' ? 1 : e.key === 'ArrowLeft' || e.key === 'k' ? -1 : 0;
      if (e.key === 'Escape') useJournalStore.getState().setReview(null);
      if (step === 0 || index < 0) return;
      const next = positions[index + step];
      if (next !== undefined) {
        e.preventDefault();
        useJournalStore.getState().setReview(next.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [positions, index]);

  const account = position === undefined ? undefined : accountOf(position.accountId);
  useEffect(() => {
    if (position === undefined || account === undefined) return undefined;
    let live = true;
    const started = performance.now();
    void loadCandles(db, writer, api, account, position).then((load) => {
      if (!live) return;
      const openMs = performance.now() - started;
      setLoaded({ id: position.id, range: load.range, candles: load.cached, excursion: null, status: 'cached', error: null, openMs });
      load.complete.then(
        ({ candles, excursion }) => { if (live) setLoaded({ id: position.id, range: load.range, candles, excursion, status: 'complete', error: null, openMs }); },
        (error: unknown) => { if (live) setLoaded((l) => l === null ? l : { ...l, status: 'error', error: error instanceof AppError ? error.message : 'Candles could not be loaded.' }); },
      );
    });
    return () => { live = false; };
  }, [db, writer, api, account, position]);

  const detail = useLiveQuery(async () => {
    if (position === undefined) return undefined;
    const [fills, funding, entry, stored] = await Promise.all([positionFills(db, position), positionFunding(db, position), db.journal.get(position.id), db.excursions.get(position.id)]);
    return { fills, funding, entry, stored: excursionMatches(stored, position) ? stored : undefined };
  }, [db, position]);

  const current = loaded !== null && position !== undefined && loaded.id === position.id ? loaded : null;
  const bars = useMemo(() => chartBars(current?.candles ?? [], zone), [current, zone]);
  const markers = useMemo(() => current === null || detail === undefined ? [] : chartMarkers(detail.fills, detail.funding, current.range.timeframe, zone), [current, detail, zone]);
  const stop = detail?.entry?.stopPrice ?? null;
  const levels = useMemo((): PriceLevel[] => {
    if (position === undefined) return [];
    const out: PriceLevel[] = [{ price: position.avgEntryPrice, title: 'avg entry', color: '#1c71d8', dashed: true }];
    if (position.avgExitPrice !== null) out.push({ price: position.avgExitPrice, title: 'avg exit', color: '#813d9c', dashed: true });
    if (stop !== null) out.push({ price: stop, title: 'stop', color: '#c01c28', dashed: false });
    return out;
  }, [position, stop]);

  if (position === undefined) return null;
  const x = current?.excursion ?? detail?.stored ?? null;
  const risk = riskOf(position, stop, defaultRisk);
  const r = position.closedAt === null ? null : rMultiple(position.netPnl, risk);
  const labels = splitLabels(detail?.entry?.tags ?? []);
  return (
    <section className="card stack" data-testid="position-review" data-position-id={position.id} data-open-ms={current === null ? undefined : Math.round(current.openMs)}>
      <div className="row">
        <h3 style={{ margin: 0 }}>{position.symbol} · {position.direction} · {formatTime(position.openedAt, zone).slice(0, 16)} → {position.closedAt === null ? 'open' : formatTime(position.closedAt, zone).slice(0, 16)} <span className="muted small">({zone})</span></h3>
        <span className="muted small">{index + 1} / {positions.length} · ←/→ to step, Esc to close</span>
        <button type="button" onClick={() => useJournalStore.getState().setReview(null)}>Close</button>
      </div>
      <div className="jr-tiles">
        <Stat label="Net P&L" value={`${formatSigned(position.netPnl)} ${position.quoteCurrency}`} className={pnlClass(position.netPnl)} testId="review-net" />
        <Stat label="MAE" value={x === null ? '—' : `${formatSigned(x.maeQuote)} (${formatPercent(x.maePct)})`} className="pnl-down" testId="review-mae" />
        <Stat label="MFE" value={x === null ? '—' : `${formatSigned(x.mfeQuote)} (${formatPercent(x.mfePct)})`} className="pnl-up" testId="review-mfe" />
        <Stat label="Holding time" value={formatDurationMs(position.durationMs)} />
        <Stat label="R" value={r === null ? '—' : `${r.toFixed(2)}R`} className={pnlClass(r)} testId="review-r" />
        <Stat label="Setups / mistakes" value={[...labels.setups, ...labels.mistakes.map((m) => `✗ ${m}`)].join(', ') || '—'} />
      </div>
      <StopInput key={position.id} stop={stop} onSave={(value) => writer.setPositionStop({ key: position.id, accountId: position.accountId }, value)} />
      {current?.status === 'error' && <p className="error small" role="alert" data-testid="review-error">{current.error}</p>}
      {current === null ? <p className="muted">Loading candles…</p> : (
        <>
          <PositionChart bars={bars} markers={markers} levels={levels} />
          <p className="muted small" data-testid="review-source">
            {current.range.timeframe} candles · {current.status === 'cached' ? 'from the cache, fetching the rest…' : current.status === 'complete' ? 'complete' : 'cached only'} · {formatNumber(position.avgEntryPrice, 8)} avg entry{position.avgExitPrice === null ? '' : ` · ${formatNumber(position.avgExitPrice, 8)} avg exit`}
          </p>
        </>
      )}
    </section>
  );
}

function Stat({ label, value, className = '', testId }: { label: string; value: string; className?: string; testId?: string }) {
  return <div className="jr-tile"><span className="muted small">{label}</span><span className={`jr-tile-value ${className}`} data-testid={testId}>{value}</span></div>;
}

/** The stop field: Enter or leaving it saves; one write per change (Enter then blur saves once). */
function StopInput({ stop, onSave }: { stop: number | null; onSave: (value: number | null) => Promise<unknown> }) {
  const [text, setText] = useState(stop === null ? '' : String(stop));
  const [error, setError] = useState<string | null>(null);
  // The last value sent or stored: a blur right after Enter must not write it again.
  const last = useRef<number | null>(stop);
  useEffect(() => {
    // Stored from elsewhere (another window): show it, unless the field is being edited to it anyway.
    if (stop !== last.current) {
      last.current = stop;
      setText(stop === null ? '' : String(stop));
    }
  }, [stop]);
  const save = (): void => {
    const trimmed = text.trim();
    const value = trimmed === '' ? null : Number(trimmed);
    if (value === last.current) return;
    const before = last.current;
    last.current = value;
    onSave(value).then(
      () => setError(null),
      (e: unknown) => {
        last.current = before;
        setError(e instanceof AppError ? e.message : 'Could not save the stop.');
      },
    );
  };
  return (
    <label className="row small">
      Stop (price, for R)
      <input inputMode="decimal" value={text} onChange={(e) => setText(e.target.value)} onBlur={save} onKeyDown={(e) => { if (e.key === 'Enter') save(); }} data-testid="review-stop" style={{ width: '9rem' }} />
      {error !== null && <span className="error">{error}</span>}
    </label>
  );
}
