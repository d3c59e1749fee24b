/**
 * Where imported closed P&L records (shared/domain/closed-pnl-row.ts) have no stored fills around
 * them: each record is the exchange's summary of a close, so a close the journal has no closing
 * fill for means the position's fills are missing (beyond the API's horizon, or never imported).
 * The coverage map shows each such run of records as a gap whose fix is the trade history export
 * for its date range (docs/EXPORTS.md, "The coverage map").
 */

import { firstIndexAtLeast } from '../sorted';

/** A record is covered by a stored fill of its symbol at most this far from its close time: the current export writes minutes only. */
export const CLOSE_FILL_TOLERANCE_MS = 60_000;

export interface ClosedPnlTime {
  symbol: string;
  closedAt: number;
}

export interface UncoveredCloses {
  from: number;
  to: number;
  records: number;
}

export interface ClosedPnlCoverage {
  symbol: string;
  first: number;
  last: number;
  records: number;
  /** Runs of consecutive records (in close order) with no stored fill around them. */
  uncovered: UncoveredCloses[];
}

/** True when the sorted `times` hold one within `tolerance` of `t` (binary search). */
export function hasTimeNear(times: readonly number[], t: number, tolerance: number): boolean {
  const found = times[firstIndexAtLeast(times, t - tolerance, (x) => x)];
  return found !== undefined && found <= t + tolerance;
}

/**
 * Per symbol: the records' range and the runs without fills. `fillTimes(symbol)` are the stored
 * fills' times of that symbol, ascending.
 */
export function closedPnlCoverage(records: readonly ClosedPnlTime[], fillTimes: (symbol: string) => readonly number[], tolerance = CLOSE_FILL_TOLERANCE_MS): ClosedPnlCoverage[] {
  const bySymbol = new Map<string, number[]>();
  for (const r of records) {
    const list = bySymbol.get(r.symbol);
    if (list === undefined) bySymbol.set(r.symbol, [r.closedAt]);
    else list.push(r.closedAt);
  }
  return [...bySymbol].sort(([a], [b]) => a.localeCompare(b)).map(([symbol, closes]) => {
    closes.sort((a, b) => a - b);
    const times = fillTimes(symbol);
    const uncovered: UncoveredCloses[] = [];
    let run: UncoveredCloses | null = null;
    for (const t of closes) {
      if (hasTimeNear(times, t, tolerance)) {
        run = null;
        continue;
      }
      if (run === null) {
        run = { from: t, to: t, records: 0 };
        uncovered.push(run);
      }
      run.to = t;
      run.records++;
    }
    return { symbol, first: closes[0] ?? 0, last: closes[closes.length - 1] ?? 0, records: closes.length, uncovered };
  });
}
