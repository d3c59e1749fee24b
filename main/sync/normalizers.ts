import type { AssetFlow, AssetFlowKind, BalanceSnapshot, ExchangeId, Income, MarketType, Movement, MovementType, Trade } from '../../shared/domain/types';
import type { Normalized } from '../../shared/normalize';
import type { BalancesResult, MarketInfo } from '../exchange/adapter';

export type { Normalized };

/**
 * The seam to the pure normalizers in shared/normalize: the engine depends only on this shape, so
 * unit tests inject fakes and the engine facade wires the real ones (defaultNormalizers.ts).
 * Rows that fail validation are reported, never stored, and never stop the stream.
 */

/** What a market type lists, for validating symbols and mapping exchange ids (BTCUSDT) to unified symbols. */
export interface MarketIndex {
  knownSymbols: ReadonlySet<string>;
  symbolsById: ReadonlyMap<string, string>;
}

export function indexMarkets(markets: readonly MarketInfo[], marketType: MarketType): MarketIndex {
  const of = markets.filter((m) => m.marketType === marketType);
  return { knownSymbols: new Set(of.map((m) => m.symbol)), symbolsById: new Map(of.map((m) => [m.id, m.symbol])) };
}

export const EMPTY_INDEX: MarketIndex = { knownSymbols: new Set(), symbolsById: new Map() };

interface Base {
  exchange: ExchangeId;
  accountId: string;
  /** The engine's clock (future-timestamp checks). */
  now: number;
}

export interface TradeContext extends Base {
  marketType: MarketType;
  symbol: string;
  markets: MarketIndex;
}

export interface MovementContext extends Base {
  type: MovementType;
}

export interface IncomeContext extends Base {
  marketType: MarketType;
  markets: MarketIndex;
}

export interface FlowContext extends Base {
  kind: AssetFlowKind;
}

export interface Normalizers {
  trades(raw: readonly unknown[], ctx: TradeContext): Normalized<Trade>;
  movements(raw: readonly unknown[], ctx: MovementContext): Normalized<Movement>;
  income(raw: readonly unknown[], ctx: IncomeContext): Normalized<Income>;
  flows(raw: readonly unknown[], ctx: FlowContext): Normalized<AssetFlow>;
  /** null when the exchange returned nothing usable. */
  balances(result: BalancesResult, ctx: Base): BalanceSnapshot | null;
}
