import type { Exchange, Trade } from 'ccxt';
import type { Cursor } from '../../../shared/domain/types';
import { BINANCE_PAGING } from '../../../shared/exchanges';
import { AppError } from '../../../shared/errors';
import type { MarketInfo, Page, TradesPageRequest } from '../adapter';
import { afterWindow, windowEnd } from '../window-cursor';
import { readBinanceTrades } from './trade-rows';

/**
 * Binance trade history is id-sequenced per symbol: `fromId` pages forward (ids >= fromId,
 * ascending) and the next cursor is the last id + 1. Rows are only filtered by `since`, never
 * skipped, so the cursor only passes rows we returned.
 *
 * Spot starts at fromId 0 (ids begin at the first trade; a time search would cost one 20-weight
 * request per day of history). USD-M serves only the last 6 months, its ids are huge and `fromId`
 * cannot be combined with times (docs: "Account Trade List"), so a fresh linear cursor first asks
 * the public aggregate trades at the start time (`GET /fapi/v1/aggTrades?startTime=&limit=1`,
 * weight 20): its `f` is the first trade id at or after that time, and the account's fills from
 * then on are paged by id like spot. No aggregate trade since the start means no market trade, so
 * no fill (an ADL or insurance-fund fill is not aggregated: docs/HISTORY-KINDS.md says where that
 * leaves a gap): the symbol is done with a time cursor at now. A saved 'window' cursor (from
 * before, or that fallback) searches 7-day windows as it always did. We always send explicit
 * startTime/endTime there: left alone, ccxt adds endTime = since + 7d for an old since.
 */
function tradeId(trade: Trade): number {
  // (A row that is not an object has no id either: trade-rows.ts passes such rows on.)
  const n = Number((trade as Partial<Trade> | null)?.id);
  if (!Number.isSafeInteger(n)) throw new AppError('EXCHANGE_BAD_RESPONSE', 'Binance: a trade without a numeric id was returned.');
  return n;
}

function parseFromId(cursor: Cursor): number {
  if (cursor.kind !== 'fromId') throw new AppError('INVALID_INPUT', 'Binance trades resume from a trade id, but the saved checkpoint is not one.');
  const n = Number(cursor.fromId);
  if (!Number.isSafeInteger(n) || n < 0) throw new AppError('INVALID_INPUT', 'The saved trade checkpoint is not a valid trade id.');
  return n;
}

function ascending(rows: Trade[]): Trade[] {
  return [...rows].sort((a, b) => tradeId(a) - tradeId(b));
}

export async function binanceTradesPage(ex: Exchange, market: MarketInfo, request: TradesPageRequest): Promise<Page> {
  const paging = market.marketType === 'spot' ? BINANCE_PAGING.myTrades : BINANCE_PAGING.userTrades;
  const limit = Math.max(1, Math.min(request.limit, paging.maxLimit));
  let cursor = request.cursor;
  if (cursor === null && market.marketType === 'spot') cursor = { kind: 'fromId', fromId: '0' };
  if (cursor === null) {
    const start = Math.max(request.since ?? 0, request.now - BINANCE_PAGING.userTrades.historyMs);
    const first = await firstTradeIdAt(ex, market, start);
    if (first === null) return { rows: [], next: afterWindow(start, request.now, request.now).next, done: true };
    // A page of its own: the id is committed, so a retry of the fills page does not ask it again.
    return { rows: [], next: { kind: 'fromId', fromId: String(first) }, done: false };
  }
  const keep = (rows: Trade[]): Trade[] => (request.since === null ? rows : rows.filter((t) => (t.timestamp ?? 0) >= (request.since ?? 0)));

  if (cursor.kind === 'window') {
    // Searching for the first linear trade by time; USD-M serves only the last 6 months.
    const start = Math.max(cursor.windowStart, request.now - BINANCE_PAGING.userTrades.historyMs);
    if (start > request.now) return { rows: [], next: cursor, done: true };
    const end = windowEnd(start, BINANCE_PAGING.userTrades.maxWindowMs, request.now);
    const rows = ascending(await accountTrades(ex, market, { limit, startTime: start, endTime: end }));
    const last = rows[rows.length - 1];
    if (last === undefined) return { rows: [], ...afterWindow(start, end, request.now) };
    return { rows: keep(rows), next: { kind: 'fromId', fromId: String(tradeId(last) + 1) }, done: false };
  }

  const fromId = parseFromId(cursor);
  const rows = ascending(await accountTrades(ex, market, { limit, fromId })).filter((t) => tradeId(t) >= fromId);
  const last = rows[rows.length - 1];
  const next: Cursor = last === undefined ? cursor : { kind: 'fromId', fromId: String(tradeId(last) + 1) };
  return { rows: keep(rows), next, done: rows.length < limit };
}

/**
 * One page of the account's fills: spot `GET /api/v3/myTrades`, USD-M `GET /fapi/v1/userTrades`,
 * through ccxt's request (signing, the gate) but read by trade-rows.ts instead of ccxt's parser.
 */
async function accountTrades(ex: Exchange, market: MarketInfo, params: Record<string, number>): Promise<Trade[]> {
  const request = { symbol: market.id, ...params };
  const raw: unknown = market.marketType === 'spot' ? await ex.privateGetMyTrades(request) : await ex.fapiPrivateGetUserTrades(request);
  return readBinanceTrades(ex, market, raw);
}

/** USD-M: the first trade id at or after `time` (the `f` of the first aggregate trade), or null when none happened since. */
async function firstTradeIdAt(ex: Exchange, market: MarketInfo, time: number): Promise<number | null> {
  const raw: unknown = await ex.fapiPublicGetAggTrades({ symbol: market.id, startTime: time, limit: 1 });
  if (!Array.isArray(raw)) throw new AppError('EXCHANGE_BAD_RESPONSE', 'Binance: the aggregate trades were not a list.');
  const row: unknown = raw[0];
  if (row === undefined) return null;
  const f = typeof row === 'object' && row !== null ? Number((row as Record<string, unknown>)['f']) : Number.NaN;
  if (!Number.isSafeInteger(f) || f < 0) throw new AppError('EXCHANGE_BAD_RESPONSE', 'Binance: an aggregate trade without a first trade id was returned.');
  return f;
}
