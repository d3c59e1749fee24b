import type { Trade } from '../../../../shared/domain/types';
import { newestTrades } from '../../../db/queries';
import type { TradeCursor, TradeFilter } from '../../../db/queries';
import type { JournalDb } from '../../../db/schema';

/**
 * Pure bookkeeping of the trade table's rows: a live "head" (newest rows, re-queried by
 * liveQuery) followed by a static "tail" of keyset pages loaded on scroll. Once the tail exists,
 * the head is "every row at or above the boundary" (the head's last row when the tail started),
 * so rows a sync adds at the top appear without creating a gap between head and tail.
 */

/** Page order (timestamp desc, key desc): true when `t` sorts at or before the boundary row. */
export function atOrAboveBoundary(t: Pick<Trade, 'timestamp' | 'key'>, boundary: TradeCursor): boolean {
  return t.timestamp > boundary.timestamp || (t.timestamp === boundary.timestamp && t.key >= boundary.key);
}

export function cursorOf(t: Pick<Trade, 'timestamp' | 'key'>): TradeCursor {
  return { timestamp: t.timestamp, key: t.key };
}

/** Whether the table should ask for the next page: the last rendered row is within `margin` of the loaded end. */
export function shouldLoadMore(lastVisibleIndex: number, loadedRows: number, hasMore: boolean, loading: boolean, margin = 50): boolean {
  return hasMore && !loading && lastVisibleIndex >= loadedRows - margin;
}

export interface Head {
  rows: Trade[];
  /** More rows below the head (only meaningful before the tail exists). */
  next: TradeCursor | null;
  /** More than `cap` rows are at or above the boundary: the window should start over. */
  overflow: boolean;
}

/** The live head: the newest page, or (once a tail exists) every row at or above the boundary, up to `cap`. */
export async function loadHead(db: JournalDb, filter: TradeFilter, boundary: TradeCursor | null, pageSize: number, cap: number): Promise<Head> {
  if (boundary === null) {
    const page = await newestTrades(db, filter, { limit: pageSize });
    return { rows: page.rows, next: page.next, overflow: false };
  }
  const from = Math.max(filter.from ?? -Infinity, boundary.timestamp);
  const page = await newestTrades(db, { ...filter, from }, { limit: cap });
  const rows = page.rows.filter((t) => atOrAboveBoundary(t, boundary));
  return { rows, next: null, overflow: page.next !== null && rows.length === page.rows.length };
}
