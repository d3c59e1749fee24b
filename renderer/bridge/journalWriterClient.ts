import { AppError } from '../../shared/errors';
import { readStoreAnswer } from '../../shared/store/protocol';
import { StoreCalls } from '../../shared/store/storeCalls';
import type { FileImportOutcome, FileRows } from '../db/file-import';
import { FILE_ROW_LISTS, isImportProgressNotice } from '../db/journal-writer';
import type { ImportAccount, JournalWriter, JournalWriterMethod, JournalWriterPort } from '../db/journal-writer';
import type { MessageEndpoint } from '../db/worker-host';

/** A quick write (a note, a stop, candles) that has not answered in this long means the Worker is gone. */
const CALL_TIMEOUT_MS = 60_000;
/** A restore or import of a large file, or a replay of a long history, legitimately takes minutes. */
const LONG_CALL_TIMEOUT_MS = 30 * 60_000;
/** Rows per staged part: small enough that cloning one never blocks either thread for long. */
const STAGE_PART_ROWS = 5_000;

type PortResult<M extends JournalWriterMethod> = Awaited<ReturnType<JournalWriterPort[M]>>;

export interface JournalWriterClient {
  writer: JournalWriter;
  /** The Worker stopped: every write in flight fails at once with `error`'s code. */
  failAll(message: string): void;
}

function slice(rows: FileRows, from: number, to: number): FileRows {
  return {
    trades: rows.trades.slice(from, to), income: rows.income.slice(from, to), movements: rows.movements.slice(from, to),
    flows: rows.flows.slice(from, to), closedPnl: rows.closedPnl.slice(from, to),
  };
}

/**
 * The page's side of the JournalWriterPort: calls go out on the page's MessagePort to the store
 * Worker through the same pending-call table main uses (shared/store/storeCalls.ts), so ids,
 * timeouts and fail-all behave the same. A file import is uploaded in parts, each awaited, so
 * the UI thread yields between them and nothing is stored before the last part arrived.
 */
export function connectJournalWriter(port: MessageEndpoint & { start?: () => void }): JournalWriterClient {
  const calls = new StoreCalls<MessageEndpoint, JournalWriterMethod>(CALL_TIMEOUT_MS);
  const progress = new Map<string, (done: number) => void>();
  port.addEventListener('message', (event: MessageEvent) => {
    const data: unknown = event.data;
    if (isImportProgressNotice(data)) {
      progress.get(data.uploadId)?.(data.done);
      return;
    }
    const answer = readStoreAnswer(data);
    if (answer !== null) calls.settle(answer, port);
  });
  port.start?.();

  async function call<M extends JournalWriterMethod>(method: M, args: Parameters<JournalWriterPort[M]>, timeoutMs = CALL_TIMEOUT_MS): Promise<PortResult<M>> {
    const reply = await calls.start(method, args, port, (c) => port.postMessage(c), timeoutMs);
    if (!reply.ok) throw AppError.fromPayload(reply.error);
    return reply.value as PortResult<M>;
  }

  let uploads = 0;
  async function importFile(account: ImportAccount, rows: FileRows, onProgress?: (done: number) => void): Promise<FileImportOutcome> {
    uploads += 1;
    const uploadId = `import-${Date.now()}-${uploads}`;
    const longest = Math.max(...FILE_ROW_LISTS.map((list) => rows[list].length));
    try {
      // At least one part, so an empty file imports as nothing rather than as a missing upload.
      let i = 0;
      do {
        await call('stageImportRows', [uploadId, slice(rows, i, i + STAGE_PART_ROWS)]);
        i += STAGE_PART_ROWS;
      } while (i < longest);
    } catch (error: unknown) {
      await call('discardStaged', [uploadId]).catch(() => undefined);
      throw error;
    }
    if (onProgress !== undefined) progress.set(uploadId, onProgress);
    try {
      return await call('importStaged', [uploadId, { id: account.id, exchange: account.exchange, lastSuccessAt: account.lastSuccessAt }], LONG_CALL_TIMEOUT_MS);
    } finally {
      progress.delete(uploadId);
    }
  }

  const writer: JournalWriter = {
    importFile,
    restore: (file) => call('restore', [file], LONG_CALL_TIMEOUT_MS),
    saveEntry: (input, now) => call('saveEntry', [input, now]),
    clearEntry: (key, now) => call('clearEntry', [key, now]),
    setPositionStop: (target, stopPrice, now) => call('setPositionStop', [target, stopPrice, now]),
    putCandles: (series, candles) => call('putCandles', [series, candles]),
    putExcursion: (row) => call('putExcursion', [row]),
    rebuildPairs: (pairs) => call('rebuildPairs', [pairs], LONG_CALL_TIMEOUT_MS),
  };
  return { writer, failAll: (message) => calls.failAll({ code: 'STORE_UNAVAILABLE', message }) };
}
