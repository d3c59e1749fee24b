import type { ErrorPayload } from '../errors';
import type { StoreAnswer, StoreCall } from '../store/protocol';

/**
 * Envelopes every transport carries (Electron IPC and the browser-mode WebSocket alike).
 * Requests flow renderer -> main, events and store calls main -> renderer.
 */
export type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

export type WireMessage =
  /** Browser mode only: the first message of a connection; `role: 'store'` serves the store port. */
  | { t: 'hello'; token: string; role: 'ui' | 'store' }
  | { t: 'welcome' }
  | { t: 'req'; id: number; channel: string; input: unknown }
  | { t: 'res'; id: number; reply: Reply }
  | { t: 'evt'; event: string; payload: unknown }
  /** The store protocol (shared/store/protocol.ts) in its browser-mode envelope. */
  | ({ t: 'store' } & StoreCall)
  | ({ t: 'storeRes' } & StoreAnswer);
