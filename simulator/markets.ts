import type { MarketType } from '../shared/domain/types';
import type { SimMarket } from './types';

/** The simulator's listed markets: USDT-quoted, quoted in several assets, and delisted BUSD pairs. */

export const KNOWN_BASES: readonly (readonly [string, number])[] = [
  ['BTC', 60_000], ['ETH', 3_000], ['BNB', 550], ['SOL', 150], ['XRP', 0.6], ['ADA', 0.45],
  ['DOGE', 0.12], ['AVAX', 35], ['LINK', 15], ['DOT', 7], ['LTC', 80], ['TRX', 0.12],
];

/** USD price of a quote asset (stablecoins at par). */
const QUOTE_USD: Readonly<Record<string, number>> = { USDT: 1, FDUSD: 1, USDC: 1, BUSD: 1, BTC: 60_000, ETH: 3_000, BNB: 550 };

/** Tick and lot decimals by price: BTC- and ETH-quoted altcoins trade at fractions of a cent. */
function precisions(price: number): { pricePrecision: number; qtyPrecision: number } {
  const pricePrecision = price >= 1000 ? 2 : price >= 1 ? 3 : price >= 0.01 ? 5 : 8;
  const qtyPrecision = price >= 1000 ? 5 : price >= 10 ? 3 : 1;
  return { pricePrecision, qtyPrecision };
}

export function makeMarkets(count: number, marketType: MarketType): SimMarket[] {
  const markets: SimMarket[] = [];
  for (let i = 0; i < count; i++) {
    const known = KNOWN_BASES[i];
    const base = known === undefined ? `COIN${i}` : known[0];
    const price = known === undefined ? 1 + i : known[1];
    markets.push({ id: `${base}USDT`, base, quote: 'USDT', marketType, basePrice: price, ...precisions(price) });
  }
  return markets;
}

/**
 * `count` spot markets over several quotes: bases in the order of `makeMarkets`, each paired with
 * every quote ranked above it (a quote asset as a base pairs only with higher-ranked quotes).
 */
export function makeQuotedMarkets(count: number, quotes: readonly string[]): SimMarket[] {
  const markets: SimMarket[] = [];
  for (let i = 0; markets.length < count; i++) {
    const known = KNOWN_BASES[i];
    const base = known === undefined ? `COIN${i}` : known[0];
    const usd = known === undefined ? 1 + i : known[1];
    const baseRank = quotes.indexOf(base);
    for (let rank = 0; rank < quotes.length && markets.length < count; rank++) {
      const quote = quotes[rank] ?? 'USDT';
      if (baseRank !== -1 && rank >= baseRank) break;
      const quoteUsd = QUOTE_USD[quote] ?? 1;
      const price = usd / quoteUsd;
      markets.push({ id: `${base}${quote}`, base, quote, marketType: 'spot', basePrice: price, ...precisions(price), quoteUsd });
    }
  }
  return markets;
}

/** The delisted BUSD pairs of `delistedSpot`: bases from the known list, then synthetic ones. */
export function makeDelistedMarkets(count: number, delistedAt: number): SimMarket[] {
  const markets: SimMarket[] = [];
  for (let i = 0; i < count; i++) {
    const known = KNOWN_BASES[i];
    const base = known === undefined ? `OLD${i}` : known[0];
    const price = known === undefined ? 1 + i : known[1];
    markets.push({ id: `${base}BUSD`, base, quote: 'BUSD', marketType: 'spot', basePrice: price, ...precisions(price), delistedAt });
  }
  return markets;
}
