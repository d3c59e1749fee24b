import type { EventName, EventPayloads } from '../../shared/ipc/contract';
import type { Reply } from '../../shared/ipc/wire';
import type { StoreMethod } from '../../shared/store/port';

/**
 * The main core's only view of the renderer, whatever carries it: Electron IPC
 * (main/electron/ipc.ts) or the browser-mode WebSocket (main/browser/wsLink.ts).
 */
export type RequestHandler = (channel: unknown, input: unknown) => Promise<Reply>;

export interface RendererLink {
  /** Installs the single handler for renderer -> main requests. */
  onRequest(handler: RequestHandler): void;
  /** Broadcasts a typed event to every connected renderer. */
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
  /** Sends one store-port call to the renderer that serves the store; rejects if none does. */
  callStore(method: StoreMethod, args: unknown[]): Promise<Reply>;
  /** True while some renderer serves the store port. */
  storeAvailable(): boolean;
  /** Called whenever a store server connects; returns the unsubscribe. */
  onStoreAvailable(listener: () => void): () => void;
  close(): Promise<void>;
}
