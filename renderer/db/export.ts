import type { IndexableType, Table } from 'dexie';
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, canonicalJson, zeroCounts } from './export-format';
import type { ExportHeader, KindCounts, RowKind } from './export-format';
import { SETTINGS_ROW_ID } from './records';
import type { JournalDb } from './schema';

export interface ExportOptions {
  /** Rows per read transaction and per yielded chunk. */
  chunkRows?: number;
  now?: () => number;
}

/**
 * Keyset-paged read of a whole table in primary-key order, one short read transaction per page,
 * so neither memory nor a transaction grows with the table (an export never holds the database).
 */
async function* pages<T, K extends IndexableType>(table: Table<T, K>, keyOf: (row: T) => K, chunkRows: number): AsyncGenerator<T[]> {
  let after: K | undefined;
  for (;;) {
    const coll = after === undefined ? table.orderBy(':id') : table.where(':id').above(after);
    const rows = await coll.limit(chunkRows).toArray();
    const last = rows[rows.length - 1];
    if (last === undefined) return;
    yield rows;
    if (rows.length < chunkRows) return;
    after = keyOf(last);
  }
}

interface Keyed { key: string }
const byKey = (row: Keyed): string => row.key;

/**
 * Streams the whole journal as versioned JSON lines, in chunks of text (each ends with '\n').
 * Order matters for a consistent file while a sync may be committing: checkpoints are read before
 * the rows, so every checkpoint in the file covers only rows that are in the file too (rows
 * committed later are extra, and dedupe on a later sync). Derived tables (stats, positions) are
 * rebuilt on restore; import summaries (what files stored) are not derivable and go last; jobs, logs, raw snapshots and batch records are run history and are left out.
 */
export async function* exportJournal(db: JournalDb, options: ExportOptions = {}): AsyncGenerator<string> {
  const chunkRows = options.chunkRows ?? 1000;
  const now = options.now ?? Date.now;
  const counts: KindCounts = zeroCounts();
  const header: ExportHeader = { format: EXPORT_FORMAT, formatVersion: EXPORT_FORMAT_VERSION, schemaVersion: db.verno, exportedAt: now() };
  yield `${canonicalJson(header)}\n`;

  const settings = await db.settings.get(SETTINGS_ROW_ID);
  if (settings !== undefined) {
    counts.settings = 1;
    yield `${canonicalJson({ type: 'settings', row: settings.value })}\n`;
  }

  const tables: [RowKind, Table<Keyed, string>][] = [
    ['checkpoint', db.checkpoints], ['journal', db.journal],
    ['trade', db.trades], ['movement', db.movements], ['income', db.income], ['flow', db.assetFlows], ['balance', db.balances],
    ['closedPnl', db.closedPnlRecords],
  ];
  for await (const rows of pages(db.accounts, (a) => a.id, chunkRows)) {
    counts.account += rows.length;
    yield rows.map((row) => `${canonicalJson({ type: 'account', row })}\n`).join('');
  }
  for (const [type, table] of tables) {
    for await (const rows of pages(table, byKey, chunkRows)) {
      counts[type] += rows.length;
      yield rows.map((row) => `${canonicalJson({ type, row })}\n`).join('');
    }
  }
  for await (const rows of pages(db.importSummaries, (r): [string, string, string] => [r.accountId, r.kind, r.key], chunkRows)) {
    counts.summary += rows.length;
    yield rows.map((row) => `${canonicalJson({ type: 'summary', row })}\n`).join('');
  }
  yield `${canonicalJson({ type: 'end', counts })}\n`;
}
