import type { AppApi } from '../../preload/api';
import type { StoreHostCommand, StoreHostNotice } from './storeHostProtocol';
import { STORE_PORT_MESSAGE } from '../../shared/ipc/electronChannels';
import type { BrowserModeConfig } from './wsTransport';

function startWorker(onFailure: (message: string) => void): Worker {
  const worker = new Worker(new URL('./storeHost.worker.ts', import.meta.url), { type: 'module', name: 'journal-store' });
  worker.addEventListener('message', (event: MessageEvent<StoreHostNotice>) => {
    if (event.data.kind === 'failed') onFailure(event.data.message);
  });
  worker.addEventListener('error', (event) => onFailure(event.message || 'The journal store worker stopped.'));
  return worker;
}

/** Browser mode: the worker opens its own authenticated socket to the core as the store server. */
export function startStoreWorkerOverSocket(config: BrowserModeConfig, onFailure: (message: string) => void): Worker {
  const worker = startWorker(onFailure);
  worker.postMessage({ kind: 'ws', url: config.url, token: config.token } satisfies StoreHostCommand);
  return worker;
}

/**
 * Electron: main creates a MessageChannel per window load and the preload posts one end to this
 * page (window.postMessage, the documented way across context isolation); it goes on to the
 * worker untouched. A reload asks for a fresh port.
 */
export function startStoreWorkerOverPort(api: AppApi, onFailure: (message: string) => void): Worker {
  const worker = startWorker(onFailure);
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const port = event.ports[0];
    if (event.source !== window || event.data !== STORE_PORT_MESSAGE || port === undefined) return;
    worker.postMessage({ kind: 'port' } satisfies StoreHostCommand, [port]);
  });
  api.store.requestPort();
  return worker;
}
