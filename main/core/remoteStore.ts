import { AppError } from '../../shared/errors';
import { STORE_METHODS } from '../../shared/store/port';
import type { StoreArgs, StoreMethod, StorePort, StoreResult } from '../../shared/store/port';
import type { RendererLink } from './link';

export interface RemoteStoreOptions {
  /** How long a call waits for a renderer to serve the store before STORE_UNAVAILABLE. */
  waitForStoreMs?: number;
}

/**
 * StorePort over the renderer link: main never touches IndexedDB itself (docs/ARCHITECTURE.md). Calls made while
 * no renderer serves the store wait briefly for one (a reload, a window being created), then fail
 * with STORE_UNAVAILABLE, which the engine treats as transient. Every port call is idempotent, so
 * retrying after a lost reply is safe.
 */
export function createRemoteStore(link: RendererLink, options: RemoteStoreOptions = {}): StorePort {
  const waitMs = options.waitForStoreMs ?? 15_000;

  const waitForStore = (): Promise<void> => {
    if (link.storeAvailable()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new AppError('STORE_UNAVAILABLE', 'The journal database is not open. Open the app window to continue syncing.'));
      }, waitMs);
      const unsubscribe = link.onStoreAvailable(() => {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      });
    });
  };

  const call = async <M extends StoreMethod>(method: M, args: StoreArgs<M>): Promise<StoreResult<M>> => {
    await waitForStore();
    const reply = await link.callStore(method, args);
    if (!reply.ok) throw AppError.fromPayload(reply.error);
    return reply.value as StoreResult<M>;
  };

  const port: Partial<Record<StoreMethod, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const method of STORE_METHODS) {
    port[method] = (...args: unknown[]) => call(method, args as StoreArgs<typeof method>);
  }
  return port as StorePort;
}
