import type { ExchangeId, MarketType, Trade } from '../domain/types';

/**
 * Derived journal records. They are recomputed from stored fills and income rows and never
 * stored as the source of truth, so they may change shape freely between versions.
 */

export type Direction = 'long' | 'short';
export type PositionStatus = 'open' | 'closed';

/** Amounts per currency that could not be expressed in quote (e.g. BNB fees without a price). */
export type CurrencyAmounts = Record<string, number>;

/**
 * One position lifecycle (futures) or one FIFO round trip (spot), from flat to flat.
 * All money fields are in the symbol's quote currency unless named `...Other`.
 */
export interface Position {
  /** Key of the fill that opened it: a fill opens at most one position, so this is unique and stable. */
  id: string;
  kind: 'futures' | 'spot';
  accountId: string;
  exchange: ExchangeId;
  marketType: MarketType;
  symbol: string;
  quoteCurrency: string;
  direction: Direction;
  status: PositionStatus;
  openedAt: number;
  /** Time of the fill that made it flat; null while open. */
  closedAt: number | null;
  /** closedAt - openedAt; null while open. */
  durationMs: number | null;
  /** Quantity (base units, always >= 0) still open. */
  openQty: number;
  /** Largest open quantity reached. */
  maxQty: number;
  /** Total quantity that entered the position (sum of opening/increasing amounts). */
  entryQty: number;
  /** Quantity-weighted price of everything that entered. */
  avgEntryPrice: number;
  /** Total quantity closed so far (excluding spot unmatched quantity). */
  closedQty: number;
  /** Quantity-weighted price of the closing fills; null before the first close. */
  avgExitPrice: number | null;
  /** Gross realized P&L: sum over closes of qty x (exit - entry) x direction. */
  realizedPnl: number;
  /** Fees in quote (positive = paid, negative = rebate), including fees converted to quote. */
  fees: number;
  /** Fees that stayed in another currency, per currency. Not part of netPnl. */
  feesOther: CurrencyAmounts;
  /** Funding in quote attributed to this position (positive = received). Always 0 for spot. */
  funding: number;
  /** Funding rows paid in a currency other than the quote, per currency. Not part of netPnl. */
  fundingOther: CurrencyAmounts;
  /** realizedPnl - fees + funding. */
  netPnl: number;
  /** Spot only: sold quantity that had no inventory to match (history started mid-way). */
  unmatchedQty: number;
  /** Spot only: inventory left below the dust threshold when the round trip closed. */
  dustQty: number;
  /** Number of fills that make it. A flip fill counts in both positions. */
  fillCount: number;
}

/** Enough of a fill to keep time order across a checkpoint (see order.ts). */
/** The last fill a book applied: what compareFills needs to place the next one after it. */
export type FillRef = Pick<Trade, 'key' | 'timestamp' | 'tradeId'> & Partial<Pick<Trade, 'amount' | 'exchangeClosedQty'>>;

/** What one fill did, for the trade table ("realized P&L where the fill closes"). */
export interface FillOutcome {
  key: string;
  /** Gross realized P&L of the closing part of this fill (0 for pure opens). */
  realizedPnl: number;
  /** The fill's fee in quote (converted where possible). */
  fee: number;
  /** realizedPnl - fee. */
  netPnl: number;
  /** Quantity of this fill that closed something. */
  closedQty: number;
  /** Quantity of this fill that opened or increased a position (spot: lot quantity after base fees). */
  openedQty: number;
  /** Spot only: quantity sold without inventory. */
  unmatchedQty: number;
  /** Positions this fill belongs to (two for a flip). */
  positionIds: string[];
}

/** Funding that matched no position (flat at that time, or the symbol was never traded). */
export interface UnattributedFunding {
  incomeKey: string;
  accountId: string;
  symbol: string;
  asset: string;
  amount: number;
  timestamp: number;
}

/** A spot sell (or the part of it) that found no inventory. */
export interface UnmatchedSell {
  fillKey: string;
  accountId: string;
  symbol: string;
  timestamp: number;
  qty: number;
  price: number;
  /** The share of the fill's quote fee belonging to the unmatched part. */
  fee: number;
}

/**
 * Converts a fee (or funding) paid in `currency` to the quote currency of `symbol` at `timestamp`.
 * Return null when no price is known: the amount is then kept separately per currency.
 */
export type QuoteConverter = (currency: string, amount: number, symbol: string, timestamp: number) => number | null;

export interface BookOptions {
  convertToQuote?: QuoteConverter;
}
