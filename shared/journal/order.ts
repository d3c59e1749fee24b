import type { Trade } from '../domain/types';

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

/** Time order of fills; equal timestamps fall back to the trade id (see compareTradeIds). */
export function compareFills(a: Pick<Trade, 'timestamp' | 'tradeId'>, b: Pick<Trade, 'timestamp' | 'tradeId'>): number {
  if (a.timestamp !== b.timestamp) return a.timestamp - b.timestamp;
  return compareTradeIds(a.tradeId, b.tradeId);
}

/** A sorted copy (the input is left alone). */
export function sortFills<T extends Pick<Trade, 'timestamp' | 'tradeId'>>(fills: readonly T[]): T[] {
  return [...fills].sort(compareFills);
}
