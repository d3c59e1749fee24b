import type { Account } from '../../shared/domain/types';
import type { Candle } from '../../shared/market/candles';
import type { FileImportOutcome, FileRows } from './file-import';
import type { JournalEntryInput } from './journal-entries';
import type { ExcursionRow, JournalEntry } from './records';
import type { RestoreResult } from './restore';

/** Every list a FileRows carries; the check below fails the build when a new list is not named here. */
export const FILE_ROW_LISTS = ['trades', 'income', 'movements', 'flows', 'closedPnl'] as const satisfies readonly (keyof FileRows)[];
type _EveryFileRowList = Exclude<keyof FileRows, (typeof FILE_ROW_LISTS)[number]> extends never ? true : never;
const _everyFileRowList: _EveryFileRowList = true;
void _everyFileRowList;

/**
 * What the page asks of the store Worker: the UI thread's only way to write the journal
 * (docs/ARCHITECTURE.md, who writes what). The Worker serves it on the page's own MessagePort with
 * the store protocol (shared/store/protocol.ts); the page calls it through
 * renderer/bridge/journalWriterClient.ts. Each method runs one of renderer/db's write functions,
 * so its transactions and atomicity are theirs.
 */

/** The account fields a file import needs (its exchange's match rule, the API's unsynced reach). */
export type ImportAccount = Pick<Account, 'id' | 'exchange' | 'lastSuccessAt'>;

/** One account's symbol: a pair, as the ledger code calls it (`rebuildPair`). */
export interface PairRef {
  accountId: string;
  symbol: string;
}

export interface JournalWriterPort {
  /**
   * Adds one part of a parsed export file to upload `uploadId` (parts travel in small messages so
   * neither thread clones 100k rows at once). Nothing is stored until `importStaged`.
   */
  stageImportRows(uploadId: string, part: FileRows): Promise<void>;
  /** Stores the staged file with `storeFileImport`'s rules and chunked transactions; the upload is dropped either way. */
  importStaged(uploadId: string, account: ImportAccount): Promise<FileImportOutcome>;
  /** Drops an upload that will not be imported (the page gave up half way). */
  discardStaged(uploadId: string): Promise<void>;
  /** Validates the whole export file, then restores it (renderer/db/restore.ts); the Worker reads the file itself. */
  restore(file: Blob): Promise<RestoreResult>;
  saveEntry(input: JournalEntryInput, now?: number): Promise<JournalEntry>;
  /** An emptied editor: deletes the entry unless it carries a position's stop. */
  clearEntry(key: string, now?: number): Promise<JournalEntry | null>;
  setPositionStop(target: { key: string; accountId: string }, stopPrice: number | null, now?: number): Promise<JournalEntry>;
  /** Closed candles of one series into the cache (market data, recomputable). */
  putCandles(series: string, candles: readonly Candle[]): Promise<void>;
  putExcursion(row: ExcursionRow): Promise<void>;
  /** "Recompute now": replays these symbols' positions from their fills. */
  rebuildPairs(pairs: readonly PairRef[]): Promise<void>;
}

/**
 * What the UI holds (`useBooted().writer`): the port, with a file import as one call that the
 * client splits into staged parts and progress notices.
 */
export type JournalWriter = Omit<JournalWriterPort, 'stageImportRows' | 'importStaged' | 'discardStaged'> & {
  importFile(account: ImportAccount, rows: FileRows, onProgress?: (done: number) => void): Promise<FileImportOutcome>;
};

/** The port's method names: the only ones the Worker dispatches from the page's messages. */
export const JOURNAL_WRITER_METHODS = [
  'stageImportRows', 'importStaged', 'discardStaged', 'restore',
  'saveEntry', 'clearEntry', 'setPositionStop',
  'putCandles', 'putExcursion', 'rebuildPairs',
] as const satisfies readonly (keyof JournalWriterPort)[];

export type JournalWriterMethod = (typeof JOURNAL_WRITER_METHODS)[number];

// Compile-time proof that JOURNAL_WRITER_METHODS lists every method of the port.
type MissingWriterMethods = Exclude<keyof JournalWriterPort, JournalWriterMethod>;
const _allWriterMethodsListed: MissingWriterMethods extends never ? true : never = true;
void _allWriterMethodsListed;

/** Worker -> page, outside the call/answer pairs: how far `importStaged` has got. */
export interface ImportProgressNotice {
  notice: 'importProgress';
  uploadId: string;
  done: number;
}

export function isImportProgressNotice(value: unknown): value is ImportProgressNotice {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.notice === 'importProgress' && typeof v.uploadId === 'string' && typeof v.done === 'number';
}
