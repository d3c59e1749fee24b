import type { MarketType } from '../shared/domain/types';

/**
 * The simulator's exchange-neutral model. Both routers render these records in their own wire
 * format, so one history serves Binance and Bybit and one ground truth checks both adapters.
 * Decimal values are kept as the exact strings sent on the wire.
 */

export interface SimMarket {
  /** Exchange id, e.g. BTCUSDT (same id on spot and linear, like Binance and Bybit). */
  id: string;
  base: string;
  quote: string;
  marketType: MarketType;
  /** Price the history's random walk starts from. */
  basePrice: number;
  pricePrecision: number;
  qtyPrecision: number;
  /**
   * When the exchange delisted it: Binance keeps such a spot symbol in exchangeInfo with status
   * `BREAK` (every BUSD pair since 2024) and still answers myTrades for it. Fills stop before it.
   */
  delistedAt?: number;
  /** USD price of the quote asset (default 1): fill sizes are drawn in USD and converted. */
  quoteUsd?: number;
}

/**
 * What caused a fill. Bybit names it in `execType` (v5 enums, "execType"): Trade, BustTrade
 * (liquidation), AdlTrade (auto-deleverage). Binance lists all of them in userTrades alike.
 */
export type SimExecType = 'Trade' | 'BustTrade' | 'AdlTrade';

export interface SimTrade {
  marketType: MarketType;
  execType: SimExecType;
  symbol: string;
  /** Binance trade id: a sequence per symbol (and market type), so ids collide across symbols. */
  id: number;
  /** Bybit execId (UUID-like, globally unique). */
  execId: string;
  /**
   * Global insertion sequence, unique per fill: the simulator's own tie-breaker for equal
   * timestamps and its page cursors. Never on the wire (Bybit's `seq` is `crossSeq`).
   */
  seq: number;
  /**
   * Bybit's `seq` on the execution list. Bybit's v5 docs ("Get Trade History", `seq`: "Cross
   * sequence, used to associate each fill and each position update. The seq will be the same when
   * conclude multiple transactions at the same time. Different symbols may have the same seq")
   * say it is not unique per fill: the fills one taker order takes at once share it. Elsewhere it
   * is the fill's own `seq`.
   */
  crossSeq: number;
  orderId: number;
  time: number;
  side: 'BUY' | 'SELL';
  isMaker: boolean;
  price: string;
  qty: string;
  quoteQty: string;
  commission: string;
  commissionAsset: string;
  /** Linear only: P&L realized by this fill ('0' when it opened or added). */
  realizedPnl: string;
  /**
   * Linear only: how much of this fill reduced the open position ('0' when it opened or added;
   * less than `qty` on the fill that flips it). Bybit's execution list serves it as `closedSize`.
   */
  closedQty: string;
  /** Order size and what was left after this fill (partial fills share one order). */
  orderQty: string;
  leavesQty: string;
}

export type SimIncomeType = 'REALIZED_PNL' | 'FUNDING_FEE' | 'COMMISSION' | 'TRANSFER';

export interface SimIncome {
  /** Binance tranId: the pnl and commission rows of one fill share it (unique only with the type). */
  tranId: number;
  /** Bybit transaction-log id (unique). */
  logId: string;
  seq: number;
  incomeType: SimIncomeType;
  symbol: string;
  asset: string;
  income: string;
  time: number;
  /** Trade id that caused the row ('' for funding and transfers). */
  tradeId: string;
  /** FUNDING_FEE only: the position it was charged on (signed size, mark price, rate). */
  funding?: { qty: string; price: string; rate: string };
}

export type SimMovementType = 'deposit' | 'withdrawal';

export interface SimMovement {
  id: string;
  seq: number;
  type: SimMovementType;
  coin: string;
  amount: string;
  fee: string;
  network: string;
  address: string;
  txId: string;
  time: number;
}

/** Binance Convert trade (docs "Get Convert Trade History"). */
export interface SimConvert {
  orderId: number;
  quoteId: string;
  seq: number;
  time: number;
  fromAsset: string;
  fromAmount: string;
  toAsset: string;
  toAmount: string;
}

/** One Binance dust conversion: small balances of several assets to BNB (docs "DustLog"). */
export interface SimDust {
  transId: number;
  seq: number;
  time: number;
  /** `transferedAmount` is the BNB before `serviceChargeAmount` (2% of it); the wallet is credited the difference. */
  details: { fromAsset: string; amount: string; transferedAmount: string; serviceChargeAmount: string }[];
}

/** Binance distribution: interest, staking reward, airdrop (docs "Asset Dividend Record"). */
export interface SimDividend {
  /** Unique per row; `tranId` may repeat (the docs example shows two rows with one tranId). */
  id: number;
  tranId: number;
  seq: number;
  time: number;
  asset: string;
  amount: string;
  enInfo: string;
  direction: 1 | -1;
}

/** Transfer between the account's own Binance wallets (docs "Query User Universal Transfer History"). */
export interface SimTransfer {
  tranId: number;
  seq: number;
  time: number;
  type: 'MAIN_UMFUTURE' | 'UMFUTURE_MAIN' | 'MAIN_FUNDING' | 'FUNDING_MAIN';
  asset: string;
  amount: string;
}

export interface SimBalance {
  asset: string;
  free: string;
  locked: string;
}

export interface SimHistory {
  markets: SimMarket[];
  trades: SimTrade[];
  income: SimIncome[];
  movements: SimMovement[];
  /** Binance wallet history (the Bybit router does not serve these kinds). */
  converts: SimConvert[];
  dust: SimDust[];
  dividends: SimDividend[];
  transfers: SimTransfer[];
}

export interface SimKey {
  apiKey: string;
  secret: string;
  canTrade: boolean;
  canWithdraw: boolean;
  ipRestricted: boolean;
  revoked: boolean;
  /** Revoke after this many more signed requests (null = never). */
  revokeAfterRequests: number | null;
}
