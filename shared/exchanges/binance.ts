/**
 * Binance wire facts shared by the adapter (what to charge the gate, how to page) and the loopback
 * simulator (what to enforce). Numbers change over time at Binance: change them here only.
 * Source: Binance's public API docs (spot, USD-M, wallet, convert) and ccxt 4.5.84.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Rate buckets as the gate names them. Spot and futures count weight per IP, separately. */
export const BINANCE_BUCKETS = {
  api: { bucket: 'binance:api', limit: 6000, windowMs: MINUTE_MS },
  fapi: { bucket: 'binance:fapi', limit: 2400, windowMs: MINUTE_MS },
  sapi: { bucket: 'binance:sapi', limit: 12000, windowMs: MINUTE_MS },
  /** SAPI endpoints weighed per account (UID) rather than per IP, e.g. convert history (docs: "Weight(UID)"). */
  sapiUid: { bucket: 'binance:sapi-uid', limit: 180000, windowMs: MINUTE_MS },
} as const;

export type BinanceBucketName = keyof typeof BINANCE_BUCKETS;

/** Circuit-breaker groups. */
export const BINANCE_GROUPS = {
  api: 'binance:spot',
  fapi: 'binance:linear',
  sapi: 'binance:wallet',
  sapiUid: 'binance:wallet',
} as const satisfies Record<BinanceBucketName, string>;

/** The exchange's system status: a diagnostic request, never behind (or counted by) a breaker. */
export const BINANCE_STATUS_PATH = '/sapi/v1/system/status';

export interface BinanceEndpointSpec {
  bucket: BinanceBucketName;
  weight: number;
  signed: boolean;
  /** A breaker group of its own, when the endpoint fails independently of its bucket's account endpoints. */
  group?: string;
}

/** Every endpoint the adapter uses and the simulator serves, keyed by URL path. */
export const BINANCE_ENDPOINTS = {
  '/api/v3/ping': { bucket: 'api', weight: 1, signed: false },
  '/api/v3/time': { bucket: 'api', weight: 1, signed: false },
  '/api/v3/exchangeInfo': { bucket: 'api', weight: 20, signed: false },
  '/api/v3/account': { bucket: 'api', weight: 20, signed: true },
  '/api/v3/myTrades': { bucket: 'api', weight: 20, signed: true },
  // Public klines (shared/exchanges/klines.ts); USD-M's weight depends on the limit: 5 is for 500..1000.
  '/api/v3/klines': { bucket: 'api', weight: 2, signed: false },
  '/fapi/v1/klines': { bucket: 'fapi', weight: 5, signed: false },
  '/fapi/v1/ping': { bucket: 'fapi', weight: 1, signed: false },
  '/fapi/v1/time': { bucket: 'fapi', weight: 1, signed: false },
  '/fapi/v1/exchangeInfo': { bucket: 'fapi', weight: 1, signed: false },
  '/fapi/v1/userTrades': { bucket: 'fapi', weight: 5, signed: true },
  // USD-M "Compressed/Aggregate Trades List": public, weight 20; its `f` is the first trade id at a
  // time. Public market data: its successes must not close (nor its failures open) the breaker of
  // the account's USD-M endpoints.
  '/fapi/v1/aggTrades': { bucket: 'fapi', weight: 20, signed: false, group: 'binance:linear-market' },
  '/fapi/v1/income': { bucket: 'fapi', weight: 30, signed: true },
  '/fapi/v2/account': { bucket: 'fapi', weight: 5, signed: true },
  '/fapi/v3/account': { bucket: 'fapi', weight: 5, signed: true },
  '/fapi/v2/balance': { bucket: 'fapi', weight: 5, signed: true },
  '/fapi/v3/balance': { bucket: 'fapi', weight: 5, signed: true },
  '/sapi/v1/capital/deposit/hisrec': { bucket: 'sapi', weight: 1, signed: true },
  // Binance charges withdraw history against a separate, small UID budget: we charge it heavily here.
  '/sapi/v1/capital/withdraw/history': { bucket: 'sapi', weight: 10, signed: true },
  '/sapi/v1/account/apiRestrictions': { bucket: 'sapi', weight: 1, signed: true },
  '/sapi/v1/system/status': { bucket: 'sapi', weight: 1, signed: false },
  // Wallet history beyond fills (docs: convert "Get Convert Trade History", wallet "DustLog",
  // "Asset Dividend Record", "Query User Universal Transfer History").
  '/sapi/v1/convert/tradeFlow': { bucket: 'sapiUid', weight: 3000, signed: true },
  '/sapi/v1/asset/dribblet': { bucket: 'sapi', weight: 1, signed: true },
  '/sapi/v1/asset/assetDividend': { bucket: 'sapi', weight: 10, signed: true },
  '/sapi/v1/asset/transfer': { bucket: 'sapi', weight: 1, signed: true },
} as const satisfies Record<string, BinanceEndpointSpec>;

export type BinancePath = keyof typeof BINANCE_ENDPOINTS;

export function binanceEndpoint(path: string): BinanceEndpointSpec | undefined {
  return (BINANCE_ENDPOINTS as Record<string, BinanceEndpointSpec>)[path];
}

/** Bucket of an unknown path, from its prefix (anything ccxt adds that we did not list). */
export function binanceBucketOfPath(path: string): BinanceBucketName {
  if (path.startsWith('/fapi/')) return 'fapi';
  if (path.startsWith('/sapi/')) return 'sapi';
  return 'api';
}

export const BINANCE_PAGING = {
  myTrades: { defaultLimit: 500, maxLimit: 1000, maxWindowMs: DAY_MS },
  userTrades: { defaultLimit: 500, maxLimit: 1000, maxWindowMs: 7 * DAY_MS, historyMs: 180 * DAY_MS },
  /** USD-M aggregate trades: startTime and endTime both sent must be less than 1 hour apart. */
  aggTrades: { defaultLimit: 500, maxLimit: 1000, maxWindowMs: HOUR_MS },
  income: { defaultLimit: 100, maxLimit: 1000, maxWindowMs: 7 * DAY_MS, historyMs: 90 * DAY_MS },
  /** ccxt always sends endTime = startTime + 90 days, so exactly 90 days is accepted. */
  capital: { defaultLimit: 1000, maxLimit: 1000, maxWindowMs: 90 * DAY_MS },
  /**
   * startTime and endTime both required, at most 30 days apart; no cursor, `moreData` says the
   * window held more. `historyMs` is how far back sync reads it, the app's choice: the docs set no
   * limit, but every window costs 3000 UID weight, so sync reads the last year (13 windows) and
   * older converts come from the account statement (docs/HISTORY-KINDS.md).
   */
  convert: { defaultLimit: 100, maxLimit: 1000, maxWindowMs: 30 * DAY_MS, historyMs: 365 * DAY_MS },
  /** Only the last 100 conversions are served, and none before 2020-12-01. */
  dust: { maxRecords: 100, oldest: Date.UTC(2020, 11, 1) },
  /** At most 180 days between startTime and endTime; no cursor. */
  dividend: { defaultLimit: 20, maxLimit: 500, maxWindowMs: 180 * DAY_MS },
  /** `current` (1-based page) and `size` inside a window; the last 6 months only. */
  transfer: { defaultSize: 10, maxSize: 100, maxWindowMs: 30 * DAY_MS, historyMs: 180 * DAY_MS },
} as const;

/** Transfer types between the wallets the journal knows (spot = MAIN, USD-M = UMFUTURE, FUNDING). */
export const BINANCE_TRANSFER_TYPES = ['MAIN_UMFUTURE', 'UMFUTURE_MAIN', 'MAIN_FUNDING', 'FUNDING_MAIN'] as const;

export const BINANCE_SIGNING = {
  apiKeyHeader: 'X-MBX-APIKEY',
  defaultRecvWindowMs: 5000,
  maxRecvWindowMs: 60_000,
  /** A timestamp this far ahead of the server clock is rejected. */
  aheadToleranceMs: 1000,
} as const;

/** Response header names, lower-cased. */
export const BINANCE_HEADERS = {
  usedWeight: 'x-mbx-used-weight',
  usedWeight1m: 'x-mbx-used-weight-1m',
  retryAfter: 'retry-after',
} as const;

/** Error codes in the `{"code": ..., "msg": ...}` body. */
export const BINANCE_ERRORS = {
  UNKNOWN: -1000,
  TOO_MANY_REQUESTS: -1003,
  TIMESTAMP_OUTSIDE_RECV_WINDOW: -1021,
  INVALID_SIGNATURE: -1022,
  MANDATORY_PARAM_EMPTY: -1102,
  BAD_SYMBOL: -1121,
  INVALID_PARAMETER: -1130,
  WINDOW_TOO_BIG: -1127,
  BAD_COMBINATION: -1128,
  BAD_API_KEY_FMT: -2014,
  REJECTED_MBX_KEY: -2015,
} as const;

/** How long a ban lasts the first time (Binance: 2 minutes, growing for repeat offenders). */
export const BINANCE_BAN_MS = 2 * MINUTE_MS;
