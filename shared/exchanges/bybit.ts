/**
 * Bybit v5 wire facts shared by the adapter and the loopback simulator. Change numbers here only.
 * Source: Bybit v5 API docs (rate limit, order/execution, account/transaction-log, asset records).
 */

const SECOND_MS = 1000;
const DAY_MS = 24 * 60 * 60 * SECOND_MS;

/**
 * Per-UID limits per endpoint over a rolling window (docs "Rate Limit", API rate limit table):
 * execution/list 50/s, transaction-log 25/s, deposit records 100 per minute, position/closed-pnl
 * 50/s (its own row in the table's Position group). Endpoints the table does not name share their
 * group's bucket.
 */
export const BYBIT_BUCKETS = {
  execution: { bucket: 'bybit:execution', limit: 50, windowMs: SECOND_MS },
  account: { bucket: 'bybit:account', limit: 50, windowMs: SECOND_MS },
  transactionLog: { bucket: 'bybit:transaction-log', limit: 25, windowMs: SECOND_MS },
  closedPnl: { bucket: 'bybit:closed-pnl', limit: 50, windowMs: SECOND_MS },
  depositRecords: { bucket: 'bybit:deposit-records', limit: 100, windowMs: 60 * SECOND_MS },
  asset: { bucket: 'bybit:asset', limit: 5, windowMs: SECOND_MS },
  user: { bucket: 'bybit:user', limit: 10, windowMs: SECOND_MS },
  market: { bucket: 'bybit:market', limit: 120, windowMs: SECOND_MS },
} as const;

export type BybitBucketName = keyof typeof BYBIT_BUCKETS;

/** IP-wide limit: broken = HTTP 403 for 10+ minutes. */
export const BYBIT_IP_LIMIT = { limit: 600, windowMs: 5 * SECOND_MS, banMs: 10 * 60 * SECOND_MS } as const;

export interface BybitEndpointSpec {
  bucket: BybitBucketName;
  signed: boolean;
}

export const BYBIT_ENDPOINTS = {
  '/v5/market/time': { bucket: 'market', signed: false },
  '/v5/market/instruments-info': { bucket: 'market', signed: false },
  '/v5/market/kline': { bucket: 'market', signed: false },
  '/v5/account/wallet-balance': { bucket: 'account', signed: true },
  '/v5/account/info': { bucket: 'account', signed: true },
  '/v5/account/transaction-log': { bucket: 'transactionLog', signed: true },
  '/v5/execution/list': { bucket: 'execution', signed: true },
  '/v5/position/closed-pnl': { bucket: 'closedPnl', signed: true },
  '/v5/asset/deposit/query-record': { bucket: 'depositRecords', signed: true },
  '/v5/asset/withdraw/query-record': { bucket: 'asset', signed: true },
  '/v5/user/query-api': { bucket: 'user', signed: true },
  '/v5/system/status': { bucket: 'market', signed: false },
} as const satisfies Record<string, BybitEndpointSpec>;

export type BybitPath = keyof typeof BYBIT_ENDPOINTS;

export function bybitEndpoint(path: string): BybitEndpointSpec | undefined {
  return (BYBIT_ENDPOINTS as Record<string, BybitEndpointSpec>)[path];
}

/** Group of an unknown path, from its prefix. */
export function bybitBucketOfPath(path: string): BybitBucketName {
  if (path.startsWith('/v5/market/')) return 'market';
  if (path.startsWith('/v5/execution/')) return 'execution';
  if (path.startsWith('/v5/asset/')) return 'asset';
  if (path.startsWith('/v5/user/')) return 'user';
  return 'account';
}

/** Circuit-breaker group per category / family. */
export const BYBIT_GROUPS = {
  spot: 'bybit:spot',
  linear: 'bybit:linear',
  wallet: 'bybit:wallet',
  public: 'bybit:public',
} as const;

/** The exchange's system status: a diagnostic request, never behind (or counted by) a breaker. */
export const BYBIT_STATUS_PATH = '/v5/system/status';

export const BYBIT_PAGING = {
  execution: { defaultLimit: 50, maxLimit: 100, maxWindowMs: 7 * DAY_MS, historyMs: 730 * DAY_MS },
  transactionLog: { defaultLimit: 20, maxLimit: 50, maxWindowMs: 7 * DAY_MS, historyMs: 730 * DAY_MS },
  /** Docs "Get Closed PnL": limit [1, 100] (default 50), endTime - startTime <= 7 days, the past 730 days. */
  closedPnl: { defaultLimit: 50, maxLimit: 100, maxWindowMs: 7 * DAY_MS, historyMs: 730 * DAY_MS },
  /** Deposits and withdrawals: window must be under 30 days. */
  movements: { defaultLimit: 50, maxLimit: 50, maxWindowMs: 30 * DAY_MS, historyMs: 730 * DAY_MS },
  instruments: { defaultLimit: 500, maxLimit: 1000 },
} as const;

export const BYBIT_SIGNING = {
  apiKeyHeader: 'x-bapi-api-key',
  timestampHeader: 'x-bapi-timestamp',
  recvWindowHeader: 'x-bapi-recv-window',
  signHeader: 'x-bapi-sign',
  defaultRecvWindowMs: 5000,
  aheadToleranceMs: 1000,
} as const;

/** Response header names, lower-cased. */
export const BYBIT_HEADERS = {
  limitStatus: 'x-bapi-limit-status',
  limit: 'x-bapi-limit',
  limitReset: 'x-bapi-limit-reset-timestamp',
  retryAfter: 'retry-after',
} as const;

export const BYBIT_RET_CODES = {
  OK: 0,
  PARAM_ERROR: 10001,
  TIMESTAMP_EXPIRED: 10002,
  INVALID_KEY: 10003,
  BAD_SIGNATURE: 10004,
  PERMISSION_DENIED: 10005,
  TOO_MANY_VISITS: 10006,
  UNMATCHED_IP: 10010,
  SYSTEM_ERROR: 10016,
  KEY_EXPIRED: 33004,
  /** Not in a published table: what the simulator sends while "under maintenance" (HTTP 503). */
  MAINTENANCE: 10016,
} as const;

export const BYBIT_MAINTENANCE_MSG = 'Service under maintenance';
