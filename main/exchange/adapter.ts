import type { AssetFlowKind, Cursor, ExchangeId, MarketType, MovementType, SymbolScope } from '../../shared/domain/types';
import type { KeyPermissions } from '../../shared/domain/engine';

/**
 * What the sync engine needs from an exchange. One implementation per exchange family, built on
 * ccxt. Adapters never pace themselves (ccxt's throttler is off): every HTTP request is
 * sent through the engine's RequestGate, which reserves its weight first and learns from the
 * response headers afterwards. Adapters never retry: they throw AppError with an EXCHANGE_* code
 * (and `retryAfterMs` when the exchange said so), and the engine decides.
 *
 * Rows come back raw (ccxt unified objects, `info` included) so the engine can keep a raw
 * snapshot when a later step fails; the engine normalizes them with the pure code in shared/.
 */

/** The cost of one HTTP request, declared before it is sent. */
export interface RequestCost {
  /** Rate bucket the weight is charged to: `binance:api` (spot, per IP), `binance:fapi`, `binance:sapi`, `bybit:execution`, ... */
  bucket: string;
  weight: number;
  /** Circuit-breaker group (endpoint group): `binance:spot`, `binance:linear`, `binance:wallet`, `bybit:linear`, ... */
  group: string;
  /**
   * A diagnostic request (the exchange's system status): charged to its bucket like any other,
   * but no breaker judges or blocks it, since it is asked exactly while the others are failing.
   */
  probe?: boolean;
}

/** What a response said about the rate limit. */
export interface RateObservation {
  /** Weight the exchange says is used in its current window (X-MBX-USED-WEIGHT-1M), if sent. */
  usedWeight?: number;
  /** Bybit: requests remaining in the current window (X-Bapi-Limit-Status), if sent. */
  remaining?: number;
  /** Bybit: window limit (X-Bapi-Limit), if sent. */
  limit?: number;
  /** Bybit: when the window resets, ms epoch (X-Bapi-Limit-Reset-Timestamp), if sent. */
  resetAt?: number;
  /** Retry-After in ms on 429/418/403. */
  retryAfterMs?: number;
  /** Binance exchangeInfo `rateLimits` REQUEST_WEIGHT: the budget the server enforces on this bucket. */
  weightLimit?: { limit: number; windowMs: number };
  status: number;
}

/** Provided by the engine: the only way an adapter may send a request. */
export interface RequestGate {
  /** Waits until `cost` fits the bucket's budget and its breaker allows, then runs `send`. */
  run<T>(cost: RequestCost, send: () => Promise<T>): Promise<T>;
  /** Feeds what a response said about the limit back to the bucket (called for errors too). */
  observe(bucket: string, observation: RateObservation): void;
}

export interface MarketInfo {
  /** Unified ccxt symbol. */
  symbol: string;
  /** Exchange-native id (BTCUSDT). */
  id: string;
  marketType: MarketType;
  base: string;
  quote: string;
  settle: string | null;
  active: boolean;
}

export interface TradesPageRequest {
  marketType: MarketType;
  symbol: string;
  /** null = start of history (or `since`). */
  cursor: Cursor | null;
  /** Lower time bound for a fresh cursor (account historyStart or the job's since override). */
  since: number | null;
  limit: number;
  /** Upper time bound: the engine passes its clock so runs are reproducible in tests. */
  now: number;
}

export interface Page {
  /** Raw rows (ccxt unified objects or raw exchange rows), oldest first. */
  rows: unknown[];
  /** Where the next page starts; store it only after `rows` are committed. */
  next: Cursor;
  /** True when the stream is exhausted up to `now`. */
  done: boolean;
}

export interface MovementsPageRequest {
  type: MovementType;
  cursor: Cursor | null;
  since: number | null;
  limit: number;
  now: number;
}

export interface IncomePageRequest {
  marketType: MarketType;
  cursor: Cursor | null;
  since: number | null;
  limit: number;
  now: number;
  /**
   * Last time (ms) this request may read, when the stream is read as several time windows side by
   * side (`incomeWindows`): the page stays inside its window, and the window's last page hands back
   * the next window's start. Absent: up to now.
   */
  until?: number;
}

/** One of the independent time windows an income stream splits into (`ExchangeAdapter.incomeWindows`). */
export interface IncomeWindow {
  /** Where the window's first request starts. */
  cursor: Cursor;
  /** Its last ms; null for the last window, which reads up to now and ends the stream. */
  until: number | null;
}

export interface FlowsPageRequest {
  kind: AssetFlowKind;
  /** One of `flowSubtypes(kind)` (Binance transfers: the transfer type), '' when the kind has none. */
  subtype: string;
  cursor: Cursor | null;
  since: number | null;
  limit: number;
  now: number;
}

export interface DiscoverRequest {
  marketType: MarketType;
  scope: SymbolScope;
  /** Symbols already known to matter (previous checkpoints, income, movements). */
  hints: string[];
}

export interface BalancesResult {
  marketType: MarketType;
  timestamp: number;
  /** Raw ccxt balance structure. */
  raw: unknown;
}

export interface ExchangeAdapter {
  readonly exchange: ExchangeId;
  readonly marketTypes: readonly MarketType[];
  /** Loads (or reloads after a failure) the restricted market list. */
  loadMarkets(): Promise<MarketInfo[]>;
  discoverSymbols(request: DiscoverRequest): Promise<string[]>;
  fetchTradesPage(request: TradesPageRequest): Promise<Page>;
  /** What one trades page costs on the wire (its bucket as the gate names it, and weight), for the ETA's rate-limit floor. Absent: unknown. */
  tradesPageCost?(marketType: MarketType): { bucket: string; weight: number };
  fetchMovementsPage(request: MovementsPageRequest): Promise<Page>;
  fetchIncomePage(request: IncomePageRequest): Promise<Page>;
  /** Sub-streams of a wallet kind, each with its own cursor; [] = the exchange does not serve the kind. */
  flowSubtypes(kind: AssetFlowKind): readonly string[];
  /** Converts, dust, distributions, wallet transfers: raw exchange rows, oldest first. */
  fetchFlowsPage(request: FlowsPageRequest): Promise<Page>;
  fetchBalances(marketType: MarketType): Promise<BalancesResult>;
  checkPermissions(): Promise<KeyPermissions>;
  /**
   * The exchange's own system status (its maintenance announcement). Optional: an adapter without
   * one leaves failures described as what they were.
   */
  systemStatus?(): Promise<SystemStatus>;
  /** Re-syncs the clock offset after a clock-skew error. */
  resyncClock(): Promise<void>;
  /** Every rate bucket this adapter charges, with the exchange's own window and limit. */
  buckets(): BucketSpec[];
  /**
   * True when each market type's trades and income, and the wallet streams, are charged to rate
   * buckets of their own (Binance: spot `api`, USD-M `fapi`, wallet `sapi`): the pipeline then runs
   * them side by side. Absent = one shared budget (Bybit's execution list serves every category),
   * where running them at once would only split it; they run one after another.
   */
  readonly bucketPerMarketType?: boolean;
  /**
   * How far back the USD-M income stream is served, when each of its rows names the symbol of the
   * fill it books (Binance: 3 months; COMMISSION and REALIZED_PNL rows carry `symbol` and `tradeId`).
   * With it, a first search of a USD-M symbol that income proves untraded is spared
   * (shared/sync/linear-evidence.ts). Absent: every candidate is searched.
   */
  readonly incomeHistoryMs?: number;
  /**
   * The income stream from where it resumes (its cursor, or `since`) to now, split into time
   * windows that can be read side by side: none depends on another's pages (Binance: a request
   * spans at most 7 days, rows are paged by time inside one). Absent: read one page after another.
   */
  incomeWindows?(request: { marketType: MarketType; cursor: Cursor | null; since: number | null; now: number }): IncomeWindow[];
}

export interface SystemStatus {
  maintenance: boolean;
  /** When the exchange expects it to end (ms), if it says. */
  endsAt: number | null;
}

export interface BucketSpec {
  bucket: string;
  /** Exchange's budget per window (e.g. 6000 weight per minute). */
  limit: number;
  windowMs: number;
  /** `fixed` = calendar window (Binance minute); `rolling` = sliding window (Bybit per-second). */
  kind: 'fixed' | 'rolling';
}

export interface AdapterCredentials {
  apiKey: string;
  secret: string;
}

export interface AdapterOptions {
  accountId: string;
  exchange: ExchangeId;
  marketTypes: MarketType[];
  testnet: boolean;
  /** Overrides every API URL (simulator, demo). */
  baseUrl: string | null;
  credentials: AdapterCredentials | null;
  gate: RequestGate;
  /** Per-request timeout in ms. */
  timeoutMs?: number;
}
