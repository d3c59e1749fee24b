import type { ExchangeId } from '../domain/types';

/**
 * Which rate budget and breakers an account's requests share. Limits and bans are per IP at the
 * exchange's servers, so every account of an exchange shares one bucket per endpoint family. The
 * demo exchange (the loopback simulator) and a testnet are other servers: their requests must
 * neither spend the production budget nor open, hold or ban its breakers and buckets (a demo
 * outage would otherwise pause the trader's real Binance sync), so their bucket and group names
 * carry a scope prefix. A custom base URL (a proxy) keeps the production names: it may well reach
 * the same servers, and sharing the budget can only make the app more careful.
 */
export interface GateScopeInput {
  exchange: ExchangeId;
  testnet: boolean;
}

/** '' for the exchange's production servers; otherwise the prefix its bucket and group names get. */
export function gateScopeOf(input: GateScopeInput): string {
  if (input.exchange === 'demo') return 'demo/';
  if (input.testnet) return 'testnet/';
  return '';
}

/** `binance:api` in scope `demo/` -> `demo/binance:api`. */
export function scopedName(scope: string, name: string): string {
  return `${scope}${name}`;
}

/** The exchange family whose adapter serves an account (the demo speaks Binance's API). */
function familyOf(exchange: ExchangeId): 'binance' | 'bybit' {
  return exchange === 'bybit' ? 'bybit' : 'binance';
}

/** The breaker groups of `groups` that an account's requests go through. */
export function breakerGroupsOf(input: GateScopeInput, groups: readonly string[]): string[] {
  const prefix = scopedName(gateScopeOf(input), `${familyOf(input.exchange)}:`);
  return groups.filter((g) => g.startsWith(prefix));
}
