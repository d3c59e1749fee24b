import { tradeKey } from '../domain/keys';
import type { Liquidity, Side, Trade } from '../domain/types';
import { tolerance, type MarketContext } from './context';
import { normalizeRows, REASONS, RowRejected, type Normalized } from './report';
import { asRow, finite, finiteOr, idOf, optionalRow, optionalString, positive, sampleId, timestampOf } from './values';

/**
 * ccxt unified trades (with `info`) -> Trade records. Refused rows are counted with a reason,
 * never dropped silently and never stored.
 */

function side(value: unknown): Side {
  if (value === 'buy' || value === 'sell') return value;
  throw new RowRejected(REASONS.badSide);
}

function liquidity(value: unknown): Liquidity | null {
  return value === 'maker' || value === 'taker' ? value : null;
}

/** Binance USD-M reports the P&L each fill realized; Bybit's execution list does not. */
function realizedPnl(info: Record<string, unknown> | null): number | null {
  const raw = info?.['realizedPnl'];
  if (raw === undefined || raw === null || raw === '') return null;
  return finite(raw);
}

/**
 * Bybit's execution list says how much of each fill reduced the position (`closedSize`, v5 "Get
 * Trade History"); it orders the fills of one millisecond (shared/journal/order.ts).
 */
function closedQty(info: Record<string, unknown> | null): number | null {
  const raw = info?.['closedSize'];
  if (raw === undefined || raw === null || raw === '') return null;
  return finite(raw);
}

/**
 * Bybit execution types that are not fills (v5 enums, "execType"): Funding is a funding charge and
 * Settle a settlement; ccxt would parse either as a buy. Their money arrives through the
 * transaction log (income), so here they are neither a fill nor an error. Trade, BustTrade
 * (liquidation), AdlTrade (auto-deleverage), Delivery, BlockTrade and MovePosition all move a
 * position and are kept.
 */
const NOT_FILLS: ReadonlySet<string> = new Set(['Funding', 'Settle']);

export function isFillRow(row: unknown): boolean {
  const info = optionalRow(optionalRow(row)?.['info']);
  const execType = info === null ? null : optionalString(info['execType']);
  return execType === null || !NOT_FILLS.has(execType);
}

function one(row: unknown, ctx: MarketContext): Trade[] {
  const r = asRow(row);
  if (!isFillRow(r)) return [];
  const tradeId = idOf(r['id']);
  const symbol = optionalString(r['symbol']);
  if (symbol === null) throw new RowRejected(REASONS.missingSymbol);
  if (!ctx.knownSymbols.has(symbol)) throw new RowRejected(REASONS.unknownMarket);
  const timestamp = timestampOf(r['timestamp'], ctx.now, tolerance(ctx));
  const price = positive(r['price']);
  const amount = positive(r['amount']);
  const cost = finiteOr(r['cost'], price * amount);
  const fee = optionalRow(r['fee']);
  const feeCost = fee === null ? 0 : finiteOr(fee['cost'], 0);
  const orderId = optionalString(r['order']);
  return [{
    key: tradeKey(ctx.exchange, ctx.accountId, ctx.marketType, symbol, tradeId),
    accountId: ctx.accountId,
    exchange: ctx.exchange,
    marketType: ctx.marketType,
    symbol,
    tradeId,
    orderId,
    timestamp,
    side: side(r['side']),
    price,
    amount,
    cost,
    feeCost,
    feeCurrency: fee === null ? null : optionalString(fee['currency']),
    takerOrMaker: liquidity(r['takerOrMaker']),
    exchangeRealizedPnl: ctx.marketType === 'linear' ? realizedPnl(optionalRow(r['info'])) : null,
    ...closedQtyField(ctx.marketType === 'linear' ? closedQty(optionalRow(r['info'])) : null),
  }];
}

/** Only fills whose exchange reports it carry the field, so other records keep their shape. */
function closedQtyField(value: number | null): Pick<Trade, 'exchangeClosedQty'> {
  return value === null ? {} : { exchangeClosedQty: value };
}

export function normalizeTrades(rows: readonly unknown[], ctx: MarketContext): Normalized<Trade> {
  return normalizeRows(rows, (row, i) => sampleId(row, i, 'id'), (row) => one(row, ctx));
}
