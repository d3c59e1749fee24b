import { parseClosedPnlRow, type ClosedPnlRecord } from '../../../shared/journal/closed-pnl';
import type { Cursor } from '../../../shared/domain/types';
import type { BybitAdapter } from './adapter';

/**
 * Reads every closed P&L record from `since` to `now`, page by page (each page one request
 * through the adapter's gate, so limits and breakers apply as for a sync).
 *
 * Fetched on demand rather than stored as rows: the records are the exchange's own summary of
 * positions the journal derives from fills (not a source of truth, nothing to export or restore),
 * they are only read when the user asks for the comparison, and a stored copy would need a new
 * table and would go stale as positions close. A Bybit account's two years are at most ~105
 * windows of 7 days plus the pages of busy windows.
 */
export async function fetchClosedPnl(adapter: BybitAdapter, since: number, now: number, signal?: AbortSignal): Promise<ClosedPnlRecord[]> {
  const out: ClosedPnlRecord[] = [];
  let cursor: Cursor | null = null;
  for (;;) {
    if (signal?.aborted === true) throw new DOMException('Cancelled', 'AbortError');
    const page = await adapter.fetchClosedPnlPage({ cursor, since, now, limit: 100 });
    for (const row of page.rows) out.push(parseClosedPnlRow(row));
    if (page.done) return out;
    cursor = page.next;
  }
}
