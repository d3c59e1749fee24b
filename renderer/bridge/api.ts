import { AppError } from '../../shared/errors';
import type { Reply } from '../../shared/ipc/wire';
import { API_GLOBAL, createApi } from '../../preload/api';
import type { AppApi } from '../../preload/api';
import { createWsTransport, readBrowserModeConfig } from './wsTransport';
import type { BrowserModeConfig } from './wsTransport';

declare global {
  interface Window {
    /** Exposed by the Electron preload, or by browser mode below: the same object either way. */
    [API_GLOBAL]?: AppApi;
  }
}

export type BridgeStatus = 'connected' | 'connecting' | 'disconnected' | 'no-host';

/**
 * The API this renderer talks to. In Electron the preload put it on `window`; otherwise this is
 * browser mode and the API is built over the WebSocket transport (and put on `window` the same
 * way, so e2e specs and the console reach it exactly as the preload's).
 */
export interface Connection {
  api: AppApi;
  /** Set in browser mode: where the core listens, for the store worker's own socket. */
  browser: BrowserModeConfig | null;
}

export function connectApi(onStatus: (status: BridgeStatus) => void): Connection | null {
  const existing = window[API_GLOBAL];
  if (existing !== undefined) {
    onStatus('connected');
    return { api: existing, browser: null };
  }
  const config = readBrowserModeConfig(window.location, window.sessionStorage, window.history);
  if (config === null) {
    onStatus('no-host');
    return null;
  }
  onStatus('connecting');
  const api = createApi(createWsTransport(config, (connected) => onStatus(connected ? 'connected' : 'disconnected')));
  window[API_GLOBAL] = api;
  return { api, browser: config };
}

/** Turns a Reply into its value, or throws the typed AppError it carries. */
export async function unwrap<T>(reply: Promise<Reply<T>>): Promise<T> {
  const result = await reply;
  if (result.ok) return result.value;
  throw AppError.fromPayload(result.error);
}
