import type { Table } from 'dexie';
import type { StatsDelta } from './aggregates';
import { mergeDayStats, mergeSymbolStats } from './aggregates';
import type { SymbolStats, TradeDayStats } from './records';

export interface StatsTables {
  dailyStats: Table<TradeDayStats, [string, string, number]>;
  symbolStats: Table<SymbolStats, [string, string]>;
}

/**
 * Adds a delta to the stats tables. Must run inside the caller's rw transaction (commitBatch,
 * restore, migration) so stats and rows can never disagree.
 */
export async function applyStatsDelta(tables: StatsTables, delta: StatsDelta): Promise<void> {
  if (delta.days.size === 0 && delta.symbols.size === 0) return;
  const days = [...delta.days.values()];
  const symbols = [...delta.symbols.values()];
  const [storedDays, storedSymbols] = await Promise.all([
    tables.dailyStats.bulkGet(days.map((d): [string, string, number] => [d.accountId, d.symbol, d.day])),
    tables.symbolStats.bulkGet(symbols.map((s): [string, string] => [s.accountId, s.symbol])),
  ]);
  await Promise.all([
    tables.dailyStats.bulkPut(days.map((d, i) => mergeDayStats(storedDays[i], d))),
    tables.symbolStats.bulkPut(symbols.map((s, i) => mergeSymbolStats(storedSymbols[i], s))),
  ]);
}
