import { POSITION_COLUMNS, TRADE_COLUMNS, positionRow, tradeRow } from '../../../../shared/journal/csv/export';
import { writeCsv } from '../../../../shared/journal/csv/rfc4180';
import type { Position } from '../../../../shared/journal/types';
import { newestTrades } from '../../../db/queries';
import type { TradeCursor, TradeFilter } from '../../../db/queries';
import type { JournalDb } from '../../../db/schema';

const EXPORT_PAGE = 5000;

/**
 * The trade export as CSV text parts (shared/journal/csv columns and row format), read with
 * keyset pages of newestTrades, so neither a transaction nor a single string grows with history.
 * Rows are newest first, like the table. `onProgress` gets the rows written so far.
 */
export async function tradeCsvParts(db: JournalDb, filter: TradeFilter, onProgress?: (rows: number) => void, signal?: AbortSignal): Promise<string[]> {
  const parts = [writeCsv([[...TRADE_COLUMNS]])];
  let after: TradeCursor | undefined;
  let rows = 0;
  for (;;) {
    if (signal?.aborted === true) throw new DOMException('Cancelled', 'AbortError');
    const page = await newestTrades(db, filter, after === undefined ? { limit: EXPORT_PAGE } : { limit: EXPORT_PAGE, after });
    if (page.rows.length > 0) parts.push(writeCsv(page.rows.map(tradeRow)));
    rows += page.rows.length;
    onProgress?.(rows);
    if (page.next === null) return parts;
    after = page.next;
  }
}

export function positionCsvParts(positions: readonly Position[]): string[] {
  return [writeCsv([[...POSITION_COLUMNS]]), writeCsv(positions.map(positionRow))];
}
