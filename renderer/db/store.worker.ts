import { DexieStore } from './dexie-store';
import { DEFAULT_DB_NAME } from './schema';
import { serveStore } from './worker-host';

/**
 * Dedicated Worker entry: `new Worker(new URL('./db/store.worker.ts', import.meta.url), { type: 'module' })`.
 * The UI keeps reading through Dexie on its own thread (liveQuery); writes go through here.
 */
serveStore(self, new DexieStore(DEFAULT_DB_NAME));
