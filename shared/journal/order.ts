import type { Trade } from '../domain/types';
import type { FillRef } from './types';

const NUMERIC_ID = /^\d+$/;

/**
 * Orders exchange trade ids. Binance ids are per-symbol sequence numbers that outgrow 2^53, so
 * numeric ids are compared as digit strings (length first, then lexically) instead of as numbers.
 * Anything else (Bybit execIds are UUIDs, synthetic CSV ids) compares by UTF-16 code units, never
 * `localeCompare`, so the order is the same on every machine.
 */
export function compareTradeIds(a: string, b: string): number {
  if (NUMERIC_ID.test(a) && NUMERIC_ID.test(b)) {
    const x = stripLeadingZeros(a);
    const y = stripLeadingZeros(b);
    if (x.length !== y.length) return x.length - y.length;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function stripLeadingZeros(s: string): string {
  const t = s.replace(/^0+/, '');
  return t === '' ? '0' : t;
}

/** What compareFills reads of a fill: its time, the exchange's id and, where given, how much it closed. */
export type OrderedFill = Pick<Trade, 'timestamp' | 'tradeId'> & Partial<Pick<Trade, 'amount' | 'exchangeClosedQty'>>;

/**
 * Where a fill goes among the fills of its millisecond, from what the exchange says it closed:
 * fills that only closed (0), the fill that closed part and opened the rest, or an unknown (1),
 * fills that only opened (2). An order that flips a position closes before it opens, so this is
 * the match order wherever the exchange reports `closedSize` (Bybit), whose UUID ids carry no
 * order. Exchanges with sequence ids (Binance) never report it, so their ties fall to the id.
 */
function closingRank(fill: OrderedFill): number {
  const closed = fill.exchangeClosedQty;
  if (closed === undefined || closed === null || fill.amount === undefined) return 1;
  if (closed <= 0) return 2;
  return closed >= fill.amount ? 0 : 1;
}

/**
 * Time order of fills; equal timestamps go closing before opening where the exchange says which
 * (closingRank), then by trade id (see compareTradeIds).
 */
export function compareFills(a: OrderedFill, b: OrderedFill): number {
  if (a.timestamp !== b.timestamp) return a.timestamp - b.timestamp;
  const rank = closingRank(a) - closingRank(b);
  if (rank !== 0) return rank;
  return compareTradeIds(a.tradeId, b.tradeId);
}

/** A sorted copy (the input is left alone). */
export function sortFills<T extends OrderedFill>(fills: readonly T[]): T[] {
  return [...fills].sort(compareFills);
}

/** What a book keeps of the last fill it applied, so the next is placed by the same rule. */
export function fillRef(fill: FillRef): FillRef {
  const ref: FillRef = { key: fill.key, timestamp: fill.timestamp, tradeId: fill.tradeId };
  if (fill.exchangeClosedQty !== undefined && fill.exchangeClosedQty !== null) {
    ref.amount = fill.amount;
    ref.exchangeClosedQty = fill.exchangeClosedQty;
  }
  return ref;
}
