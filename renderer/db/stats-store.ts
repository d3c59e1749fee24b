import type { Table } from 'dexie';
import type { StatsDelta } from './aggregates';
import { mergeAccountDayStats, mergeAccountQuarterStats, mergeDayStats, mergeSymbolStats } from './aggregates';
import type { AccountDayStats, AccountQuarterStats, SymbolStats, TradeDayStats } from './records';

export interface StatsTables {
  dailyStats: Table<TradeDayStats, [string, string, number]>;
  symbolStats: Table<SymbolStats, [string, string]>;
  accountDailyStats: Table<AccountDayStats, [string, number]>;
  accountQuarterStats: Table<AccountQuarterStats, [string, number]>;
}

/** The stats tables, for transaction scopes: every writer of trades must include all of them. */
export function statsTables(db: StatsTables): Table[] {
  return [db.dailyStats, db.symbolStats, db.accountDailyStats, db.accountQuarterStats];
}

/**
 * Adds a delta to the stats tables. Must run inside the caller's rw transaction (commitBatch,
 * restore) so stats and rows can never disagree.
 */
export async function applyStatsDelta(tables: StatsTables, delta: StatsDelta): Promise<void> {
  if (delta.days.size === 0 && delta.symbols.size === 0 && delta.accountDays.size === 0) return;
  const days = [...delta.days.values()];
  const symbols = [...delta.symbols.values()];
  const accountDays = [...delta.accountDays.values()];
  const accountQuarters = [...delta.accountQuarters.values()];
  const [storedDays, storedSymbols, storedAccountDays, storedQuarters] = await Promise.all([
    tables.dailyStats.bulkGet(days.map((d): [string, string, number] => [d.accountId, d.symbol, d.day])),
    tables.symbolStats.bulkGet(symbols.map((s): [string, string] => [s.accountId, s.symbol])),
    tables.accountDailyStats.bulkGet(accountDays.map((a): [string, number] => [a.accountId, a.day])),
    tables.accountQuarterStats.bulkGet(accountQuarters.map((a): [string, number] => [a.accountId, a.qh])),
  ]);
  await Promise.all([
    tables.dailyStats.bulkPut(days.map((d, i) => mergeDayStats(storedDays[i], d))),
    tables.symbolStats.bulkPut(symbols.map((s, i) => mergeSymbolStats(storedSymbols[i], s))),
    tables.accountDailyStats.bulkPut(accountDays.map((a, i) => mergeAccountDayStats(storedAccountDays[i], a))),
    tables.accountQuarterStats.bulkPut(accountQuarters.map((a, i) => mergeAccountQuarterStats(storedQuarters[i], a))),
  ]);
}
