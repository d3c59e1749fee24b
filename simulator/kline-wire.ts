import { BINANCE_ERRORS, BYBIT_RET_CODES } from '../shared/exchanges';
import { BINANCE_INTERVAL_MS, BYBIT_INTERVAL_MS, KLINE_PAGING } from '../shared/exchanges/klines';
import type { MarketType } from '../shared/domain/types';
import { intParam, json, type SimRequest, type SimResponse } from './http-types';
import { firstOpenTime, simCandles } from './klines';
import type { SimState } from './state';

/**
 * The kline endpoints in each exchange's wire format (see shared/exchanges/klines.ts for the doc
 * sections they follow). Rate-limit weight is charged by the routers like any other endpoint.
 */

const binanceErr = (status: number, code: number, msg: string): SimResponse => json(status, { code, msg }, {}, 0, code);

/** Binance `GET /api/v3/klines` and `GET /fapi/v1/klines`: rows oldest first, prices as strings, times as numbers. */
export function binanceKlines(req: SimRequest, state: SimState, marketType: MarketType): SimResponse {
  const paging = marketType === 'spot' ? KLINE_PAGING.binanceSpot : KLINE_PAGING.binanceFutures;
  const symbol = req.query.get('symbol');
  if (symbol === null || symbol === '') return binanceErr(400, BINANCE_ERRORS.MANDATORY_PARAM_EMPTY, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
  const interval = req.query.get('interval') ?? '';
  const intervalMs = BINANCE_INTERVAL_MS[interval];
  // -1120 BAD_INTERVAL, as Binance answers an unknown interval.
  if (intervalMs === undefined) return binanceErr(400, -1120, 'Invalid interval.');
  const limit = intParam(req.query, 'limit') ?? paging.defaultLimit;
  const start = intParam(req.query, 'startTime');
  const end = intParam(req.query, 'endTime');
  if ([limit, start, end].some((v) => v !== undefined && Number.isNaN(v)) || limit < 1 || limit > paging.maxLimit) {
    return binanceErr(400, BINANCE_ERRORS.INVALID_PARAMETER, 'Invalid data sent for a parameter.');
  }
  const from = firstOpenTime(intervalMs, limit, req.now, start, end);
  const until = Math.min(req.now, end ?? req.now);
  const candles = simCandles(state, { marketType, symbol, intervalMs, from, limit, until });
  if (candles === null) return binanceErr(400, BINANCE_ERRORS.BAD_SYMBOL, 'Invalid symbol.');
  return json(200, candles.map((c) => [
    c.openTime, c.open, c.high, c.low, c.close, c.volume, c.closeTime, c.quoteVolume, c.trades,
    (Number(c.volume) / 2).toFixed(8), (Number(c.quoteVolume) / 2).toFixed(8), '0',
  ]));
}

/** Bybit `GET /v5/market/kline`: `result.list` newest first, every field a string. */
export function bybitKlines(req: SimRequest, state: SimState): SimResponse {
  const fail = (msg: string): SimResponse => json(200, { retCode: BYBIT_RET_CODES.PARAM_ERROR, retMsg: msg, result: {}, retExtInfo: {}, time: req.now }, {}, 0, BYBIT_RET_CODES.PARAM_ERROR);
  const cat = req.query.get('category') ?? 'linear';
  if (cat !== 'spot' && cat !== 'linear') return fail('Illegal category');
  const symbol = req.query.get('symbol');
  if (symbol === null || symbol === '') return fail('params error: symbol invalid');
  const intervalMs = BYBIT_INTERVAL_MS[req.query.get('interval') ?? ''];
  if (intervalMs === undefined) return fail('params error: interval invalid');
  const limit = intParam(req.query, 'limit') ?? KLINE_PAGING.bybit.defaultLimit;
  const start = intParam(req.query, 'start');
  const end = intParam(req.query, 'end');
  if ([limit, start, end].some((v) => v !== undefined && Number.isNaN(v)) || limit < 1 || limit > KLINE_PAGING.bybit.maxLimit) return fail('params error: limit invalid');
  const from = firstOpenTime(intervalMs, limit, req.now, start, end);
  const until = Math.min(req.now, end ?? req.now);
  const candles = simCandles(state, { marketType: cat, symbol, intervalMs, from, limit, until });
  if (candles === null) return fail('Symbol Is Invalid');
  const list = candles.reverse().map((c) => [String(c.openTime), c.open, c.high, c.low, c.close, c.volume, c.quoteVolume]);
  return json(200, { retCode: 0, retMsg: 'OK', result: { symbol, category: cat, list }, retExtInfo: {}, time: req.now });
}
