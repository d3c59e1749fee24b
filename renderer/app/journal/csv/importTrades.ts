import { Dexie } from 'dexie';
import type { JournalDb } from '../../../db/schema';

/** Earliest fill the account already has (symbolStats, no trade scan): the `before` bound for exports without trade ids. */
export async function firstStoredTrade(db: JournalDb, accountId: string): Promise<number | null> {
  const rows = await db.symbolStats.where(':id').between([accountId, Dexie.minKey], [accountId, Dexie.maxKey]).toArray();
  return rows.length === 0 ? null : Math.min(...rows.map((r) => r.firstTimestamp));
}
