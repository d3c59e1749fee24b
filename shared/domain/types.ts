/**
 * The journal's data model, shared by main (which produces rows) and the renderer (which stores
 * them in IndexedDB). Plain JSON-serializable records only: they cross IPC and go into Dexie.
 * Secrets never appear here: an account holds a keychain reference, not a key.
 */

export const EXCHANGE_IDS = ['binance', 'bybit', 'demo'] as const;
export type ExchangeId = (typeof EXCHANGE_IDS)[number];

/** `linear` = USD-M futures on Binance, USDT/USDC perpetuals on Bybit. */
export const MARKET_TYPES = ['spot', 'linear'] as const;
export type MarketType = (typeof MARKET_TYPES)[number];

export type Side = 'buy' | 'sell';
export type Liquidity = 'maker' | 'taker';

export const SYMBOL_SCOPES = ['held', 'all'] as const;
export type SymbolScope = (typeof SYMBOL_SCOPES)[number];

export const ACCOUNT_STATUSES = ['active', 'needs_credentials', 'paused'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export interface Account {
  id: string;
  exchange: ExchangeId;
  label: string;
  marketTypes: MarketType[];
  testnet: boolean;
  /** "Advanced: API base URL" (the demo exchange and tests point this at the simulator). */
  baseUrl: string | null;
  /** Earliest time to import (ms since epoch); null = as far back as the exchange serves. */
  historyStart: number | null;
  symbolScope: SymbolScope;
  /** Name of the keychain entry holding key + secret. Never the secret itself. */
  credentialRef: string | null;
  status: AccountStatus;
  /** Background sync interval in minutes; null = manual only. */
  scheduleMinutes: number | null;
  createdAt: number;
  updatedAt: number;
  lastAttemptAt: number | null;
  /** When the last job of any kind succeeded; says nothing about completeness (see `kinds`). */
  lastSuccessAt: number | null;
  /**
   * Per kind of history in scope (`trades:spot`, `income:linear`, `movements`, ... from
   * shared/sync/kinds.ts): whether it was ever imported completely and how its last run ended.
   * Absent on accounts from before it was recorded: they count as not yet complete.
   */
  kinds?: Record<string, KindState>;
  /**
   * Per market type, the last trades sync that ran to its end: when it ended and the spot balance
   * totals it started from. Re-syncs ask only what can have changed since (shared/sync/resync-select.ts).
   */
  tradeSync?: Partial<Record<MarketType, TradeSyncMark>>;
}

export interface TradeSyncMark {
  at: number;
  /** Spot balance totals per asset (empty for other market types). */
  balances: Record<string, number>;
}

export interface KindState {
  /** When a run last imported this kind to its end; null = never. */
  completedAt: number | null;
  lastOk: boolean;
  lastRunAt: number;
  /**
   * Set when a run from a date worked on this kind while it was not complete: its checkpoints
   * stand for the history from this date only, so the next run from the history start restarts
   * the kind's streams instead of resuming them (docs/SYNC-STATUS.md). Absent = they stand for
   * everything since the history start.
   */
  coveredFrom?: number;
}

/** One fill. Primary key `key` = tradeKey(exchange, accountId, marketType, symbol, tradeId). */
export interface Trade {
  key: string;
  accountId: string;
  exchange: ExchangeId;
  marketType: MarketType;
  /** Unified ccxt symbol: `BTC/USDT` (spot), `BTC/USDT:USDT` (linear). */
  symbol: string;
  /** Exchange trade id (Binance: per-symbol sequence; Bybit: execId). */
  tradeId: string;
  orderId: string | null;
  timestamp: number;
  side: Side;
  price: number;
  amount: number;
  cost: number;
  feeCost: number;
  feeCurrency: string | null;
  takerOrMaker: Liquidity | null;
  /** Realized P&L the exchange reports on this fill (Binance USD-M `realizedPnl`), if any. */
  exchangeRealizedPnl: number | null;
  /**
   * How much of this fill reduced an open position, as the exchange reports it (Bybit execution
   * `closedSize`); absent where the exchange does not say. Fills of one order often share a
   * millisecond and Bybit's ids (UUIDs) do not say in which order they matched: this does, for
   * the fills of an order that flips a position (shared/journal/order.ts).
   */
  exchangeClosedQty?: number | null;
}

export type MovementType = 'deposit' | 'withdrawal';

export interface Movement {
  /** movementKey(exchange, accountId, type, movementId) */
  key: string;
  accountId: string;
  exchange: ExchangeId;
  type: MovementType;
  movementId: string;
  currency: string;
  amount: number;
  fee: number;
  network: string | null;
  txid: string | null;
  status: 'pending' | 'ok' | 'failed' | 'canceled';
  timestamp: number;
}

export const INCOME_TYPES = ['FUNDING_FEE', 'REALIZED_PNL', 'COMMISSION', 'TRANSFER', 'OTHER'] as const;
export type IncomeType = (typeof INCOME_TYPES)[number];

export interface Income {
  /** incomeKey(exchange, accountId, incomeType, incomeId): Binance tranId is unique only with its type. */
  key: string;
  accountId: string;
  exchange: ExchangeId;
  marketType: MarketType;
  symbol: string | null;
  incomeType: IncomeType;
  /** Raw exchange type (e.g. INSURANCE_CLEAR) when incomeType is OTHER. */
  rawType: string;
  incomeId: string;
  asset: string;
  amount: number;
  timestamp: number;
}

export interface BalanceEntry {
  currency: string;
  free: number;
  used: number;
  total: number;
}

export interface BalanceSnapshot {
  /** `${accountId}|${marketType}|${timestamp}` */
  key: string;
  accountId: string;
  marketType: MarketType;
  timestamp: number;
  balances: BalanceEntry[];
}

/** Kinds of wallet history beyond fills, deposits/withdrawals and futures income (Binance wallet endpoints). */
export const ASSET_FLOW_KINDS = ['convert', 'dust', 'reward', 'transfer'] as const;
export type AssetFlowKind = (typeof ASSET_FLOW_KINDS)[number];

/** Where a leg moves money: Binance keeps separate spot, funding and USD-M wallets. */
export const WALLETS = ['spot', 'funding', 'linear', 'other'] as const;
export type Wallet = (typeof WALLETS)[number];

export interface AssetFlowLeg {
  wallet: Wallet;
  asset: string;
  /** Signed change of the wallet's balance: + in, - out. A fee is its own negative leg. */
  amount: number;
}

/**
 * One balance-changing event that is not a fill, a deposit/withdrawal or futures income: a
 * Convert trade, a dust conversion, a distribution (Simple Earn, staking, airdrop) or a transfer
 * between the account's own wallets. Stored as legs so a balance reconciles by summing them,
 * whatever the kind. `key` = assetFlowKey(exchange, accountId, kind, flowId).
 */
export interface AssetFlow {
  key: string;
  accountId: string;
  exchange: ExchangeId;
  kind: AssetFlowKind;
  /** The exchange's own type (transfer type MAIN_UMFUTURE, distribution text, ...). */
  rawType: string;
  flowId: string;
  timestamp: number;
  legs: AssetFlowLeg[];
}

export const SYNC_STREAMS = ['trades', 'movements', 'income', 'converts', 'dust', 'rewards', 'transfers'] as const;
export type SyncStream = (typeof SYNC_STREAMS)[number];

/**
 * Where a stream resumes. Opaque to the store; only the adapter that wrote it interprets it.
 * - `fromId`: id-sequenced endpoints (Binance myTrades/userTrades): the next id to ask for.
 * - `window`: time-windowed endpoints (Bybit, Binance income/movements): the start of the first
 *   window not yet fully committed, plus the exchange's page cursor inside it when mid-window.
 */
export type Cursor =
  | { kind: 'fromId'; fromId: string }
  | { kind: 'window'; windowStart: number; pageCursor: string | null };

export interface Checkpoint {
  /** checkpointKey(accountId, stream, marketType, symbol) */
  key: string;
  accountId: string;
  stream: SyncStream;
  /** null for account-wide streams (movements). */
  marketType: MarketType | null;
  /** '' for streams that are not per symbol. */
  symbol: string;
  cursor: Cursor;
  /** Newest row time committed under this checkpoint. */
  lastTimestamp: number | null;
  /** Rows committed under this checkpoint so far (inserted, not duplicates). */
  rowCount: number;
  updatedAt: number;
}

export const JOB_MODES = ['trades', 'movements', 'income', 'balances', 'full'] as const;
export type JobMode = (typeof JOB_MODES)[number];

export const JOB_STATUSES = ['QUEUED', 'RUNNING', 'RETRY_SCHEDULED', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export type JobRequester = 'manual' | 'system';

export type SyncPhase = 'queued' | 'markets' | 'discovering' | 'trades' | 'movements' | 'income' | 'wallet' | 'balances' | 'finishing';

export interface JobProgress {
  phase: SyncPhase;
  currentSymbols: string[];
  batchIndex: number;
  batchCount: number;
  inserted: number;
  duplicates: number;
  requests: number;
  weightUsed: number;
  /** ms; null until one batch finished. Includes a wait in progress (see waitingUntil). */
  etaMs: number | null;
  /** Set while the attempt waits inside a page (the rate-limit window, a Retry-After, a backoff): when it goes on. */
  waitingUntil?: number | null;
  waitReason?: WaitReason | null;
  updatedAt: number;
}

/** `rate_limit` = our own budget for the exchange's window is used up; `retry_after` = the exchange said wait; `backoff` = a page retry. */
export type WaitReason = 'rate_limit' | 'retry_after' | 'backoff';

/** Safe error as stored and shown: code + message, never a secret or a signed URL. */
export interface SafeError {
  code: string;
  message: string;
}

export interface Job {
  id: string;
  accountId: string;
  mode: JobMode;
  /** Overrides where time-windowed streams start (ms). */
  since: number | null;
  requestedBy: JobRequester;
  requestedAt: number;
  status: JobStatus;
  /** Attempts started so far (0 while first queued). */
  attempt: number;
  maxAttempts: number;
  nextRunAt: number | null;
  heartbeatAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  progress: JobProgress | null;
  error: SafeError | null;
  /** Set when this job continues one that hit its page budget. */
  continuationOf: string | null;
  /**
   * Where the history this job's chain covers starts, when the job itself runs without a date:
   * a continuation of a dated job resumes from the checkpoints (no `since`) but covers nothing
   * before the date the chain started at. Absent or null = the job's own `since`.
   */
  coverageFrom?: number | null;
}

export interface SyncStats {
  fetched: number;
  inserted: number;
  duplicates: number;
  invalid: number;
  /** Always 0: the sync is append-only. Kept so the log shows it. */
  updated: number;
  pages: number;
  requests: number;
  weight: number;
  retries: number;
}

export interface SymbolFailure {
  marketType: MarketType | null;
  symbol: string;
  code: string;
  message: string;
  at: number;
}

export interface InvalidRowReport {
  reason: string;
  count: number;
  /** A few sample exchange ids or row positions, for the log. */
  samples: string[];
}

/** One attempt of one job. */
export interface SyncLog {
  /** `${jobId}#${attempt}` */
  id: string;
  jobId: string;
  accountId: string;
  mode: JobMode;
  attempt: number;
  startedAt: number;
  finishedAt: number | null;
  status: JobStatus;
  error: SafeError | null;
  stats: SyncStats;
  symbolFailures: SymbolFailure[];
  invalid: InvalidRowReport[];
}

/** A raw exchange payload kept for diagnosis when a later step of its batch failed. Sanitized. */
export interface RawSnapshot {
  id: string;
  accountId: string;
  jobId: string;
  /** Payload format version, so old snapshots stay readable. */
  version: 1;
  createdAt: number;
  reason: string;
  /** JSON text, capped in size by the engine. */
  payload: string;
}

export function emptyStats(): SyncStats {
  return { fetched: 0, inserted: 0, duplicates: 0, invalid: 0, updated: 0, pages: 0, requests: 0, weight: 0, retries: 0 };
}
