import { Dexie } from 'dexie';
import { checkpointHasRows } from '../../shared/sync/plan';
import type { Side, Trade } from '../../shared/domain/types';
import { zoneClock } from '../../shared/time/zone';
import { addTotals, DAY_MS, emptyTotals } from './aggregates';
import type { TradeTotals } from './records';
import type { JournalDb } from './schema';

/**
 * Read queries the UI runs. Each one is served by an index or a stats table: nothing here scans
 * all trades (docs/ARCHITECTURE.md, storage facts: `.filter()` over a full table is 30-50x slower than a matching index, and
 * full-scan sums take tens of seconds at 1,000,000 rows).
 */

export interface TradeFilter {
  accountId?: string;
  symbol?: string;
  side?: Side;
  /** Inclusive bounds, ms since epoch. */
  from?: number;
  to?: number;
}

/** Keyset cursor: the last row of the previous page. Pages are ordered by (timestamp desc, key desc). */
export interface TradeCursor {
  timestamp: number;
  key: string;
}

export interface TradePage {
  rows: Trade[];
  /** null when this was the last page. */
  next: TradeCursor | null;
}

interface Source { accountId: string; symbol?: string }

function compareNewestFirst(a: Trade, b: Trade): number {
  if (a.timestamp !== b.timestamp) return b.timestamp - a.timestamp;
  return a.key < b.key ? 1 : a.key > b.key ? -1 : 0;
}

/** Account/symbol pairs that have trades, from the small stats table instead of the trades. */
async function tradedPairs(db: JournalDb): Promise<[string, string][]> {
  return db.symbolStats.toCollection().primaryKeys();
}

async function sourcesFor(db: JournalDb, filter: TradeFilter): Promise<Source[]> {
  const { accountId, symbol } = filter;
  if (accountId !== undefined) return [symbol === undefined ? { accountId } : { accountId, symbol }];
  const pairs = await tradedPairs(db);
  if (symbol !== undefined) return pairs.filter(([, s]) => s === symbol).map(([a]) => ({ accountId: a, symbol }));
  return [...new Set(pairs.map(([a]) => a))].map((a) => ({ accountId: a }));
}

async function newestFromSource(db: JournalDb, src: Source, filter: TradeFilter, limit: number, after: TradeCursor | undefined): Promise<Trade[]> {
  const lo = filter.from ?? -Infinity;
  const hi = Math.min(filter.to ?? Infinity, after?.timestamp ?? Infinity);
  if (hi < lo) return [];
  const prefix = src.symbol === undefined ? [src.accountId] : [src.accountId, src.symbol];
  const index = src.symbol === undefined ? '[accountId+timestamp]' : '[accountId+symbol+timestamp]';
  const side = filter.side;
  // Reverse index order is (timestamp desc, primary key desc), the page order. Rows tied with the
  // cursor's timestamp are skipped by key; only that tie group is filtered, not the table.
  const keep = (t: Trade): boolean =>
    (side === undefined || t.side === side) &&
    (after === undefined || t.timestamp < after.timestamp || t.key < after.key);
  return db.trades.where(index).between([...prefix, lo], [...prefix, hi], true, true)
    .reverse().filter(keep).limit(limit).toArray();
}

/**
 * Newest-first page of trades. With an account the page comes straight from one compound index;
 * without one it is a merge of the per-account (or per account+symbol) indexes, each read only
 * `limit` rows deep, so the cost grows with the number of accounts, not of trades.
 */
export async function newestTrades(db: JournalDb, filter: TradeFilter = {}, page: { limit?: number; after?: TradeCursor } = {}): Promise<TradePage> {
  const limit = page.limit ?? 100;
  return db.transaction('r', [db.trades, db.symbolStats], async () => {
    const sources = await sourcesFor(db, filter);
    // One source at a time on purpose: Chromium drops a cursor's prefetch cache whenever another
    // request runs in the same transaction, so interleaved cursors pay a round trip per row.
    const parts: Trade[] = [];
    for (const src of sources) parts.push(...await newestFromSource(db, src, filter, limit, page.after));
    const rows = parts.sort(compareNewestFirst).slice(0, limit);
    const last = rows[rows.length - 1];
    const next = rows.length === limit && last !== undefined ? { timestamp: last.timestamp, key: last.key } : null;
    return { rows, next };
  });
}

export interface TotalsFilter {
  accountId?: string;
  symbol?: string;
  /** Inclusive day numbers (days since 1970-01-01 of the calendar in use, see timeZone). Omit both for all time. */
  fromDay?: number;
  toDay?: number;
  /**
   * The IANA zone whose calendar days fromDay/toDay are: an account's totals are then summed from
   * its quarter-hour rows into that zone's days. Per-symbol totals are kept per UTC day, so with a
   * symbol (or without a zone) the days are UTC days.
   */
  timeZone?: string;
}

function sum(rows: readonly TradeTotals[]): TradeTotals {
  const total = emptyTotals();
  for (const row of rows) addTotals(total, row);
  return total;
}

/** UTC ms bounds [lo, hi) of the zone's days fromDay..toDay (inclusive day numbers of its calendar). */
export function zoneDayBounds(zone: string, fromDay: number, toDay: number): [number, number] {
  const clock = zoneClock(zone);
  const iso = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
  return [
    Number.isFinite(fromDay) ? clock.startOfDay(iso(fromDay)) : -Infinity,
    Number.isFinite(toDay) ? clock.startOfDay(iso(toDay + 1)) : Infinity,
  ];
}

async function dayRows(db: JournalDb, accountId: string, symbol: string | undefined, fromDay: number, toDay: number, zone?: string): Promise<(TradeTotals & { day: number })[]> {
  if (symbol === undefined && zone !== undefined) {
    const [lo, hi] = zoneDayBounds(zone, fromDay, toDay);
    if (!(lo < hi)) return [];
    const clock = zoneClock(zone);
    // A quarter hour lies inside one day of every zone: its start's day is its fills' day.
    const rows = await db.accountQuarterStats.where(':id').between([accountId, lo], [accountId, hi], true, false).toArray();
    return rows.map(({ accountId: _a, qh, ...totals }) => ({ ...totals, day: clock.parts(qh).dayNumber }));
  }
  if (symbol !== undefined) {
    return db.dailyStats.where(':id').between([accountId, symbol, fromDay], [accountId, symbol, toDay], true, true).toArray();
  }
  return db.accountDailyStats.where(':id').between([accountId, fromDay], [accountId, toDay], true, true).toArray();
}

/** Count, volume, fees and exchange P&L for an account/symbol/day range, from the stats tables only. */
export async function tradeTotals(db: JournalDb, filter: TotalsFilter = {}): Promise<TradeTotals> {
  return db.transaction('r', [db.dailyStats, db.symbolStats, db.accountDailyStats, db.accountQuarterStats], async () => {
    const { accountId, symbol } = filter;
    if (filter.fromDay === undefined && filter.toDay === undefined) {
      const coll = accountId === undefined
        ? db.symbolStats.toCollection()
        : db.symbolStats.where(':id').between([accountId], [accountId, Dexie.maxKey]);
      const rows = await coll.filter((r) => symbol === undefined || r.symbol === symbol).toArray();
      return sum(rows);
    }
    const fromDay = filter.fromDay ?? -Infinity;
    const toDay = filter.toDay ?? Infinity;
    const sources = await sourcesFor(db, { ...(accountId === undefined ? {} : { accountId }), ...(symbol === undefined ? {} : { symbol }) });
    const parts = await Promise.all(sources.map((s) => dayRows(db, s.accountId, s.symbol, fromDay, toDay, filter.timeZone)));
    return sum(parts.flat());
  });
}

export interface DayTotals extends TradeTotals {
  day: number;
}

/**
 * Per-day totals of one account (all symbols, or one), ascending by day: the dashboard chart. With
 * a zone and no symbol the days are that zone's (see TotalsFilter.timeZone), else UTC days.
 */
export async function dailyTotals(db: JournalDb, accountId: string, fromDay: number, toDay: number, symbol?: string, zone?: string): Promise<DayTotals[]> {
  const rows = await dayRows(db, accountId, symbol, fromDay, toDay, zone);
  const byDay = new Map<number, DayTotals>();
  for (const row of rows) {
    let day = byDay.get(row.day);
    if (day === undefined) {
      day = { day: row.day, ...emptyTotals() };
      byDay.set(row.day, day);
    }
    addTotals(day, row);
  }
  return [...byDay.values()].sort((a, b) => a.day - b.day);
}

/** Symbols an account syncs trades for, from its checkpoints (one row per symbol), sorted. */
export async function listSymbols(db: JournalDb, accountId: string): Promise<string[]> {
  const checkpoints = await db.checkpoints.where('accountId').equals(accountId).toArray();
  // Only symbols with stored trades: the engine also keeps checkpoints of symbols searched in vain.
  const symbols = new Set(checkpoints.filter((c) => c.stream === 'trades' && c.symbol !== '' && checkpointHasRows(c)).map((c) => c.symbol));
  return [...symbols].sort();
}
