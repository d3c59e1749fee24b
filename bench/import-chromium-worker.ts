/**
 * The store worker's side of bench/import-chromium.ts: the page's writer port, served exactly as
 * renderer/bridge/storeHost.worker.ts serves it (without main's port, which a file import never uses).
 */
import { DexieJournalWriter } from '../renderer/db/dexie-journal-writer';
import { JOURNAL_WRITER_METHODS } from '../renderer/db/journal-writer';
import type { ImportProgressNotice } from '../renderer/db/journal-writer';
import { openJournalDb } from '../renderer/db/schema';
import { servePort } from '../renderer/db/worker-host';

const dbPromise = openJournalDb();
self.addEventListener('message', (event: MessageEvent) => {
  const port = event.ports[0];
  if (port === undefined) return;
  void dbPromise.then((db) => {
    const writer = new DexieJournalWriter(db, {
      onImportProgress: (uploadId, done) => port.postMessage({ notice: 'importProgress', uploadId, done } satisfies ImportProgressNotice),
    });
    servePort(port, writer, JOURNAL_WRITER_METHODS);
    port.start();
  });
});
