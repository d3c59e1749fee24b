/**
 * OHLCV candles (klines) as the journal keeps them, and the choice of resolution for a position.
 * Times are UTC epoch ms of the candle's open; prices are in the symbol's quote currency.
 */

export const TIMEFRAMES = ['1m', '5m', '15m', '1h', '4h', '1d'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

const MINUTE_MS = 60_000;
export const TIMEFRAME_MS: Record<Timeframe, number> = {
  '1m': MINUTE_MS,
  '5m': 5 * MINUTE_MS,
  '15m': 15 * MINUTE_MS,
  '1h': 60 * MINUTE_MS,
  '4h': 240 * MINUTE_MS,
  '1d': 1440 * MINUTE_MS,
};

export interface Candle {
  /** Open time, UTC ms (a multiple of the timeframe). */
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
  /** Base volume. */
  v: number;
}

/** Most candles a chart asks for: one request at the exchanges' largest page (Binance 1000, Bybit 1000). */
export const MAX_CANDLES_PER_CHART = 1000;
/**
 * The finest timeframe at which the holding time spans at most half a chart (the rest is context
 * around it): a 20-minute scalp gets 1m, a two-week swing 1h, a year-long hold 1d.
 */
export function timeframeFor(holdingMs: number): Timeframe {
  const held = Math.max(0, holdingMs);
  for (const tf of TIMEFRAMES) if (held / TIMEFRAME_MS[tf] <= MAX_CANDLES_PER_CHART / 2) return tf;
  return '1d';
}

/** Start of the candle containing `t`. */
export function candleStart(t: number, tf: Timeframe): number {
  const ms = TIMEFRAME_MS[tf];
  return Math.floor(t / ms) * ms;
}

export interface CandleRange {
  timeframe: Timeframe;
  /** First candle's open time (inclusive). */
  from: number;
  /** Last candle's open time (inclusive). */
  to: number;
}

/**
 * The candles a position's chart shows: its holding time plus context on both sides (half the
 * holding time, at least 20 candles), capped at MAX_CANDLES_PER_CHART and at `now` (an open
 * position runs to now).
 */
export function chartRange(openedAt: number, closedAt: number | null, now: number): CandleRange {
  const end = closedAt ?? now;
  const timeframe = timeframeFor(end - openedAt);
  const ms = TIMEFRAME_MS[timeframe];
  const pad = Math.max(20 * ms, Math.floor((end - openedAt) / 2));
  let from = candleStart(openedAt - pad, timeframe);
  const to = candleStart(Math.min(now, end + pad), timeframe);
  if ((to - from) / ms + 1 > MAX_CANDLES_PER_CHART) from = to - (MAX_CANDLES_PER_CHART - 1) * ms;
  return { timeframe, from, to };
}

/** Open times of the candles in `range` missing from `have` (sorted open times), as contiguous runs. */
export function missingRuns(range: CandleRange, have: readonly number[], closedBefore: number): { from: number; to: number }[] {
  const ms = TIMEFRAME_MS[range.timeframe];
  const present = new Set(have);
  const runs: { from: number; to: number }[] = [];
  // A candle that has not closed yet (open time + ms > closedBefore) is never cached: always refetched.
  for (let t = range.from; t <= range.to; t += ms) {
    if (present.has(t) && t + ms <= closedBefore) continue;
    const last = runs[runs.length - 1];
    if (last !== undefined && last.to === t - ms) last.to = t;
    else runs.push({ from: t, to: t });
  }
  return runs;
}
