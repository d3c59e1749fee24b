/**
 * Asks the browser to keep our IndexedDB under storage pressure (the journal is the only copy of
 * the user's data; "best-effort" storage may be evicted). `persist()` exists only on window
 * contexts, so in a Worker, under Node, or in old engines this reports 'unsupported' instead of throwing.
 */
export type PersistOutcome = 'granted' | 'denied' | 'unsupported';

interface StorageLike {
  persisted?: () => Promise<boolean>;
  persist?: () => Promise<boolean>;
}

export async function requestPersistentStorage(storage: StorageLike | undefined = (globalThis as { navigator?: { storage?: StorageLike } }).navigator?.storage): Promise<PersistOutcome> {
  if (storage === undefined || typeof storage.persist !== 'function') return 'unsupported';
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return 'granted';
    return (await storage.persist()) ? 'granted' : 'denied';
  } catch {
    // Some embedders reject instead of resolving false; either way we are not persistent.
    return 'denied';
  }
}
