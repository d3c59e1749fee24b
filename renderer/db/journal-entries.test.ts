import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { DexieStore } from './dexie-store';
import { journalEntriesByTag, journalEntriesFor, saveJournalEntry } from './journal-entries';
import { makeBatch, makeLog, makeTrade, newTestDb, range } from '../../testing/db/test-support';

let store: DexieStore;
afterEach(() => store.close());

describe('journal entries', () => {
  it('save keeps createdAt, dedupes tags and survives a purge + re-sync of the trade', async () => {
    store = new DexieStore(newTestDb());
    await store.putSyncLog(makeLog());
    const trades = range(0, 3).map((n) => makeTrade(n));
    await store.commitBatch(makeBatch('b1', trades));
    const key = trades[1]?.key ?? '';
    await saveJournalEntry(store.db, { key, kind: 'trade', accountId: 'acc1', note: 'first', tags: ['b', 'a', 'b'], rating: 3 }, 10);
    const edited = await saveJournalEntry(store.db, { key, kind: 'trade', accountId: 'acc1', note: 'second', tags: ['a'], rating: 5 }, 20);
    expect(edited).toMatchObject({ note: 'second', createdAt: 10, updatedAt: 20, tags: ['a'] });

    await store.purgeCategory('acc1', 'trades');
    await store.commitBatch(makeBatch('b2', trades));
    expect((await journalEntriesFor(store.db, [trades[0]?.key ?? '', key])).map((e) => e?.note ?? null)).toEqual([null, 'second']);
    expect((await journalEntriesByTag(store.db, 'a')).map((e) => e.key)).toEqual([key]);
  });

  it('rejects invalid input with INVALID_INPUT', async () => {
    store = new DexieStore(newTestDb());
    const error = await saveJournalEntry(store.db, { key: 'k', kind: 'trade', accountId: 'a', note: '', tags: [], rating: 9 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVALID_INPUT');
  });
});
