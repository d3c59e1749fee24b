import { toErrorPayload } from '../../shared/errors';
import { STORE_METHODS } from '../../shared/store/port';
import type { StoreMethod, StorePort } from '../../shared/store/port';
import type { Reply } from '../../shared/ipc/wire';
import type { StoreCallHandler } from '../../preload/api';

function isStoreMethod(value: string): value is StoreMethod {
  return (STORE_METHODS as readonly string[]).includes(value);
}

/** Serves main's store-port calls from a local StorePort (Dexie), answering every call with a Reply. */
export function createStoreCallHandler(store: StorePort): StoreCallHandler {
  return async (method, args): Promise<Reply> => {
    if (!isStoreMethod(method)) {
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `Unknown store call: ${method.slice(0, 64)}` } };
    }
    try {
      const fn = store[method] as (...callArgs: unknown[]) => Promise<unknown>;
      return { ok: true, value: await fn.apply(store, args) };
    } catch (error) {
      return { ok: false, error: toErrorPayload(error) };
    }
  };
}
