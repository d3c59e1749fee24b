import { Dexie } from 'dexie';
import type { ClosedPnlRow } from '../../shared/domain/closed-pnl-row';
import { summaryOnlyPnl, type SummaryOnlyPnl } from '../../shared/journal/closed-pnl-file';
import type { PositionRow } from './records';
import type { JournalDb } from './schema';

/** Imported closed P&L rows of an account, in close order (docs/EXPORTS.md, "Bybit closed P&L"). */
export async function closedPnlRowsOf(db: JournalDb, accountId: string): Promise<ClosedPnlRow[]> {
  return db.closedPnlRecords.where('[accountId+closedAt]').between([accountId, Dexie.minKey], [accountId, Dexie.maxKey]).toArray();
}

/** The account's stored linear positions (derived from fills). */
export async function linearPositionsOf(db: JournalDb, accountId: string): Promise<PositionRow[]> {
  const rows = await db.positions.where('[accountId+symbol+openedAt]').between([accountId], [accountId, Dexie.maxKey]).toArray();
  return rows.filter((p) => p.marketType === 'linear');
}

/** Closes known only from imported closed P&L rows (no fill-derived position overlaps them), for one account; null when it has no such rows at all. */
export async function readSummaryOnlyPnl(db: JournalDb, accountId: string): Promise<SummaryOnlyPnl | null> {
  const rows = await closedPnlRowsOf(db, accountId);
  if (rows.length === 0) return null;
  // Only the symbols the rows name: the account's other positions cannot overlap them.
  const symbols = new Set(rows.map((r) => r.symbol));
  const positions = (await linearPositionsOf(db, accountId)).filter((p) => symbols.has(p.symbol));
  return summaryOnlyPnl(rows, positions);
}
