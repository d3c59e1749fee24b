import type { Trade } from '../domain/types';
import { symbolCurrencies } from './symbols';
import type { QuoteConverter } from './types';

/**
 * How one fill's fee is split. Rule (documented in README.md):
 * - fee currency == quote or settle currency (or null: ccxt leaves it null only for zero fees)
 *   -> `quote`.
 * - fee currency == base: `base` carries the quantity. Spot takes it out of the lot; both books
 *   value it at the fill price (the fill itself is the conversion price), see spot.ts/futures.ts.
 * - anything else (BNB, ...): converted with the caller's converter when it returns a number,
 *   else `other` keeps it per currency and it never enters quote P&L.
 */
export interface FeeSplit {
  quote: number;
  base: number;
  other: { currency: string; amount: number } | null;
}

export function splitFee(fill: Trade, convert: QuoteConverter | undefined): FeeSplit {
  const fee = fill.feeCost;
  if (fee === 0) return { quote: 0, base: 0, other: null };
  const { base, quote, settle } = symbolCurrencies(fill.symbol);
  const currency = fill.feeCurrency;
  if (currency === null || currency === quote || currency === settle) return { quote: fee, base: 0, other: null };
  if (currency === base) return { quote: 0, base: fee, other: null };
  const converted = convert?.(currency, fee, fill.symbol, fill.timestamp) ?? null;
  if (converted !== null && Number.isFinite(converted)) return { quote: converted, base: 0, other: null };
  return { quote: 0, base: 0, other: { currency, amount: fee } };
}

export function addTo(target: Record<string, number>, currency: string, amount: number): void {
  target[currency] = (target[currency] ?? 0) + amount;
}
