import { utcDayOf, type ClosedQuarter, type ClosedSymbolDay } from './closed-buckets';

/**
 * The quarter rows (closedQuarters) of one account and UTC day, packed column by column into one
 * record (`closedQuarterDays`, schema v10): the dashboard reads these instead of one record per
 * quarter hour, since Chromium's IndexedDB costs per record handed to the page, not per byte
 * (docs/BENCHMARKS.md, review section). `largestWin`/`largestLoss` are NaN where null.
 */
export interface QuarterDay {
  accountId: string;
  /** UTC day number. */
  day: number;
  qh: Float64Array;
  quoteCurrency: string[];
  trades: Float64Array;
  wins: Float64Array;
  losses: Float64Array;
  breakEvens: Float64Array;
  netPnl: Float64Array;
  grossWin: Float64Array;
  grossLoss: Float64Array;
  fees: Float64Array;
  funding: Float64Array;
  largestWin: Float64Array;
  largestLoss: Float64Array;
}

/** The pack of these rows (all of one account and UTC day), in key order (quarter hour, then quote currency). */
export function quarterDayOf(accountId: string, day: number, rows: readonly ClosedQuarter[]): QuarterDay {
  const s = [...rows].sort((a, b) => a.qh - b.qh || (a.quoteCurrency < b.quoteCurrency ? -1 : a.quoteCurrency > b.quoteCurrency ? 1 : 0));
  const col = (f: (q: ClosedQuarter) => number): Float64Array => Float64Array.from(s, f);
  return {
    accountId, day, qh: col((q) => q.qh), quoteCurrency: s.map((q) => q.quoteCurrency),
    trades: col((q) => q.trades), wins: col((q) => q.wins), losses: col((q) => q.losses), breakEvens: col((q) => q.breakEvens),
    netPnl: col((q) => q.netPnl), grossWin: col((q) => q.grossWin), grossLoss: col((q) => q.grossLoss), fees: col((q) => q.fees), funding: col((q) => q.funding),
    largestWin: col((q) => q.largestWin ?? Number.NaN), largestLoss: col((q) => q.largestLoss ?? Number.NaN),
  };
}

/** Every pack of these rows (schema upgrade, benches). */
export function quarterDaysOf(rows: readonly ClosedQuarter[]): QuarterDay[] {
  const groups = new Map<string, { accountId: string; day: number; rows: ClosedQuarter[] }>();
  for (const q of rows) {
    const day = utcDayOf(q.qh);
    const k = JSON.stringify([q.accountId, day]);
    const g = groups.get(k);
    if (g === undefined) groups.set(k, { accountId: q.accountId, day, rows: [q] });
    else g.rows.push(q);
  }
  return [...groups.values()].map((g) => quarterDayOf(g.accountId, g.day, g.rows));
}

function orNull(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

/** The rows of a pack whose quarter hour is in [lo, hi), appended to `out`. */
export function unpackQuarterDay(p: QuarterDay, lo: number, hi: number, out: ClosedQuarter[]): void {
  p.quoteCurrency.forEach((quoteCurrency, i) => {
    const qh = p.qh[i] ?? 0;
    if (qh < lo || qh >= hi) return;
    out.push({
      accountId: p.accountId, qh, quoteCurrency, trades: p.trades[i] ?? 0, wins: p.wins[i] ?? 0, losses: p.losses[i] ?? 0, breakEvens: p.breakEvens[i] ?? 0,
      netPnl: p.netPnl[i] ?? 0, grossWin: p.grossWin[i] ?? 0, grossLoss: p.grossLoss[i] ?? 0, fees: p.fees[i] ?? 0, funding: p.funding[i] ?? 0,
      largestWin: orNull(p.largestWin[i] ?? Number.NaN), largestLoss: orNull(p.largestLoss[i] ?? Number.NaN),
    });
  });
}

/**
 * The per-symbol rows (closedSymbolDays) of one account and UTC day packed into one record
 * (`closedSymbolDayPacks`, schema v10), for the same reason as QuarterDay.
 */
export interface SymbolDayPack {
  accountId: string;
  day: number;
  symbol: string[];
  trades: Float64Array;
  wins: Float64Array;
  losses: Float64Array;
  breakEvens: Float64Array;
  netPnl: Float64Array;
  grossWin: Float64Array;
  grossLoss: Float64Array;
}

/** The pack of these rows (all of one account and UTC day), in symbol order. */
export function symbolDayPackOf(accountId: string, day: number, rows: readonly ClosedSymbolDay[]): SymbolDayPack {
  const s = [...rows].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  const col = (f: (d: ClosedSymbolDay) => number): Float64Array => Float64Array.from(s, f);
  return {
    accountId, day, symbol: s.map((d) => d.symbol), trades: col((d) => d.trades), wins: col((d) => d.wins), losses: col((d) => d.losses),
    breakEvens: col((d) => d.breakEvens), netPnl: col((d) => d.netPnl), grossWin: col((d) => d.grossWin), grossLoss: col((d) => d.grossLoss),
  };
}

/** Every pack of these rows (schema upgrade, benches). */
export function symbolDayPacksOf(rows: readonly ClosedSymbolDay[]): SymbolDayPack[] {
  const groups = new Map<string, { accountId: string; day: number; rows: ClosedSymbolDay[] }>();
  for (const d of rows) {
    const k = JSON.stringify([d.accountId, d.day]);
    const g = groups.get(k);
    if (g === undefined) groups.set(k, { accountId: d.accountId, day: d.day, rows: [d] });
    else g.rows.push(d);
  }
  return [...groups.values()].map((g) => symbolDayPackOf(g.accountId, g.day, g.rows));
}

/** The rows of a pack, appended to `out`. */
export function unpackSymbolDays(p: SymbolDayPack, out: ClosedSymbolDay[]): void {
  p.symbol.forEach((symbol, i) => {
    out.push({
      accountId: p.accountId, day: p.day, symbol, trades: p.trades[i] ?? 0, wins: p.wins[i] ?? 0, losses: p.losses[i] ?? 0, breakEvens: p.breakEvens[i] ?? 0,
      netPnl: p.netPnl[i] ?? 0, grossWin: p.grossWin[i] ?? 0, grossLoss: p.grossLoss[i] ?? 0,
    });
  });
}
