import type { ExchangeId, MarketType } from '../domain/types';

/** A row stamped more than this after `now` is refused (clock or feed trouble, not a real trade). */
export const DEFAULT_FUTURE_TOLERANCE_MS = 60_000;

export interface NormalizeContext {
  exchange: ExchangeId;
  accountId: string;
  /** The engine's clock, for the future-timestamp check. */
  now: number;
  futureToleranceMs?: number;
}

export interface MarketContext extends NormalizeContext {
  marketType: MarketType;
  /** Unified symbols of this market type the exchange lists; rows for others are refused. */
  knownSymbols: ReadonlySet<string>;
}

export function tolerance(ctx: NormalizeContext): number {
  return ctx.futureToleranceMs ?? DEFAULT_FUTURE_TOLERANCE_MS;
}

/** Wire format family: the demo exchange speaks Binance. */
export function formatOf(exchange: ExchangeId): 'binance' | 'bybit' {
  return exchange === 'bybit' ? 'bybit' : 'binance';
}
