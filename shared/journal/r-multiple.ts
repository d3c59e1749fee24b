import type { Position } from './types';

/**
 * R-multiples: a result divided by what the trader risked on it.
 *
 * - Risk of a position with a stop the trader set: |avgEntry - stop| x maxQty (quote). A stop on
 *   the wrong side of the entry (above a long's entry) is no risk: the position has no R then.
 * - Without a stop: the default risk per trade (a quote amount from the trader's settings), if set.
 * - R = netPnl / risk. Positions without a risk are left out of the R figures, never counted as 0R.
 * - Expectancy in R = mean R. The distribution buckets R into whole-R bins from < -3R to >= +3R.
 */

export function riskOf(position: Pick<Position, 'direction' | 'avgEntryPrice' | 'maxQty'>, stopPrice: number | null, defaultRisk: number | null): number | null {
  if (stopPrice !== null && stopPrice > 0) {
    const perUnit = position.direction === 'long' ? position.avgEntryPrice - stopPrice : stopPrice - position.avgEntryPrice;
    return perUnit > 0 && position.maxQty > 0 ? perUnit * position.maxQty : null;
  }
  return defaultRisk !== null && defaultRisk > 0 ? defaultRisk : null;
}

export function rMultiple(netPnl: number, risk: number | null): number | null {
  return risk === null || risk <= 0 ? null : netPnl / risk;
}

/** Bin labels, lowest first: `< -3R`, `-3R..-2R`, ..., `2R..3R`, `>= 3R`. */
export const R_BINS = ['< -3R', '-3R..-2R', '-2R..-1R', '-1R..0R', '0R..1R', '1R..2R', '2R..3R', '>= 3R'] as const;

/** Index into R_BINS: a bin holds [lower, upper), except the open ends. */
export function rBin(r: number): number {
  if (r < -3) return 0;
  if (r >= 3) return R_BINS.length - 1;
  return Math.floor(r) + 4;
}

export interface RSummary {
  /** Positions with a risk. */
  count: number;
  /** Mean R; null when no position has a risk. */
  expectancyR: number | null;
  totalR: number;
  /** Counts per R_BINS entry. */
  distribution: number[];
}

export function summarizeR(rs: Iterable<number>): RSummary {
  const distribution: number[] = R_BINS.map(() => 0);
  let count = 0;
  let totalR = 0;
  for (const r of rs) {
    count++;
    totalR += r;
    const i = rBin(r);
    distribution[i] = (distribution[i] ?? 0) + 1;
  }
  return { count, expectancyR: count === 0 ? null : totalR / count, totalR, distribution };
}
