import type { EventName, EventPayloads } from '../../shared/ipc/contract';
import type { RendererLink } from './link';

/** One event as a discriminated union, so a `switch (message.event)` narrows the payload. */
export type EventMessage = { [E in EventName]: { event: E; payload: EventPayloads[E] } }[EventName];

/**
 * A link that also hands every event to `tap` (the Electron shell uses it for the tray icon and
 * OS notifications) before passing it on unchanged.
 */
export function withEventTap(link: RendererLink, tap: (message: EventMessage) => void): RendererLink {
  return {
    onRequest: (handler) => link.onRequest(handler),
    emit(event, payload) {
      link.emit(event, payload);
      try {
        tap({ event, payload } as EventMessage);
      } catch {
        // A tray or notification failure must not break event delivery.
      }
    },
    callStore: (method, args) => link.callStore(method, args),
    storeAvailable: () => link.storeAvailable(),
    onStoreAvailable: (listener) => link.onStoreAvailable(listener),
    close: () => link.close(),
  };
}
