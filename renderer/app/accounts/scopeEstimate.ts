import { BINANCE_BUCKETS, BINANCE_ENDPOINTS } from '../../../shared/exchanges/binance';
import type { ExchangeId } from '../../../shared/domain/types';

/**
 * How long scope `all` takes on a first sync: no exchange lists the symbols a user traded, so
 * every listed symbol costs at least one trade-history request. Binance charges myTrades 20 weight
 * against 6,000 per minute; Bybit's execution list takes no symbol (one walk per category), so
 * scope barely matters there.
 */
export interface ScopeEstimate {
  requests: number;
  minutes: number;
}

/** Listed spot symbols at Binance (order of magnitude; the real count comes from exchangeInfo). */
export const BINANCE_SPOT_SYMBOLS_APPROX = 2000;
/** We allow ourselves this share of the exchange budget (the rest is margin for other apps). */
const BUDGET_FRACTION = 0.9;

export function estimateAllScope(exchange: ExchangeId, listedSymbols: number = BINANCE_SPOT_SYMBOLS_APPROX): ScopeEstimate | null {
  if (exchange !== 'binance') return null;
  const weight = BINANCE_ENDPOINTS['/api/v3/myTrades'].weight;
  const perMinute = BINANCE_BUCKETS.api.limit * BUDGET_FRACTION;
  return { requests: listedSymbols, minutes: (listedSymbols * weight) / perMinute };
}
