import type { Exchange, Trade } from 'ccxt';
import type { Cursor } from '../../../shared/domain/types';
import { BINANCE_PAGING } from '../../../shared/exchanges';
import { AppError } from '../../../shared/errors';
import type { MarketInfo, Page, TradesPageRequest } from '../adapter';
import { afterWindow, windowEnd } from '../window-cursor';

/**
 * Binance trade history is id-sequenced per symbol: `fromId` pages forward (ids >= fromId,
 * ascending) and the next cursor is the last id + 1. Rows are only filtered by `since`, never
 * skipped, so the cursor only passes rows we returned.
 *
 * Spot starts at fromId 0 (ids begin at the first trade; a time search would cost one 20-weight
 * request per day of history). USD-M serves only the last 6 months and its ids are huge, so a
 * fresh linear cursor first searches 7-day windows (cursor kind 'window') for the first trade,
 * then continues by id. We always send explicit startTime/endTime: left alone, ccxt adds
 * endTime = since + 7d for an old since on linear markets, which the window logic already does.
 */

function tradeId(trade: Trade): number {
  const n = Number(trade.id);
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
  if (cursor === null) {
    cursor = market.marketType === 'spot'
      ? { kind: 'fromId', fromId: '0' }
      : { kind: 'window', windowStart: Math.max(request.since ?? 0, request.now - BINANCE_PAGING.userTrades.historyMs), pageCursor: null };
  }
  const keep = (rows: Trade[]): Trade[] => (request.since === null ? rows : rows.filter((t) => (t.timestamp ?? 0) >= (request.since ?? 0)));

  if (cursor.kind === 'window') {
    // Searching for the first linear trade by time; USD-M serves only the last 6 months.
    const start = Math.max(cursor.windowStart, request.now - BINANCE_PAGING.userTrades.historyMs);
    if (start > request.now) return { rows: [], next: cursor, done: true };
    const end = windowEnd(start, BINANCE_PAGING.userTrades.maxWindowMs, request.now);
    const rows = ascending(await ex.fetchMyTrades(market.symbol, undefined, limit, { startTime: start, endTime: end }));
    const last = rows[rows.length - 1];
    if (last === undefined) return { rows: [], ...afterWindow(start, end, request.now) };
    return { rows: keep(rows), next: { kind: 'fromId', fromId: String(tradeId(last) + 1) }, done: false };
  }

  const fromId = parseFromId(cursor);
  const rows = ascending(await ex.fetchMyTrades(market.symbol, undefined, limit, { fromId })).filter((t) => tradeId(t) >= fromId);
  const last = rows[rows.length - 1];
  const next: Cursor = last === undefined ? cursor : { kind: 'fromId', fromId: String(tradeId(last) + 1) };
  return { rows: keep(rows), next, done: rows.length < limit };
}
