import { AppError } from '../../shared/errors';
import type { Candle } from '../../shared/market/candles';
import { storeFileImport } from './file-import';
import type { FileImportOutcome, FileRows } from './file-import';
import { FILE_ROW_LISTS } from './journal-writer';
import { clearJournalEntry, saveJournalEntry, setPositionStop } from './journal-entries';
import type { JournalEntryInput } from './journal-entries';
import type { ImportAccount, JournalWriterPort, PairRef } from './journal-writer';
import { rebuildPair } from './ledger-rebuild';
import { putCandles } from './market-cache';
import type { ExcursionRow, JournalEntry } from './records';
import { restoreJournal } from './restore';
import type { RestoreResult, TextChunks } from './restore';
import type { JournalDb } from './schema';

export interface DexieJournalWriterOptions {
  /** After writes that may leave symbols stale (a file import, a restore): the Worker's rebuilder replays them. */
  onMaybeStale?: () => void;
  onImportProgress?: (uploadId: string, done: number) => void;
}

/** Staged rows beyond this are refused: an export file that large would not fit the Worker's memory anyway. */
const MAX_STAGED_ROWS = 5_000_000;

/** The parts of one upload so far, list by list. */
type Staged = { -readonly [K in keyof FileRows]: FileRows[K][number][] };

function emptyStaged(): Staged {
  return { trades: [], income: [], movements: [], flows: [], closedPnl: [] };
}

function rowCount(rows: FileRows): number {
  return FILE_ROW_LISTS.reduce((n, list) => n + rows[list].length, 0);
}

function isFileRows(value: unknown): value is FileRows {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return FILE_ROW_LISTS.every((list) => Array.isArray(v[list]));
}

function requireUploadId(uploadId: unknown): asserts uploadId is string {
  if (typeof uploadId !== 'string' || uploadId.length === 0 || uploadId.length > 128) throw new AppError('INVALID_INPUT', 'An upload needs an id.');
}

/** Reads a Blob as text chunks (restore reads its file twice: validate everything, then write). */
async function* blobChunks(file: Blob): AsyncGenerator<string> {
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

/**
 * The page's writes, run where the journal's writer lives (the store Worker). Each method calls
 * one renderer/db write function and keeps its transaction rules; the rows of a file import are
 * staged here part by part and stored by one `storeFileImport` call.
 */
export class DexieJournalWriter implements JournalWriterPort {
  private readonly staged = new Map<string, Staged>();

  constructor(private readonly db: JournalDb, private readonly options: DexieJournalWriterOptions = {}) {}

  stageImportRows(uploadId: string, part: FileRows): Promise<void> {
    requireUploadId(uploadId);
    if (!isFileRows(part)) return Promise.reject(new AppError('INVALID_INPUT', `An import part must carry the lists ${FILE_ROW_LISTS.join(', ')}.`));
    const staged = this.staged.get(uploadId) ?? emptyStaged();
    if (rowCount(staged) + rowCount(part) > MAX_STAGED_ROWS) {
      this.staged.delete(uploadId);
      return Promise.reject(new AppError('INVALID_INPUT', 'This file holds too many rows to import at once. Nothing was stored.'));
    }
    staged.trades.push(...part.trades);
    staged.income.push(...part.income);
    staged.movements.push(...part.movements);
    staged.flows.push(...part.flows);
    staged.closedPnl.push(...part.closedPnl);
    this.staged.set(uploadId, staged);
    return Promise.resolve();
  }

  async importStaged(uploadId: string, account: ImportAccount): Promise<FileImportOutcome> {
    requireUploadId(uploadId);
    const rows = this.staged.get(uploadId);
    if (rows === undefined) throw new AppError('NOT_FOUND', 'Nothing was uploaded for this import.');
    this.staged.delete(uploadId);
    try {
      return await storeFileImport(this.db, account, rows, { onProgress: (done) => this.options.onImportProgress?.(uploadId, done) });
    } finally {
      // Older history than the stored fills leaves its symbols stale, also when a later chunk failed.
      this.options.onMaybeStale?.();
    }
  }

  discardStaged(uploadId: string): Promise<void> {
    this.staged.delete(uploadId);
    return Promise.resolve();
  }

  async restore(file: Blob): Promise<RestoreResult> {
    if (!(file instanceof Blob)) throw new AppError('INVALID_INPUT', 'A restore needs the export file.');
    const source = (): TextChunks => blobChunks(file);
    try {
      return await restoreJournal(this.db, source);
    } finally {
      this.options.onMaybeStale?.();
    }
  }

  saveEntry(input: JournalEntryInput, now?: number): Promise<JournalEntry> {
    return saveJournalEntry(this.db, input, now);
  }

  clearEntry(key: string, now?: number): Promise<JournalEntry | null> {
    if (typeof key !== 'string' || key === '') return Promise.reject(new AppError('INVALID_INPUT', 'Which entry?'));
    return clearJournalEntry(this.db, key, now);
  }

  setPositionStop(target: { key: string; accountId: string }, stopPrice: number | null, now?: number): Promise<JournalEntry> {
    return setPositionStop(this.db, target, stopPrice, now);
  }

  putCandles(series: string, candles: readonly Candle[]): Promise<void> {
    return putCandles(this.db, series, candles);
  }

  async putExcursion(row: ExcursionRow): Promise<void> {
    await this.db.excursions.put(row);
  }

  async rebuildPairs(pairs: readonly PairRef[]): Promise<void> {
    for (const pair of pairs) await rebuildPair(this.db, pair.accountId, pair.symbol);
  }
}
