import type { Trade } from '../../shared/domain/types';
import { tradeStatsDelta } from './aggregates';
import { addCountingDuplicates } from './bulk-add';
import { applyDerived, ledgerTables } from './ledger-store';
import type { JournalDb } from './schema';
import { applyStatsDelta, statsTables } from './stats-store';

export interface InsertTradesResult {
  inserted: number;
  duplicates: number;
}

/**
 * Append-only insert of trades that did not come through a sync batch (a CSV import, a restore
 * of a foreign file): one rw transaction per chunk with the stats tables, so counts and totals
 * stay exact, duplicates are counted and never rewritten. No checkpoint moves: a later sync still
 * fetches its own history and dedupes against these rows by key.
 */
export async function insertTrades(db: JournalDb, trades: readonly Trade[], options: { chunkRows?: number; onProgress?: (done: number) => void } = {}): Promise<InsertTradesResult> {
  const chunkRows = options.chunkRows ?? 1000;
  const total: InsertTradesResult = { inserted: 0, duplicates: 0 };
  for (let i = 0; i < trades.length; i += chunkRows) {
    const chunk = trades.slice(i, i + chunkRows);
    const outcome = await db.transaction('rw', [db.trades, ...statsTables(db), ...ledgerTables(db)], async () => {
      const added = await addCountingDuplicates(db.trades, chunk);
      await applyStatsDelta(db, tradeStatsDelta(added.inserted));
      // Older history than the stored fills (the usual import) marks its symbols for a replay.
      await applyDerived(db, added.inserted, [], Date.now());
      return added;
    });
    total.inserted += outcome.inserted.length;
    total.duplicates += outcome.duplicates;
    options.onProgress?.(Math.min(trades.length, i + chunkRows));
  }
  return total;
}
