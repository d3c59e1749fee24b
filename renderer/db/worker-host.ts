import type { StorePort } from '../../shared/store/port';
import { STORE_METHODS } from '../../shared/store/port';
import { answerPortCall, isStoreCall } from '../../shared/store/protocol';

/**
 * Serves a port over postMessage, so the store runs in a dedicated Worker (docs/ARCHITECTURE.md: Dexie
 * writes on the renderer's main thread cost ~100 ms of blocking work per 1000-row batch; in a
 * Worker there are no long tasks at the same throughput). Requests are processed concurrently;
 * IndexedDB itself orders overlapping rw transactions. The messages are shared/store/protocol.ts's.
 */

/** The part of a Worker global scope (or a MessagePort) this needs. */
export interface MessageEndpoint {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** Answers every call arriving on `endpoint` with `target`'s methods named in `methods`. Returns the unsubscribe. */
export function servePort<T extends object>(endpoint: MessageEndpoint, target: T, methods: readonly (keyof T & string)[]): () => void {
  const listener = (event: MessageEvent): void => {
    const data: unknown = event.data;
    if (!isStoreCall(data)) return;
    void answerPortCall(target, methods, data).then((answer) => endpoint.postMessage(answer));
  };
  endpoint.addEventListener('message', listener);
  return () => endpoint.removeEventListener('message', listener);
}

/** Main's StorePort on `endpoint`. */
export function serveStore(endpoint: MessageEndpoint, store: StorePort): () => void {
  return servePort(endpoint, store, STORE_METHODS);
}
