/// <reference lib="webworker" />
import { toErrorPayload } from '../../shared/errors';
import { DexieJournalWriter } from '../db/dexie-journal-writer';
import { DexieStore } from '../db/dexie-store';
import { JOURNAL_WRITER_METHODS } from '../db/journal-writer';
import type { ImportProgressNotice } from '../db/journal-writer';
import { openJournalDb } from '../db/schema';
import { servePort, serveStore } from '../db/worker-host';
import { answerStoreCall } from '../../shared/store/protocol';
import type { StoreHostCommand, StoreHostNotice } from './storeHostProtocol';
import { STORE_PORT_READY } from '../../shared/ipc/electronChannels';
import { WsClient } from './wsClient';

/**
 * The journal's only writer: a dedicated Worker that owns a Dexie instance and answers main's store
 * port and the page's writer port. Measured (docs/ARCHITECTURE.md, storage facts): the same commits
 * on the UI thread block it ~100 ms per 1000-row batch; in a Worker they cause no long task at the
 * same throughput. The UI keeps reading through its own Dexie (liveQuery sees these commits).
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const notify = (notice: StoreHostNotice): void => scope.postMessage(notice);
const storePromise = openJournalDb().then((db) => new DexieStore(db, {
  // The writer also keeps derived positions current: symbols marked stale are replayed here, off the UI thread.
  // A replay that fails on a database error is retried on the next commit; it never stops the store.
  rebuildLedgers: { onError: (error) => console.error('Positions could not be recomputed:', toErrorPayload(error).message) },
}));

function servePage(port: MessagePort, store: DexieStore): void {
  const writer = new DexieJournalWriter(store.db, {
    onMaybeStale: () => store.replayStaleSoon(),
    onImportProgress: (uploadId, done) => port.postMessage({ notice: 'importProgress', uploadId, done } satisfies ImportProgressNotice),
  });
  servePort(port, writer, JOURNAL_WRITER_METHODS);
  port.start();
}

scope.addEventListener('message', (event: MessageEvent<StoreHostCommand>) => {
  void storePromise.then(
    (store) => {
      const command = event.data;
      const port = event.ports[0];
      switch (command.kind) {
        case 'ws': {
          const client: WsClient = new WsClient({
            url: command.url,
            token: command.token,
            role: 'store',
            onStoreCall: (id, method, args) => {
              void answerStoreCall(store, { id, method, args }).then((answer) => client.replyStore(answer.id, answer.reply));
            },
          });
          break;
        }
        case 'port': {
          if (port === undefined) {
            notify({ kind: 'failed', message: 'No store port arrived.' });
            return;
          }
          serveStore(port, store);
          port.start();
          port.postMessage(STORE_PORT_READY);
          break;
        }
        case 'page': {
          if (port === undefined) {
            notify({ kind: 'failed', message: 'No page port arrived.' });
            return;
          }
          servePage(port, store);
          break;
        }
      }
      notify({ kind: 'ready' });
    },
    (error: unknown) => notify({ kind: 'failed', message: toErrorPayload(error).message }),
  );
});
