import { Dexie } from 'dexie';
import type { Table } from 'dexie';
import type { Trade } from '../../../../shared/domain/types';
import { tradeStatsDelta } from '../../../db/aggregates';
import { addCountingDuplicates } from '../../../db/bulk-add';
import type { JournalDb } from '../../../db/schema';
import { applyStatsDelta } from '../../../db/stats-store';

/**
 * Adapter (renderer/db has no "import rows" entry point yet): writes imported trades in chunks,
 * each chunk one rw transaction that inserts with the primary key rejecting duplicates
 * (addCountingDuplicates: BulkError caught for ConstraintError only, anything else aborts) and
 * adds the inserted rows to the stats tables (applyStatsDelta), exactly as commitBatch does, so
 * counts and totals stay right.
 */
export interface ImportWriteResult {
  inserted: number;
  duplicates: number;
}

export const IMPORT_CHUNK = 1000;

/**
 * trades + every stats table applyStatsDelta writes. Chosen by name (every `...Stats` table) so
 * the scope follows renderer/db when it adds a stats table (v3 adds accountDailyStats) without
 * this adapter naming tables that an older schema lacks.
 */
export function writeScope(db: JournalDb): Table[] {
  return db.tables.filter((t) => t.name === 'trades' || t.name.endsWith('Stats'));
}

export async function writeImportedTrades(db: JournalDb, trades: readonly Trade[], onProgress?: (done: number) => void): Promise<ImportWriteResult> {
  const total: ImportWriteResult = { inserted: 0, duplicates: 0 };
  for (let i = 0; i < trades.length; i += IMPORT_CHUNK) {
    const chunk = trades.slice(i, i + IMPORT_CHUNK);
    const outcome = await db.transaction('rw', writeScope(db), async () => {
      const added = await addCountingDuplicates(db.trades, chunk);
      await applyStatsDelta(db, tradeStatsDelta(added.inserted));
      return added;
    });
    total.inserted += outcome.inserted.length;
    total.duplicates += outcome.duplicates;
    onProgress?.(Math.min(trades.length, i + IMPORT_CHUNK));
  }
  return total;
}

/** Earliest fill the account already has (symbolStats, no trade scan): the `before` bound for exports without trade ids. */
export async function firstStoredTrade(db: JournalDb, accountId: string): Promise<number | null> {
  const rows = await db.symbolStats.where(':id').between([accountId, Dexie.minKey], [accountId, Dexie.maxKey]).toArray();
  return rows.length === 0 ? null : Math.min(...rows.map((r) => r.firstTimestamp));
}
