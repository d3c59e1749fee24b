import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { DexieOptions } from 'dexie';
import { JournalDb } from './schema';

export * from './fixtures';

/** Test-only helpers (imported by *.test.ts and the Node benchmark, never by the app). */

/** A private in-memory IndexedDB per call, so tests never share state. */
export function fakeIdbOptions(): DexieOptions {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

export function newTestDb(name = 'test-journal', upToVersion?: number): JournalDb {
  return new JournalDb(name, fakeIdbOptions(), upToVersion);
}

/** Everything in the database, for "nothing changed" assertions. */
export async function dumpAll(db: JournalDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}
