import type { Account } from '../../../../shared/domain/types';
import { computeExcursion, type Excursion } from '../../../../shared/journal/excursion';
import type { Position } from '../../../../shared/journal/types';
import { TIMEFRAME_MS, chartRange, missingRuns, type Candle, type CandleRange } from '../../../../shared/market/candles';
import type { AppApi } from '../../../../preload/api';
import { unwrap } from '../../../bridge/api';
import { cachedCandles, candleSeries, candleSource } from '../../../db/market-cache';
import type { JournalWriter } from '../../../db/journal-writer';
import { excursionRow } from '../../../db/review-queries';
import type { JournalDb } from '../../../db/schema';

/**
 * A position's candles: the cache first (so the chart opens at once, offline too), then only the
 * missing or still-forming candles from the exchange (main's `market.candles`, a small share of
 * the sync limiter). Closed candles go to the cache; MAE/MFE is computed and stored once the
 * holding window is covered. Both are written by the store worker (`writer`).
 */

export interface CandleLoad {
  range: CandleRange;
  cached: Candle[];
  /** Resolves with the full set, or rejects with the exchange's typed error (the cached set stays shown). */
  complete: Promise<{ candles: Candle[]; excursion: Excursion | null }>;
}

function merge(a: readonly Candle[], b: readonly Candle[]): Candle[] {
  const byTime = new Map<number, Candle>();
  for (const c of a) byTime.set(c.t, c);
  for (const c of b) byTime.set(c.t, c);
  return [...byTime.values()].sort((x, y) => x.t - y.t);
}

export type CandleWriter = Pick<JournalWriter, 'putCandles' | 'putExcursion'>;

export async function loadCandles(db: JournalDb, writer: CandleWriter, api: AppApi, account: Account, position: Position, now: number = Date.now()): Promise<CandleLoad> {
  const range = chartRange(position.openedAt, position.closedAt, now);
  const series = candleSeries(candleSource(account), position.symbol, range.timeframe);
  const cached = await cachedCandles(db, series, range);
  const ms = TIMEFRAME_MS[range.timeframe];
  const complete = (async () => {
    let candles = cached;
    for (const run of missingRuns(range, cached.map((c) => c.t), now)) {
      const { candles: fetched } = await unwrap(api.market.candles({ accountId: account.id, symbol: position.symbol, timeframe: range.timeframe, from: run.from, to: run.to }));
      await writer.putCandles(series, fetched.filter((c) => c.t + ms <= now));
      candles = merge(candles, fetched);
    }
    const excursion = computeExcursion(position, candles, ms, now);
    if (excursion !== null && position.closedAt !== null) await writer.putExcursion(excursionRow(position, range.timeframe, excursion, now));
    return { candles, excursion };
  })();
  return { range, cached, complete };
}
