import type { Transaction } from 'dexie';
import type { Trade } from '../../shared/domain/types';
import { addTradeToDelta, emptyDelta } from './aggregates';
import type { SymbolStats, TradeDayStats } from './records';

/**
 * v1 -> v2: compute the trade stats tables from the trades already stored. Runs inside Dexie's
 * versionchange transaction, so either the whole upgrade lands or the database stays at v1.
 * Memory is bounded by the number of account/symbol/day cells, not by the number of trades.
 */
export async function backfillTradeStats(tx: Transaction): Promise<void> {
  const delta = emptyDelta();
  await tx.table<Trade, string>('trades').each((trade) => addTradeToDelta(delta, trade));
  await tx.table<TradeDayStats, [string, string, number]>('dailyStats').bulkPut([...delta.days.values()]);
  await tx.table<SymbolStats, [string, string]>('symbolStats').bulkPut([...delta.symbols.values()]);
}
