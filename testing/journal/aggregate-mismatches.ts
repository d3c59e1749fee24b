import type { AggregateStats } from '../../shared/journal/aggregate-stats';
import { quarterHourOf } from '../../shared/journal/closed-buckets';
import { computeStats, type GroupStats, type StatsFilter, type StatsOptions } from '../../shared/journal/stats';
import type { Position } from '../../shared/journal/types';

/**
 * Test-only: every difference between stats read from the aggregates and computeStats over the
 * same positions ([] when they agree). Counts and maxima compare exactly, sums to 1e-9 relative
 * (they are added in another order). The equity curve and drawdowns are checked against
 * computeStats' curve sampled at the last close of each quarter hour (their documented resolution).
 */
export function aggregateMismatches(got: AggregateStats, positions: readonly Position[], filter: StatsFilter = {}, options: StatsOptions = {}): string[] {
  const want = computeStats(positions, filter, options);
  const out: string[] = [];
  const close = (a: number | null, b: number | null): boolean =>
    a === b || (a !== null && b !== null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));
  const group = (name: string, g: GroupStats | undefined, w: GroupStats | undefined): void => {
    if (g === undefined || w === undefined) {
      if (g !== w) out.push(`${name}: ${g === undefined ? 'missing' : 'extra'}`);
      return;
    }
    for (const f of ['trades', 'wins', 'losses', 'breakEvens'] as const) if (g[f] !== w[f]) out.push(`${name}.${f}: ${g[f]} != ${w[f]}`);
    for (const f of ['netPnl', 'grossWin', 'grossLoss'] as const) if (!close(g[f], w[f])) out.push(`${name}.${f}: ${g[f]} != ${w[f]}`);
  };
  group('total', got, want);
  for (const f of ['winRate', 'profitFactor', 'expectancy', 'avgWin', 'avgLoss', 'fees', 'funding'] as const) {
    if (!close(got[f], want[f])) out.push(`${f}: ${String(got[f])} != ${String(want[f])}`);
  }
  if (got.largestWin !== want.largestWin) out.push(`largestWin: ${String(got.largestWin)} != ${String(want.largestWin)}`);
  if (got.largestLoss !== want.largestLoss) out.push(`largestLoss: ${String(got.largestLoss)} != ${String(want.largestLoss)}`);
  if (got.quoteCurrencies.join() !== want.quoteCurrencies.join()) out.push(`quoteCurrencies: ${got.quoteCurrencies.join()} != ${want.quoteCurrencies.join()}`);
  if (got.calendar.map((d) => d.day).join() !== want.calendar.map((d) => d.day).join()) out.push(`calendar days: ${got.calendar.map((d) => d.day).join()} != ${want.calendar.map((d) => d.day).join()}`);
  else got.calendar.forEach((d, i) => group(`calendar ${d.day}`, d, want.calendar[i]));
  if (got.bySymbol.map((s) => s.symbol).join() !== want.bySymbol.map((s) => s.symbol).join()) out.push(`symbols: ${got.bySymbol.map((s) => s.symbol).join()} != ${want.bySymbol.map((s) => s.symbol).join()}`);
  else got.bySymbol.forEach((s, i) => group(`symbol ${s.symbol}`, s, want.bySymbol[i]));
  got.byWeekday.forEach((w, i) => group(`weekday ${i}`, w, want.byWeekday[i]));
  got.byHour.forEach((h, i) => group(`hour ${i}`, h, want.byHour[i]));

  // computeStats' curve sampled at each quarter hour's last close.
  const sampled: { t: number; equity: number }[] = [];
  for (const p of want.equityCurve) {
    const qh = quarterHourOf(p.t);
    const last = sampled[sampled.length - 1];
    if (last !== undefined && last.t === qh) last.equity = p.equity;
    else sampled.push({ t: qh, equity: p.equity });
  }
  if (got.equityCurve.length !== sampled.length) out.push(`equity points: ${got.equityCurve.length} != ${sampled.length}`);
  let peak = options.startingEquity ?? 0;
  let maxDrawdown = 0;
  sampled.forEach((s, i) => {
    const g = got.equityCurve[i];
    if (g === undefined || g.t !== s.t || !close(g.equity, s.equity)) out.push(`equity at ${s.t}: ${String(g?.equity)} != ${s.equity}`);
    peak = Math.max(peak, s.equity);
    maxDrawdown = Math.max(maxDrawdown, peak - s.equity);
  });
  if (!close(got.maxDrawdown, maxDrawdown)) out.push(`maxDrawdown: ${got.maxDrawdown} != ${maxDrawdown} (per quarter hour)`);
  if (got.maxDrawdown > want.maxDrawdown + 1e-9) out.push(`maxDrawdown ${got.maxDrawdown} above the per-close ${want.maxDrawdown}`);
  return out;
}
