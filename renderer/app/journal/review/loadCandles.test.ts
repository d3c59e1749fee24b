import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import type { AppApi } from '../../../../preload/api';
import type { MarketCandlesResult } from '../../../../shared/ipc/market';
import { computeJournal } from '../../../../shared/journal/book';
import { fill } from '../../../../testing/journal/fixtures';
import { TIMEFRAME_MS, type Candle } from '../../../../shared/market/candles';
import type { Reply } from '../../../../shared/ipc/wire';
import { cachedCandles, candleSeries, candleSource } from '../../../db/market-cache';
import { makeAccount, newTestDb } from '../../../../testing/db/test-support';
import { connectedJournalWriter } from '../../../../testing/db/journal-writer';
import { loadCandles } from './loadCandles';

const MIN = 60_000;
const T0 = Date.UTC(2024, 4, 6, 10, 0);

/** An exchange with a price that rises 1 per minute (low = close - 3, high = close + 2); it counts what it was asked. */
function fakeApi(asked: { from: number; to: number }[]): AppApi {
  const candles = async (input: { from: number; to: number }): Promise<Reply<MarketCandlesResult>> => {
    asked.push({ from: input.from, to: input.to });
    const out: Candle[] = [];
    for (let t = input.from; t <= input.to; t += MIN) {
      const c = 100 + (t - T0) / MIN;
      out.push({ t, o: c - 1, h: c + 2, l: c - 3, c, v: 1 });
    }
    return { ok: true, value: { candles: out } };
  };
  return { market: { candles } } as unknown as AppApi;
}

describe('loadCandles', () => {
  it('fetches what the cache lacks, caches closed candles only, stores MAE/MFE; the next open comes from the cache', async () => {
    const db = newTestDb('load-candles');
    const account = makeAccount('acc1', { exchange: 'binance' });
    const fills = [
      fill({ id: 1, t: T0 + 10 * MIN, side: 'buy', price: 110, amount: 2, accountId: 'acc1' }),
      fill({ id: 2, t: T0 + 30 * MIN, side: 'sell', price: 130, amount: 2, accountId: 'acc1' }),
    ];
    const position = computeJournal(fills).positions[0];
    if (position === undefined) throw new Error('no position');
    const now = T0 + 45 * MIN + 30_000; // the 10:45 candle is still forming
    const asked: { from: number; to: number }[] = [];
    const api = fakeApi(asked);

    const first = await loadCandles(db, connectedJournalWriter(db), api, account, position, now);
    expect(first.range.timeframe).toBe('1m');
    expect(first.cached).toEqual([]);
    const { candles, excursion } = await first.complete;
    expect(candles.length).toBe((first.range.to - first.range.from) / MIN + 1);
    expect(asked).toEqual([{ from: first.range.from, to: first.range.to }]);
    // Window 10:10..10:30 (21 candles): lowest low at 10:10 = 110 - 3 = 107 -> MAE (107 - 110) x 2 = -6;
    // highest high at 10:30 = 130 + 2 = 132 -> MFE (132 - 110) x 2 = +44.
    expect(excursion?.maeQuote).toBeCloseTo(-6, 9);
    expect(excursion?.mfeQuote).toBeCloseTo(44, 9);
    expect(await db.excursions.get(position.id)).toMatchObject({ maeQuote: excursion?.maeQuote, mfeQuote: excursion?.mfeQuote, timeframe: '1m' });

    const series = candleSeries(candleSource(account), position.symbol, '1m');
    const stored = await cachedCandles(db, series, first.range);
    // The forming candle (open 10:45, closes after now) is shown but never cached.
    expect(first.range.to).toBe(T0 + 45 * MIN);
    expect(stored.at(-1)?.t).toBe(T0 + 44 * MIN);
    expect(stored.every((c) => c.t + TIMEFRAME_MS['1m'] <= now)).toBe(true);

    const second = await loadCandles(db, connectedJournalWriter(db), api, account, position, now);
    expect(second.cached.length).toBe(stored.length);
    await second.complete;
    expect(asked.slice(1)).toEqual([{ from: T0 + 45 * MIN, to: T0 + 45 * MIN }]);
    db.close();
  });

  it('offline: the cached candles still open the chart and the fetch error is typed', async () => {
    const db = newTestDb('load-offline');
    const account = makeAccount('acc1', { exchange: 'binance' });
    const position = computeJournal([
      fill({ id: 1, t: T0 + 10 * MIN, side: 'buy', price: 110, amount: 1, accountId: 'acc1' }),
      fill({ id: 2, t: T0 + 20 * MIN, side: 'sell', price: 120, amount: 1, accountId: 'acc1' }),
    ]).positions[0];
    if (position === undefined) throw new Error('no position');
    const now = T0 + 35 * MIN + 30_000; // the 10:35 candle is still forming
    await (await loadCandles(db, connectedJournalWriter(db), fakeApi([]), account, position, now)).complete;
    const offline = { market: { candles: async () => ({ ok: false, error: { code: 'EXCHANGE_TRANSIENT', message: 'offline' } }) } } as unknown as AppApi;
    const load = await loadCandles(db, connectedJournalWriter(db), offline, account, position, now);
    // Every closed candle comes from the cache; only the forming one had to be asked for, and that failed typed.
    expect(load.cached.length).toBe((load.range.to - load.range.from) / MIN);
    const error: unknown = await load.complete.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('EXCHANGE_TRANSIENT');
    db.close();
  });
});
