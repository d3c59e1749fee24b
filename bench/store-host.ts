/**
 * Where an engine bench keeps its journal store. By default as in the app (docs/ARCHITECTURE.md):
 * the DexieStore runs in another thread (bench/store-worker.ts) and the engine reaches it through
 * main's own call path, `createRemoteStore` (main/core/remoteStore.ts) over a RendererLink, so the
 * engine pays the structured clone of every batch and never the store's CPU. `--in-process` keeps
 * the old topology (the DexieStore on the engine's thread) for comparison.
 */
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { EngineStorePort } from '../shared/store/port';
import type { Reply } from '../shared/ipc/wire';
import { isStorePortReady } from '../shared/ipc/electronChannels';
import { readStoreAnswer } from '../shared/store/protocol';
import { StoreCalls } from '../shared/store/storeCalls';
import { AppError } from '../shared/errors';
import { DexieStore } from '../renderer/db/dexie-store';
import { newTestDb } from '../testing/db/test-support';
import { createRemoteStore } from '../main/core/remoteStore';
import type { RendererLink } from '../main/core/link';
import { benchFile } from './lib';

/** The bench's read-backs of what the store holds (ground-truth checks). */
export interface StoreInspectPort {
  tradeCount(): Promise<number>;
  tradeKeys(): Promise<string[]>;
}

export const STORE_INSPECT_METHODS = ['tradeCount', 'tradeKeys'] as const satisfies readonly (keyof StoreInspectPort)[];

export interface HostedStore extends StoreInspectPort {
  store: EngineStorePort;
  /** Where the store runs, for the bench's JSON line. */
  where: string;
  close(): Promise<void>;
}

/** Main's view of a store served by a worker thread: the link the app's transports implement, over worker.postMessage. */
function workerLink(worker: Worker): RendererLink {
  const calls = new StoreCalls<Worker>(120_000);
  const listeners = new Set<() => void>();
  let ready = false;
  worker.on('message', (data: unknown) => {
    if (isStorePortReady(data)) {
      ready = true;
      for (const l of [...listeners]) l();
      return;
    }
    const answer = readStoreAnswer(data);
    if (answer !== null) calls.settle(answer, worker);
  });
  worker.on('error', (error) => {
    ready = false;
    calls.failAll({ code: 'STORE_UNAVAILABLE', message: `The store worker failed: ${error.message}` });
  });
  worker.on('exit', () => {
    ready = false;
    calls.failAll({ code: 'STORE_UNAVAILABLE', message: 'The store worker ended.' });
  });
  return {
    onRequest: () => undefined,
    emit: () => undefined,
    callStore: (method, args) => {
      if (!ready) return Promise.reject(new AppError('STORE_UNAVAILABLE', 'The bench store worker is not ready.'));
      return calls.start(method, args, worker, (call) => worker.postMessage(call));
    },
    storeAvailable: () => ready,
    onStoreAvailable: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      calls.failAll({ code: 'STORE_UNAVAILABLE', message: 'The bench ended.' });
      await worker.terminate();
    },
  };
}

/** The DexieStore in a worker thread, reached through createRemoteStore as main reaches the app's store Worker. */
export async function startWorkerStore(name: string): Promise<HostedStore> {
  const channel = new MessageChannel();
  // Node 20 does not hand the tsx loader to worker threads: the worker registers it, then loads the TypeScript entry.
  const entry = pathToFileURL(benchFile('store-worker.ts')).href;
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  const worker = new Worker(boot, { eval: true, workerData: { name, inspect: channel.port2 }, transferList: [channel.port2] });
  const link = workerLink(worker);
  const store = createRemoteStore(link, { waitForStoreMs: 30_000 });
  const inspectCalls = new StoreCalls<MessageChannel, keyof StoreInspectPort>(120_000);
  channel.port1.on('message', (data: unknown) => {
    const answer = readStoreAnswer(data);
    if (answer !== null) inspectCalls.settle(answer, channel);
  });
  const read = async <T>(method: keyof StoreInspectPort): Promise<T> => {
    const reply: Reply = await inspectCalls.start(method, [], channel, (call) => channel.port1.postMessage(call));
    if (!reply.ok) throw AppError.fromPayload(reply.error);
    return reply.value as T;
  };
  // The first call waits for the worker's ready message (remoteStore's wait for a store).
  await store.getSettings();
  return {
    store, where: 'DexieStore on fake-indexeddb in a worker thread, via main/core/remoteStore.ts',
    tradeCount: () => read<number>('tradeCount'),
    tradeKeys: () => read<string[]>('tradeKeys'),
    close: async () => {
      channel.port1.close();
      await link.close();
    },
  };
}

/** The DexieStore on the engine's own thread (`--in-process`: the topology before the store moved to a worker). */
export function startInProcessStore(name: string): HostedStore {
  const db = newTestDb(name);
  const store = new DexieStore(db);
  return {
    store, where: 'DexieStore on fake-indexeddb, in-process',
    tradeCount: () => db.trades.count(),
    tradeKeys: async () => (await db.trades.toCollection().primaryKeys()).map(String),
    close: async () => store.close(),
  };
}
