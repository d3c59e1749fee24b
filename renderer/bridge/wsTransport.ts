import type { ApiTransport } from '../../preload/api';
import { WsClient } from './wsClient';

export interface BrowserModeConfig {
  url: string;
  token: string;
}

const TOKEN_KEY = 'tradelog.token';

/**
 * Browser mode: the token arrives in the URL fragment (never sent to any server), is kept for this
 * tab's session so a reload still works, and is removed from the address bar at once.
 */
export function readBrowserModeConfig(location: Location, storage: Storage, history: History): BrowserModeConfig | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]{16,256})/.exec(location.hash);
  if (match?.[1] !== undefined) {
    storage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', location.pathname + location.search);
  }
  const token = storage.getItem(TOKEN_KEY);
  if (token === null) return null;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return { url: `${scheme}://${location.host}/ipc`, token };
}

export function createWsTransport(config: BrowserModeConfig, onStatus: (connected: boolean) => void): ApiTransport {
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const ui = new WsClient({
    ...config,
    role: 'ui',
    onStatus,
    onEvent: (event, payload) => {
      for (const listener of listeners) listener(event, payload);
    },
  });
  return {
    invoke: (channel, input) => ui.request(channel, input),
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    // The store worker opens its own socket (startStoreWorkerOverSocket): no port to request.
    requestStorePort() {},
  };
}
