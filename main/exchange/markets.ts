import type { Market, MarketInterface } from 'ccxt';
import type { MarketType } from '../../shared/domain/types';
import type { MarketInfo } from './adapter';

/** ccxt market -> MarketInfo, or null when it is not a type we sync (inverse, option, margin-only). */
export function toMarketInfo(market: MarketInterface): MarketInfo | null {
  let marketType: MarketType | null = null;
  if (market.spot === true) marketType = 'spot';
  else if (market.linear === true && (market.swap === true || market.future === true)) marketType = 'linear';
  if (marketType === null || typeof market.symbol !== 'string' || typeof market.id !== 'string') return null;
  return {
    symbol: market.symbol,
    id: market.id,
    marketType,
    base: market.base,
    quote: market.quote,
    settle: market.settle ?? null,
    active: market.active !== false,
  };
}

export function restrictMarkets(markets: Record<string, Market> | undefined, types: readonly MarketType[]): MarketInfo[] {
  const out: MarketInfo[] = [];
  for (const m of Object.values(markets ?? {})) {
    const info = m === undefined ? null : toMarketInfo(m);
    if (info !== null && types.includes(info.marketType)) out.push(info);
  }
  return out.sort((a, b) => a.symbol.localeCompare(b.symbol));
}

/** Quote assets worth pairing a held asset with when guessing which spot markets were traded. */
export const COMMON_QUOTES: readonly string[] = ['USDT', 'USDC', 'FDUSD', 'BTC', 'ETH', 'BNB', 'EUR', 'TRY', 'BRL'];

/**
 * Candidate spot markets for a set of held assets: base held and quote held or a common quote.
 * A blind scan of every listed market costs one weighted request each, so "held" is the default.
 */
export function spotCandidates(markets: readonly MarketInfo[], heldAssets: ReadonlySet<string>): string[] {
  return markets
    .filter((m) => m.marketType === 'spot' && heldAssets.has(m.base) && (heldAssets.has(m.quote) || COMMON_QUOTES.includes(m.quote)))
    .map((m) => m.symbol);
}
