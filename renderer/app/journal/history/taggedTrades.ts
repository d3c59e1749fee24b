import type { Trade } from '../../../../shared/domain/types';
import type { TradeFilter } from '../../../db/queries';
import { journalEntriesByTag } from '../../../db/journal-entries';
import type { JournalDb } from '../../../db/schema';
import { matchesTrade } from '../filters';

/** Most tagged trades listed at once (tags are user-written, so this is rarely reached). */
export const TAGGED_LIMIT = 5000;

/**
 * Trades carrying a journal tag, newest first: read through the journal table's `*tags` index
 * (user-written rows, few), then the trades by primary key. Never scans trades.
 */
export async function taggedTrades(db: JournalDb, tag: string, filter: TradeFilter): Promise<Trade[]> {
  const entries = (await journalEntriesByTag(db, tag)).slice(0, TAGGED_LIMIT);
  const keys = entries.filter((e) => e.kind === 'trade' && (filter.accountId === undefined || e.accountId === filter.accountId)).map((e) => e.key);
  const trades = await db.trades.bulkGet(keys);
  const out: Trade[] = [];
  for (const t of trades) if (t !== undefined && matchesTrade(filter, t)) out.push(t);
  return out.sort((a, b) => b.timestamp - a.timestamp || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
}
