import type {
  BalanceSnapshot, ExchangeId, Income, InvalidRowReport, MarketType, Movement, MovementType, Trade,
} from '../../shared/domain/types';
import type { BalancesResult } from '../exchange/adapter';

/**
 * The seam to the pure normalizers in shared/normalize (written by another engineer): the engine
 * depends only on this shape, so tests inject fakes and the engine facade wires the real ones.
 * Each call maps raw exchange rows to validated records; rows that fail validation are reported,
 * never stored, and never stop the stream.
 */
export interface Normalized<T> {
  rows: T[];
  invalid: InvalidRowReport[];
}

export interface TradeContext {
  exchange: ExchangeId;
  accountId: string;
  marketType: MarketType;
  symbol: string;
}

export interface MovementContext {
  exchange: ExchangeId;
  accountId: string;
  type: MovementType;
}

export interface IncomeContext {
  exchange: ExchangeId;
  accountId: string;
  marketType: MarketType;
}

export interface Normalizers {
  trades(raw: readonly unknown[], ctx: TradeContext): Normalized<Trade>;
  movements(raw: readonly unknown[], ctx: MovementContext): Normalized<Movement>;
  income(raw: readonly unknown[], ctx: IncomeContext): Normalized<Income>;
  /** null when the exchange returned nothing usable. */
  balances(result: BalancesResult, ctx: { exchange: ExchangeId; accountId: string }): BalanceSnapshot | null;
}
