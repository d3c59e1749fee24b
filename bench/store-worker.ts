/**
 * The journal store of the engine benches, hosted as the app hosts it: in a thread of its own
 * (the app: the renderer's store Worker, renderer/bridge/storeHost.worker.ts), answering the
 * StorePort calls main sends over a port (renderer/db/worker-host.ts `serveStore`). Here the
 * thread is a Node worker_threads Worker and the database the real DexieStore on fake-indexeddb.
 * workerData: `name` (the database name) and `inspect`, a MessagePort that answers the bench's own
 * read-backs (ground-truth checks), apart from the StorePort so no bench method is reachable on it.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { STORE_PORT_READY } from '../shared/ipc/electronChannels';
import { DexieStore } from '../renderer/db/dexie-store';
import { servePort, serveStore, type MessageEndpoint } from '../renderer/db/worker-host';
import { newTestDb } from '../testing/db/test-support';
import { STORE_INSPECT_METHODS, type StoreInspectPort } from './store-host';

const { name, inspect } = workerData as { name: string; inspect: MessagePort };
if (parentPort === null) throw new Error('bench/store-worker.ts runs as a worker thread');

const db = newTestDb(name);
const store = new DexieStore(db);
const reads: StoreInspectPort = {
  tradeCount: () => db.trades.count(),
  tradeKeys: async () => (await db.trades.toCollection().primaryKeys()).map(String),
};
// Node's MessagePort is an EventTarget delivering MessageEvents, as the page's ports are.
serveStore(parentPort as unknown as MessageEndpoint, store);
servePort(inspect as unknown as MessageEndpoint, reads, STORE_INSPECT_METHODS);
parentPort.postMessage(STORE_PORT_READY);
