import { isEventName } from '../shared/ipc/eventNames';
import type { EventName, EventPayloads, RequestChannel, RequestInput, RequestResults } from '../shared/ipc/contract';
import type { Reply } from '../shared/ipc/wire';

/**
 * The renderer's whole view of main. Built from a transport, so Electron's preload (ipcRenderer)
 * and browser mode (WebSocket) expose the very same object; the renderer's type is derived from
 * this function (`AppApi`), never written twice (Bitwarden's global.d.ts idea).
 *
 * Results are plain `Reply` objects rather than thrown errors: Electron's contextBridge keeps only
 * an error's message, so a typed `{ code, message }` must travel as data.
 */
export interface ApiTransport {
  invoke(channel: RequestChannel, input: unknown): Promise<Reply>;
  /** Delivers every main -> renderer event; returns the unsubscribe. */
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
  /**
   * Electron: asks main for a fresh store MessagePort, which arrives on `window` as a message
   * (STORE_PORT_MESSAGE) for the page to pass to its store worker. Browser mode: nothing to do,
   * the worker connects to the core itself.
   */
  requestStorePort(): void;
}

export function createApi(transport: ApiTransport) {
  const request = <C extends RequestChannel>(channel: C) =>
    (input: RequestInput<C>): Promise<Reply<RequestResults[C]>> => transport.invoke(channel, input) as Promise<Reply<RequestResults[C]>>;

  return {
    app: { info: request('app.info') },
    diagnostics: { ping: request('diagnostics.ping') },
    settings: { get: request('settings.get'), update: request('settings.update') },
    accounts: {
      add: request('accounts.add'),
      createDemo: request('accounts.createDemo'),
      update: request('accounts.update'),
      updateKeys: request('accounts.updateKeys'),
      testConnection: request('accounts.testConnection'),
      remove: request('accounts.remove'),
      setPaused: request('accounts.setPaused'),
    },
    sync: {
      request: request('sync.request'),
      requestAll: request('sync.requestAll'),
      cancel: request('sync.cancel'),
      status: request('sync.status'),
      setBackgroundPaused: request('sync.setBackgroundPaused'),
      resetBreaker: request('sync.resetBreaker'),
    },
    data: { purgeAndRefetch: request('data.purgeAndRefetch') },
    market: { candles: request('market.candles') },
    journal: { closedPnl: request('journal.closedPnl') },
    events: {
      /** Listens to one typed event; returns the unsubscribe (call it, or the listener leaks). */
      on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
        if (!isEventName(event)) throw new TypeError(`Unknown event: ${String(event)}`);
        return transport.subscribe((name, payload) => {
          if (name === event) listener(payload as EventPayloads[E]);
        });
      },
    },
    store: {
      /** Electron: main's sync engine reaches the journal's store worker through the port this requests. */
      requestPort(): void {
        transport.requestStorePort();
      },
    },
  };
}

export type AppApi = ReturnType<typeof createApi>;

/** The global name the API is exposed under in both hosts. */
export const API_GLOBAL = 'tradelog';
