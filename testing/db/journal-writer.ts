import { connectJournalWriter } from '../../renderer/bridge/journalWriterClient';
import { DexieJournalWriter } from '../../renderer/db/dexie-journal-writer';
import type { DexieJournalWriterOptions } from '../../renderer/db/dexie-journal-writer';
import { JOURNAL_WRITER_METHODS } from '../../renderer/db/journal-writer';
import type { ImportProgressNotice, JournalWriter } from '../../renderer/db/journal-writer';
import type { JournalDb } from '../../renderer/db/schema';
import type { MessageEndpoint } from '../../renderer/db/worker-host';
import { servePort } from '../../renderer/db/worker-host';

/**
 * The page's writer as the app wires it, in one Node process: the page client
 * (renderer/bridge/journalWriterClient.ts) on one end of a real MessageChannel, the store
 * worker's side (DexieJournalWriter served with the store protocol) on the other. Writes are
 * structured-cloned across the channel like in the browser. Ports are unref'd, so an unclosed
 * writer never keeps a test run alive.
 */
export function connectedJournalWriter(db: JournalDb, options: Pick<DexieJournalWriterOptions, 'onMaybeStale'> = {}): JournalWriter {
  const channel = new MessageChannel();
  const served = channel.port2 as unknown as MessageEndpoint & { start(): void };
  const writer = new DexieJournalWriter(db, {
    ...options,
    onImportProgress: (uploadId, done) => served.postMessage({ notice: 'importProgress', uploadId, done } satisfies ImportProgressNotice),
  });
  servePort(served, writer, JOURNAL_WRITER_METHODS);
  served.start();
  for (const port of [channel.port1, channel.port2]) (port as unknown as { unref?: () => void }).unref?.();
  return connectJournalWriter(channel.port1 as unknown as MessageEndpoint & { start(): void }).writer;
}
