import type { ExchangeId } from '../domain/types';
import { BINANCE_PAGING } from '../exchanges';
import type { ExportGuideId } from '../journal/csv/export-guide';
import type { CoverageKindId } from './kinds';

/**
 * How far back each exchange's API serves each kind of history, and the export that holds what
 * lies before. Sources: the exchanges' API docs for the endpoints the adapters call.
 * - Binance spot `GET /api/v3/myTrades`: no time limit documented (fromId from 0 serves back to
 *   the account's first trade); users report gaps past ~2 years, so files are still offered.
 * - Binance USD-M `GET /fapi/v1/userTrades`: "only the data in the last 6 months can be queried".
 * - Binance USD-M `GET /fapi/v1/income`: "only the data in the last 3 months" without a start
 *   time older than that.
 * - Binance `GET /sapi/v1/asset/dribblet` (dust): the last 100 conversions only, none before
 *   2020-12-01 (a count and a date).
 * - Binance converts (`/sapi/v1/convert/tradeFlow`): sync looks back one year (its UID weight);
 *   distributions (`/sapi/v1/asset/assetDividend`): sync looks back five years; universal
 *   transfers (`/sapi/v1/asset/transfer`): the last 6 months only.
 * - Bybit v5 `/v5/execution/list`, `/v5/account/transaction-log`: 2 years; classic accounts
 *   (`/v5/execution/list` with category=spot on a classic account): 180 days.
 * null maxAgeDays = no time horizon; `countLimit` = the API keeps only the newest N records;
 * `servedFrom` = nothing older than this date is served at all.
 */
export interface ApiHorizon {
  maxAgeDays: number | null;
  countLimit: number | null;
  servedFrom?: number;
  /** Shown next to the horizon: where the rule comes from and its caveats. */
  note: string;
  /** The export that holds history before the horizon. */
  exportId: ExportGuideId;
}

const DAY = 86_400_000;

const BINANCE: Record<CoverageKindId, ApiHorizon> = {
  spotFills: { maxAgeDays: null, countLimit: null, note: 'myTrades serves back to the first trade; users report gaps past ~2 years', exportId: 'binance-spot' },
  futuresFills: { maxAgeDays: 183, countLimit: null, note: 'userTrades: last 6 months only', exportId: 'binance-futures' },
  income: { maxAgeDays: 90, countLimit: null, note: 'income history: last 3 months only', exportId: 'binance-statement' },
  movements: { maxAgeDays: null, countLimit: null, note: 'deposit/withdraw history in 90-day windows, back to the account start', exportId: 'binance-statement' },
  transfers: { maxAgeDays: 183, countLimit: null, note: 'universal transfer history: last 6 months only', exportId: 'binance-statement' },
  converts: { maxAgeDays: BINANCE_PAGING.convert.historyMs / DAY, countLimit: null, note: 'convert history: sync looks back one year (each 30-day window costs 3000 UID weight)', exportId: 'binance-statement' },
  dust: { maxAgeDays: null, countLimit: BINANCE_PAGING.dust.maxRecords, servedFrom: BINANCE_PAGING.dust.oldest, note: 'dust log: the last 100 conversions only, none before 2020-12-01', exportId: 'binance-statement' },
  rewards: { maxAgeDays: 5 * 365, countLimit: null, note: 'asset dividend history: sync looks back five years', exportId: 'binance-statement' },
  balances: { maxAgeDays: null, countLimit: null, note: 'the current balance only', exportId: 'binance-statement' },
};

const BYBIT: Record<CoverageKindId, ApiHorizon> = {
  spotFills: { maxAgeDays: 730, countLimit: null, note: 'execution list: 2 years (classic accounts: 180 days)', exportId: 'bybit' },
  futuresFills: { maxAgeDays: 730, countLimit: null, note: 'execution list: 2 years (classic accounts: 180 days)', exportId: 'bybit' },
  income: { maxAgeDays: 730, countLimit: null, note: 'transaction log: 2 years', exportId: 'bybit-transaction-log' },
  movements: { maxAgeDays: 730, countLimit: null, note: 'deposit/withdraw records: 2 years', exportId: 'bybit-transaction-log' },
  transfers: { maxAgeDays: 730, countLimit: null, note: 'transaction log: 2 years (sync stores these rows as income)', exportId: 'bybit-transaction-log' },
  converts: { maxAgeDays: 730, countLimit: null, note: 'transaction log: 2 years (sync stores these rows as income)', exportId: 'bybit-transaction-log' },
  dust: { maxAgeDays: 730, countLimit: null, note: 'transaction log: 2 years', exportId: 'bybit-transaction-log' },
  rewards: { maxAgeDays: 730, countLimit: null, note: 'transaction log: 2 years (sync stores these rows as income)', exportId: 'bybit-transaction-log' },
  balances: { maxAgeDays: null, countLimit: null, note: 'the current balance only', exportId: 'bybit-transaction-log' },
};

/** Bybit classic (pre-unified) accounts keep 180 days of fills. */
const BYBIT_CLASSIC_DAYS = 180;

/** The demo exchange is the loopback simulator speaking Binance's API: the same rules. */
export const API_HORIZONS: Record<ExchangeId, Record<CoverageKindId, ApiHorizon>> = { binance: BINANCE, bybit: BYBIT, demo: BINANCE };

/** The time before which the API no longer serves `kind` (ms), or null when it serves everything by time. */
export function horizonTime(exchange: ExchangeId, kind: CoverageKindId, now: number, options: { classic?: boolean } = {}): number | null {
  const h = API_HORIZONS[exchange][kind];
  const days = exchange === 'bybit' && options.classic === true && (kind === 'spotFills' || kind === 'futuresFills') ? BYBIT_CLASSIC_DAYS : h.maxAgeDays;
  const byAge = days === null ? null : now - days * DAY;
  if (h.servedFrom === undefined) return byAge;
  return byAge === null ? h.servedFrom : Math.max(byAge, h.servedFrom);
}
