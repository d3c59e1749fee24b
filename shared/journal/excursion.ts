import type { Candle } from '../market/candles';
import type { Position } from './types';

/**
 * Maximum adverse and favourable excursion (MAE/MFE) of a position from candles.
 *
 * Definitions (pinned here and in excursion.test.ts):
 * - The window is every candle whose span [t, t + timeframe) overlaps [openedAt, closedAt]
 *   (an open position: up to `now`). The first and last candles count whole, so the figures are
 *   as fine as the timeframe: the chart picks one that fits the holding time.
 * - Worst price: the lowest low (long) / highest high (short); best: the opposite.
 * - MAE% = (worst - avgEntry) / avgEntry x direction, never above 0; MFE% likewise from best,
 *   never below 0. MAE/MFE in quote = that move x avgEntry x maxQty (the position's largest
 *   size), so a position that was never under water has MAE 0.
 * - Holding time = closedAt - openedAt (null while open).
 */

export interface Excursion {
  maeQuote: number;
  mfeQuote: number;
  maePct: number;
  mfePct: number;
  worstPrice: number;
  bestPrice: number;
  holdingMs: number | null;
  /** Candles the figures came from. */
  candles: number;
}

export type ExcursionInput = Pick<Position, 'direction' | 'avgEntryPrice' | 'maxQty' | 'openedAt' | 'closedAt'>;

/** null when no candle covers the position (nothing fetched yet) or the entry price is not positive. */
export function computeExcursion(position: ExcursionInput, candles: readonly Candle[], timeframeMs: number, now: number): Excursion | null {
  const entry = position.avgEntryPrice;
  if (!(entry > 0)) return null;
  const end = position.closedAt ?? now;
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  let count = 0;
  for (const c of candles) {
    if (c.t + timeframeMs <= position.openedAt || c.t > end) continue;
    if (c.l < low) low = c.l;
    if (c.h > high) high = c.h;
    count++;
  }
  if (count === 0) return null;
  const long = position.direction === 'long';
  const worstPrice = long ? low : high;
  const bestPrice = long ? high : low;
  const sign = long ? 1 : -1;
  const maePct = Math.min(0, ((worstPrice - entry) / entry) * sign);
  const mfePct = Math.max(0, ((bestPrice - entry) / entry) * sign);
  const notional = entry * position.maxQty;
  return {
    maeQuote: maePct * notional,
    mfeQuote: mfePct * notional,
    maePct,
    mfePct,
    worstPrice,
    bestPrice,
    holdingMs: position.closedAt === null ? null : position.closedAt - position.openedAt,
    candles: count,
  };
}
