import { BINANCE_ERRORS, BINANCE_PAGING } from '../shared/exchanges';
import { intParam, json, type SimRequest, type SimResponse } from './http-types';
import type { SimState } from './state';
import type { SimTrade } from './types';

/**
 * USD-M "Compressed/Aggregate Trades List" (GET /fapi/v1/aggTrades, weight 20, public; Binance
 * USDⓈ-M Futures docs, Market Data): `symbol` mandatory; `fromId` (aggregate id, inclusive),
 * `startTime`/`endTime` (inclusive; both sent: less than 1 hour apart), `limit` default 500, max
 * 1000; with none of fromId/startTime/endTime the most recent ones. Rows ascending:
 * `{a, p, q, f, l, T, m}` (f/l = first/last trade id of the aggregate, the ids userTrades' `fromId`
 * takes). Only market trades are aggregated (insurance-fund and ADL trades are not).
 *
 * The model's market: a symbol the account traded trades only the account's fills (their ids are
 * the symbol's whole id sequence, as `SimTrade.id` says), each its own aggregate; a symbol the
 * account never traded trades once a minute (trade id = the minute's index since the epoch).
 */
const MINUTE_MS = 60_000;

interface AggTrade { a: number; p: string; q: string; f: number; l: number; T: number; m: boolean }

function ofFill(t: SimTrade): AggTrade {
  // `m`: the buyer was the maker (a BUY fill that was a maker, or a SELL fill that took).
  return { a: t.id, p: t.price, q: t.qty, f: t.id, l: t.id, T: t.time, m: t.side === 'BUY' ? t.isMaker : !t.isMaker };
}

function minuteTrade(minute: number): AggTrade {
  return { a: minute, p: '1.0000', q: '1', f: minute, l: minute, T: minute * MINUTE_MS, m: minute % 2 === 0 };
}

/** The model's aggregate trades of one symbol from `from` on (ascending), at most `limit`. */
function tapeFrom(fills: readonly SimTrade[], from: { id?: number; time?: number }, limit: number, now: number): AggTrade[] {
  if (fills.length > 0) {
    return fills.filter((t) => (from.id === undefined || t.id >= from.id) && (from.time === undefined || t.time >= from.time)).slice(0, limit).map(ofFill);
  }
  const first = from.id ?? Math.ceil((from.time ?? now) / MINUTE_MS);
  const last = Math.floor(now / MINUTE_MS);
  const out: AggTrade[] = [];
  for (let m = first; m <= last && out.length < limit; m++) out.push(minuteTrade(m));
  return out;
}

export function binanceFuturesAggTrades(req: SimRequest, state: SimState): SimResponse {
  const p = BINANCE_PAGING.aggTrades;
  const err = (status: number, code: number, msg: string): SimResponse => json(status, { code, msg }, {}, 0, code);
  const symbol = req.query.get('symbol');
  if (symbol === null || symbol === '') return err(400, BINANCE_ERRORS.MANDATORY_PARAM_EMPTY, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
  if (!state.history.markets.some((m) => m.marketType === 'linear' && m.id === symbol)) return err(400, BINANCE_ERRORS.BAD_SYMBOL, 'Invalid symbol.');
  const limit = intParam(req.query, 'limit') ?? p.defaultLimit;
  const fromId = intParam(req.query, 'fromId');
  const start = intParam(req.query, 'startTime');
  const end = intParam(req.query, 'endTime');
  if ([limit, fromId, start, end].some((v) => v !== undefined && Number.isNaN(v))) return err(400, BINANCE_ERRORS.INVALID_PARAMETER, 'Invalid data sent for a parameter.');
  if (limit < 1 || limit > p.maxLimit) return err(400, BINANCE_ERRORS.INVALID_PARAMETER, `Invalid limit: must be 1..${p.maxLimit}.`);
  if (start !== undefined && end !== undefined && end - start >= p.maxWindowMs) return err(400, BINANCE_ERRORS.WINDOW_TOO_BIG, 'More than 1 hours between startTime and endTime.');
  const fills = state.tradesOf('linear', symbol);
  let rows: AggTrade[];
  if (fromId !== undefined) rows = tapeFrom(fills, { id: fromId }, limit, req.now);
  else if (start !== undefined) rows = tapeFrom(fills, { time: start }, limit, req.now).filter((r) => end === undefined || r.T <= end);
  else {
    // Only endTime, or nothing: the most recent ones (up to endTime).
    const to = end ?? req.now;
    const recent = tapeFrom(fills, { time: to - p.maxWindowMs }, Number.MAX_SAFE_INTEGER, req.now).filter((r) => r.T <= to);
    rows = recent.slice(-limit);
  }
  return json(200, rows);
}
