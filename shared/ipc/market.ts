import { z } from 'zod';
import { MAX_CANDLES_PER_CHART, TIMEFRAMES, TIMEFRAME_MS, type Candle } from '../market/candles';

/** `market.candles`: public klines of one account's exchange, for a position's chart. */
export const MarketCandlesInputSchema = z.object({
  accountId: z.string().min(1).max(128).regex(/^[A-Za-z0-9_.:-]+$/, 'must be an id'),
  /** Unified symbol as stored on fills. */
  symbol: z.string().min(3).max(64).regex(/^[A-Za-z0-9]+\/[A-Za-z0-9]+(:[A-Za-z0-9]+)?$/, 'must be a unified symbol'),
  timeframe: z.enum(TIMEFRAMES),
  from: z.number().int().min(0).max(8.64e15),
  to: z.number().int().min(0).max(8.64e15),
}).strict()
  .refine((r) => r.from % TIMEFRAME_MS[r.timeframe] === 0 && r.to % TIMEFRAME_MS[r.timeframe] === 0, 'from and to must be candle open times')
  .refine((r) => r.to >= r.from && (r.to - r.from) / TIMEFRAME_MS[r.timeframe] < MAX_CANDLES_PER_CHART, `at most ${MAX_CANDLES_PER_CHART} candles, from <= to`);

export interface MarketCandlesResult {
  candles: Candle[];
}
