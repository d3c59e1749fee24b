/**
 * Electron IPC channel names. Four fixed channels carry the whole typed contract; the request's
 * own channel name travels as data and is validated in main.
 */
export const IPC = {
  request: 'tradelog:request',
  event: 'tradelog:event',
  /** renderer -> main: give this window (its store worker) a fresh store port. */
  storePortRequest: 'tradelog:store-port-request',
  /** main -> renderer: carries the port (MessagePortMain transferred as a MessagePort). */
  storePort: 'tradelog:store-port',
} as const;

/** window.postMessage marker with which the preload hands the store port to the page. */
export const STORE_PORT_MESSAGE = 'tradelog:store-port';

/** First message the store worker sends on its port once the database is open. */
export const STORE_PORT_READY = { kind: 'store-ready' } as const;

export function isStorePortReady(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === STORE_PORT_READY.kind;
}
