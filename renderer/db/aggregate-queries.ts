import { AppError } from '../../shared/errors';
import { statsFromQuarters, type AggregateStats } from '../../shared/journal/aggregate-stats';
import { Dexie } from 'dexie';
import { DAY_MS, quarterHourOf, symbolGroups, utcDayOf, type ClosedQuarter, type ClosedSymbolDay } from '../../shared/journal/closed-buckets';
import { unpackQuarterDay, unpackSymbolDays } from '../../shared/journal/quarter-pack';
import { filterClosed, type StatsFilter, type StatsOptions } from '../../shared/journal/stats';
import type { LabelledPosition } from '../../shared/journal/labelled-position';
import { closedBetween } from './closed-aggregates';
import { readLabelledOfAccount } from './labelled-positions';
import type { PositionRow } from './records';
import type { JournalDb } from './schema';

/**
 * The dashboard's reads of the stored aggregates (closed-aggregates.ts): index-bounded range
 * reads whose size follows the number of quarter hours and days with closes, not of positions.
 */

/** The accounts a filter covers: its own list, else every account with derived P&L (one key per ledger, no rows read). */
async function accountsOf(db: JournalDb, filter: StatsFilter): Promise<string[]> {
  if (filter.accountIds !== undefined) return [...filter.accountIds];
  const keys = await db.ledgers.toCollection().primaryKeys();
  return [...new Set(keys.map(([accountId]) => accountId))];
}

/** Quarter rows of the accounts in [from, to) (whole quarter hours containing from). */
async function readQuarters(db: JournalDb, accountIds: readonly string[], filter: StatsFilter): Promise<ClosedQuarter[]> {
  const lo = filter.from === undefined ? -Infinity : quarterHourOf(filter.from);
  const hi = filter.to ?? Infinity;
  if (!(lo < hi)) return [];
  // Day packs (one record per UTC day: Chromium's IndexedDB costs per record), cut to [lo, hi).
  const dayLo = Number.isFinite(lo) ? utcDayOf(lo) : Dexie.minKey;
  const dayHi = Number.isFinite(hi) ? utcDayOf(hi) : Dexie.maxKey;
  const parts = await Promise.all(accountIds.map((a) => db.closedQuarterDays.where(':id').between([a, dayLo], [a, dayHi], true, true).toArray()));
  const out: ClosedQuarter[] = [];
  for (const pack of parts.flat()) unpackQuarterDay(pack, lo, hi, out);
  return out;
}

/**
 * Per-symbol groups of [from, to): day rows for the UTC days wholly inside the range, and the
 * positions closing in the partial UTC days at its edges (a zone's midnight is not UTC's), read by
 * the `[accountId+closedAt]` index. Exact in any zone.
 */
async function readSymbolGroups(db: JournalDb, accountIds: readonly string[], filter: StatsFilter): Promise<AggregateStats['bySymbol']> {
  const from = filter.from ?? -Infinity;
  const to = filter.to ?? Infinity;
  if (!(from < to)) return [];
  const firstDay = Number.isFinite(from) ? Math.ceil(from / DAY_MS) : -Infinity;
  const endDay = Number.isFinite(to) ? Math.floor(to / DAY_MS) : Infinity;
  const days: ClosedSymbolDay[] = [];
  const edges: PositionRow[] = [];
  for (const a of accountIds) {
    if (firstDay < endDay) {
      // Day packs (one record per UTC day: Chromium's IndexedDB costs per record).
      const packs = await db.closedSymbolDayPacks.where(':id').between([a, Number.isFinite(firstDay) ? firstDay : Dexie.minKey], [a, Number.isFinite(endDay) ? endDay : Dexie.maxKey], true, false).toArray();
      for (const pack of packs) unpackSymbolDays(pack, days);
      if (Number.isFinite(firstDay)) edges.push(...await closedBetween(db, a, from, firstDay * DAY_MS));
      if (Number.isFinite(endDay)) edges.push(...await closedBetween(db, a, endDay * DAY_MS, to));
    } else {
      edges.push(...await closedBetween(db, a, from, to));
    }
  }
  return symbolGroups(days, edges);
}

/** The dashboard's stats (tiles, calendar, weekday/hour/symbol tables, equity curve) from the stored aggregates. */
export async function readAggregateStats(db: JournalDb, filter: StatsFilter = {}, options: StatsOptions = {}): Promise<AggregateStats> {
  if (filter.symbols !== undefined || filter.quoteCurrencies !== undefined) {
    // The quarter rows have no symbol and the day rows no quote currency: such a selection is computed from its positions.
    throw new AppError('INVALID_INPUT', 'The stored aggregates cannot filter by symbol or quote currency; compute these stats from the positions.');
  }
  return db.transaction('r', [db.ledgers, db.positions, db.closedQuarterDays, db.closedSymbolDayPacks], async () => {
    const accountIds = await accountsOf(db, filter);
    const [quarters, bySymbol] = await Promise.all([readQuarters(db, accountIds, filter), readSymbolGroups(db, accountIds, filter)]);
    return statsFromQuarters(quarters, bySymbol, filter, options);
  });
}

/**
 * The kept copies of the labelled closed positions the filter selects (schema v10): one range
 * read of day packs per account, about one record per UTC day with labelled closes.
 */
export async function readLabelledPositions(db: JournalDb, filter: StatsFilter = {}): Promise<LabelledPosition[]> {
  if (filter.symbols !== undefined || filter.quoteCurrencies !== undefined) {
    throw new AppError('INVALID_INPUT', 'The labelled positions are read by account and close time; filter by symbol or quote currency over the positions.');
  }
  if (filter.from !== undefined && filter.to !== undefined && !(filter.from < filter.to)) return [];
  return db.transaction('r', [db.ledgers, db.labelledDays], async () => {
    const accountIds = await accountsOf(db, filter);
    const parts = await Promise.all(accountIds.map((a) => readLabelledOfAccount(db, a, filter.from ?? null, filter.to ?? null)));
    return parts.flat();
  });
}

/** The closed positions among these ids that the filter selects (the labelled ones, for setup/R stats). */
export async function readSelectedPositions(db: JournalDb, ids: readonly string[], filter: StatsFilter = {}): Promise<PositionRow[]> {
  const rows = await db.positions.bulkGet([...ids]);
  return filterClosed(rows.filter((r): r is PositionRow => r !== undefined), filter) as PositionRow[];
}
