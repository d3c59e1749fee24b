import type { Side } from '../../../shared/domain/types';
import type { StatsFilter } from '../../../shared/journal/stats';
import { UTC_ZONE, zoneClock } from '../../../shared/time/zone';
import { DAY_MS } from '../../db/aggregates';
import type { TotalsFilter, TradeFilter } from '../../db/queries';

/**
 * The journal view's filter bar, as typed by the user, and its translation into the query
 * parameters of renderer/db (keyset pages, stats tables) and shared/journal (stats).
 * Dates are calendar days (`YYYY-MM-DD`, what <input type="date"> gives) in the trader's zone
 * for positions, stats and trades; the stored fill totals (stats tables) stay UTC days.
 */
export interface JournalFilters {
  /** null = all accounts. */
  accountId: string | null;
  /** null = all symbols. */
  symbol: string | null;
  side: Side | null;
  /** Inclusive UTC day, '' = open. */
  fromDate: string;
  /** Inclusive UTC day, '' = open. */
  toDate: string;
  /** Journal tag, '' = any. */
  tag: string;
}

export const EMPTY_FILTERS: JournalFilters = { accountId: null, symbol: null, side: null, fromDate: '', toDate: '', tag: '' };

const DATE_INPUT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2026-03-05` -> ms at 00:00 UTC that day; null for '' or an impossible date. */
export function parseDateInput(value: string): number | null {
  const m = DATE_INPUT.exec(value.trim());
  if (m === null) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t;
}

/** ms -> `YYYY-MM-DD` (UTC). */
export function formatDateInput(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

export interface MsRange {
  /** Inclusive. */
  from?: number;
  /** Inclusive (last ms of the last day). */
  to?: number;
}

/**
 * The inclusive ms range of the date inputs, read as days in `zone` (the trader's days; default
 * UTC). A reversed range is kept (queries return nothing).
 */
export function dateRange(filters: Pick<JournalFilters, 'fromDate' | 'toDate'>, zone: string = UTC_ZONE): MsRange {
  const from = parseDateInput(filters.fromDate);
  const toStart = parseDateInput(filters.toDate);
  const clock = zoneClock(zone);
  const range: MsRange = {};
  if (from !== null) range.from = clock.startOfDay(formatDateInput(from));
  if (toStart !== null) range.to = clock.startOfDay(formatDateInput(toStart + DAY_MS)) - 1;
  return range;
}

/** For newestTrades (keyset pages). The tag is not a trade field: see tagged trades. */
export function toTradeFilter(filters: JournalFilters, zone: string = UTC_ZONE): TradeFilter {
  const out: TradeFilter = { ...dateRange(filters, zone) };
  if (filters.accountId !== null) out.accountId = filters.accountId;
  if (filters.symbol !== null) out.symbol = filters.symbol;
  if (filters.side !== null) out.side = filters.side;
  return out;
}

/**
 * For tradeTotals: inclusive day numbers of the date inputs (a date's number is the same in every
 * calendar). Without a symbol they are days of `zone` (account totals are kept per quarter hour);
 * with one, UTC days (per-symbol totals are kept per UTC day; docs/REVIEW.md "Your timezone").
 */
export function toTotalsFilter(filters: JournalFilters, zone?: string): TotalsFilter {
  const out: TotalsFilter = {};
  const { from, to } = dateRange(filters);
  if (filters.accountId !== null) out.accountId = filters.accountId;
  if (filters.symbol !== null) out.symbol = filters.symbol;
  else if (zone !== undefined) out.timeZone = zone;
  if (from !== undefined) out.fromDay = Math.floor(from / DAY_MS);
  if (to !== undefined) out.toDay = Math.floor(to / DAY_MS);
  return out;
}

/** For computeStats: positions by close time, `to` exclusive. */
export function toStatsFilter(filters: JournalFilters, zone: string = UTC_ZONE): StatsFilter {
  const out: StatsFilter = {};
  const { from, to } = dateRange(filters, zone);
  if (from !== undefined) out.from = from;
  if (to !== undefined) out.to = to + 1;
  if (filters.accountId !== null) out.accountIds = [filters.accountId];
  if (filters.symbol !== null) out.symbols = [filters.symbol];
  return out;
}

/** A trade passes the non-index parts of the filter (used for tag-filtered lists, which come from the journal table). */
export function matchesTrade(filter: TradeFilter, t: { accountId: string; symbol: string; side: Side; timestamp: number }): boolean {
  if (filter.accountId !== undefined && t.accountId !== filter.accountId) return false;
  if (filter.symbol !== undefined && t.symbol !== filter.symbol) return false;
  if (filter.side !== undefined && t.side !== filter.side) return false;
  if (filter.from !== undefined && t.timestamp < filter.from) return false;
  if (filter.to !== undefined && t.timestamp > filter.to) return false;
  return true;
}

/** Stable identity of a filter, for React keys and query deps. */
export function filtersKey(filters: JournalFilters): string {
  return JSON.stringify([filters.accountId, filters.symbol, filters.side, filters.fromDate, filters.toDate, filters.tag]);
}
