import { STORE_METHODS } from '../../shared/store/port';
import type { StoreMethod, StorePort } from '../../shared/store/port';
import { toErrorPayload } from '../../shared/errors';
import type { ErrorPayload } from '../../shared/errors';

/**
 * Serves a StorePort over postMessage, so the store runs in a dedicated Worker (docs/ARCHITECTURE.md: Dexie
 * writes on the renderer's main thread cost ~100 ms of blocking work per 1000-row batch; in a
 * Worker there are no long tasks at the same throughput). Requests are processed concurrently;
 * IndexedDB itself orders overlapping rw transactions.
 */

export interface StoreRequest {
  id: number;
  method: string;
  args: unknown[];
}

export type StoreResponse =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: ErrorPayload };

/** The part of a Worker global scope (or a MessagePort) this needs. */
export interface MessageEndpoint {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export function isStoreMethod(value: unknown): value is StoreMethod {
  return typeof value === 'string' && (STORE_METHODS as readonly string[]).includes(value);
}

function isRequest(value: unknown): value is StoreRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'number' && typeof v.method === 'string' && Array.isArray(v.args);
}

/** Runs one request. Arguments were validated where they entered the app (main's IPC schemas). */
export async function dispatch(store: StorePort, request: StoreRequest): Promise<StoreResponse> {
  if (!isStoreMethod(request.method)) {
    return { id: request.id, ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown store method.' } };
  }
  try {
    // Dynamic dispatch over the port's own method list; the method table is typed by STORE_METHODS.
    const fn = store[request.method] as (...args: unknown[]) => Promise<unknown>;
    const value = await fn.apply(store, request.args);
    return { id: request.id, ok: true, value: value === undefined ? null : value };
  } catch (error: unknown) {
    return { id: request.id, ok: false, error: toErrorPayload(error) };
  }
}

/** Answers every StoreRequest arriving on `endpoint`. Returns the unsubscribe. */
export function serveStore(endpoint: MessageEndpoint, store: StorePort): () => void {
  const listener = (event: MessageEvent): void => {
    const data: unknown = event.data;
    if (!isRequest(data)) return;
    void dispatch(store, data).then((response) => endpoint.postMessage(response));
  };
  endpoint.addEventListener('message', listener);
  return () => endpoint.removeEventListener('message', listener);
}
