import type { Trade } from '../../domain/types';
import type { CurrencyAmounts, Position } from '../types';
import { writeCsv } from './rfc4180';
import { formatDecimal, formatUtcTime } from './values';

/**
 * CSV exports. Column order is part of the contract (users build spreadsheets on it): append new
 * columns at the end, never reorder. Times are ISO 8601 UTC with milliseconds; numbers are plain
 * decimals (no exponent); null is an empty cell. The trade export is also an import format
 * (`tradelog`), so a journal can be moved between machines.
 */
export const TRADE_COLUMNS = [
  'key',
  'accountId',
  'exchange',
  'marketType',
  'symbol',
  'tradeId',
  'orderId',
  'time',
  'side',
  'price',
  'amount',
  'cost',
  'feeCost',
  'feeCurrency',
  'takerOrMaker',
  'exchangeRealizedPnl',
] as const;

export const POSITION_COLUMNS = [
  'id',
  'kind',
  'accountId',
  'exchange',
  'marketType',
  'symbol',
  'quoteCurrency',
  'direction',
  'status',
  'openedAt',
  'closedAt',
  'durationMs',
  'openQty',
  'maxQty',
  'entryQty',
  'avgEntryPrice',
  'closedQty',
  'avgExitPrice',
  'realizedPnl',
  'fees',
  'feesOther',
  'funding',
  'fundingOther',
  'netPnl',
  'unmatchedQty',
  'fillCount',
  'dustQty',
] as const;

function num(value: number | null): string {
  return value === null ? '' : formatDecimal(value);
}

/** `BNB:0.01;USDC:2`, currencies sorted, so the cell is stable. */
function amounts(value: CurrencyAmounts): string {
  return Object.keys(value)
    .sort()
    .map((currency) => `${currency}:${formatDecimal(value[currency] ?? 0)}`)
    .join(';');
}

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab/CR before one) as a formula, so a
 * hostile symbol or id from an exchange could execute on the trader's machine when the export is
 * opened (CSV injection). Text cells get a leading apostrophe there; numeric cells are written by
 * `num()` and never pass through here, so negative P&L stays a number.
 */
export function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function tradeRow(t: Trade): string[] {
  return [
    safeText(t.key),
    safeText(t.accountId),
    t.exchange,
    t.marketType,
    safeText(t.symbol),
    safeText(t.tradeId),
    safeText(t.orderId ?? ''),
    formatUtcTime(t.timestamp),
    t.side,
    num(t.price),
    num(t.amount),
    num(t.cost),
    num(t.feeCost),
    safeText(t.feeCurrency ?? ''),
    t.takerOrMaker ?? '',
    num(t.exchangeRealizedPnl),
  ];
}

export function positionRow(p: Position): string[] {
  return [
    safeText(p.id),
    p.kind,
    safeText(p.accountId),
    p.exchange,
    p.marketType,
    safeText(p.symbol),
    safeText(p.quoteCurrency),
    p.direction,
    p.status,
    formatUtcTime(p.openedAt),
    p.closedAt === null ? '' : formatUtcTime(p.closedAt),
    num(p.durationMs),
    num(p.openQty),
    num(p.maxQty),
    num(p.entryQty),
    num(p.avgEntryPrice),
    num(p.closedQty),
    num(p.avgExitPrice),
    num(p.realizedPnl),
    num(p.fees),
    amounts(p.feesOther),
    num(p.funding),
    amounts(p.fundingOther),
    num(p.netPnl),
    num(p.unmatchedQty),
    String(p.fillCount),
    num(p.dustQty),
  ];
}

export function tradesToCsv(trades: Iterable<Trade>): string {
  const rows: string[][] = [[...TRADE_COLUMNS]];
  for (const t of trades) rows.push(tradeRow(t));
  return writeCsv(rows);
}

export function positionsToCsv(positions: Iterable<Position>): string {
  const rows: string[][] = [[...POSITION_COLUMNS]];
  for (const p of positions) rows.push(positionRow(p));
  return writeCsv(rows);
}
