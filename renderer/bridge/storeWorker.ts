import type { AppApi } from '../../preload/api';
import type { JournalWriter } from '../db/journal-writer';
import { connectJournalWriter } from './journalWriterClient';
import type { StoreHostCommand, StoreHostNotice } from './storeHostProtocol';
import { STORE_PORT_MESSAGE } from '../../shared/ipc/electronChannels';
import type { BrowserModeConfig } from './wsTransport';

/** The started store worker and the page's writer over its own port (the UI's only way to write). */
export interface StoreWorker {
  worker: Worker;
  writer: JournalWriter;
}

function startWorker(onFailure: (message: string) => void): StoreWorker {
  const worker = new Worker(new URL('./storeHost.worker.ts', import.meta.url), { type: 'module', name: 'journal-store' });
  const channel = new MessageChannel();
  const client = connectJournalWriter(channel.port1);
  const fail = (message: string): void => {
    client.failAll(message);
    onFailure(message);
  };
  worker.addEventListener('message', (event: MessageEvent<StoreHostNotice>) => {
    if (event.data.kind === 'failed') fail(event.data.message);
  });
  worker.addEventListener('error', (event) => fail(event.message || 'The journal store worker stopped.'));
  worker.postMessage({ kind: 'page' } satisfies StoreHostCommand, [channel.port2]);
  return { worker, writer: client.writer };
}

/** Browser mode: the worker opens its own authenticated socket to the core as the store server. */
export function startStoreWorkerOverSocket(config: BrowserModeConfig, onFailure: (message: string) => void): StoreWorker {
  const started = startWorker(onFailure);
  started.worker.postMessage({ kind: 'ws', url: config.url, token: config.token } satisfies StoreHostCommand);
  return started;
}

/**
 * Electron: main creates a MessageChannel per window load and the preload posts one end to this
 * page (window.postMessage, the documented way across context isolation); it goes on to the
 * worker untouched. A reload asks for a fresh port.
 */
export function startStoreWorkerOverPort(api: AppApi, onFailure: (message: string) => void): StoreWorker {
  const started = startWorker(onFailure);
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const port = event.ports[0];
    if (event.source !== window || event.data !== STORE_PORT_MESSAGE || port === undefined) return;
    started.worker.postMessage({ kind: 'port' } satisfies StoreHostCommand, [port]);
  });
  api.store.requestPort();
  return started;
}
