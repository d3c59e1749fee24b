import type { Account } from '../../shared/domain/types';
import type { Candle, CandleRange, Timeframe } from '../../shared/market/candles';
import type { CandleRow } from './records';
import type { JournalDb } from './schema';

/**
 * The candle cache: public klines per series (where they came from, symbol, timeframe) and open
 * time. Written by the journal view when the exchange answers (market data, not sync data: the
 * store worker never touches it), read by charts and MAE/MFE, offline included.
 */

/** Candles of the same market from a different endpoint (testnet, a simulator) never mix. */
export function candleSource(account: Pick<Account, 'exchange' | 'testnet' | 'baseUrl'>): string {
  if (account.exchange === 'demo') return 'demo';
  if (account.testnet) return `${account.exchange}-testnet`;
  return account.baseUrl === null ? account.exchange : `${account.exchange}@${account.baseUrl}`;
}

export function candleSeries(source: string, symbol: string, timeframe: Timeframe): string {
  return `${source}|${symbol}|${timeframe}`;
}

/** Cached candles of a series in [from, to] (open times), oldest first: one key-range read. */
export async function cachedCandles(db: JournalDb, series: string, range: Pick<CandleRange, 'from' | 'to'>): Promise<Candle[]> {
  const rows = await db.candles.where('[series+t]').between([series, range.from], [series, range.to], true, true).toArray();
  return rows.map(({ t, o, h, l, c, v }) => ({ t, o, h, l, c, v }));
}

/** Stores candles (replacing equal open times). Only closed candles belong here: the caller filters. */
export async function putCandles(db: JournalDb, series: string, candles: readonly Candle[]): Promise<void> {
  if (candles.length === 0) return;
  const rows: CandleRow[] = candles.map((c) => ({ series, t: c.t, o: c.o, h: c.h, l: c.l, c: c.c, v: c.v }));
  await db.candles.bulkPut(rows);
}
