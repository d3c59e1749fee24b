import { describe, expect, it } from 'vitest';
import { newTestDb } from '../../../../testing/db/test-support';
import { connectedJournalWriter } from '../../../../testing/db/journal-writer';
import { allTags, saveEntry, searchEntries } from './journalEntries';
import type { EntrySearch } from './journalEntries';

const ANY: EntrySearch = { accountId: null, tag: '', text: '', minRating: null, kind: null };

describe('journal entries', () => {
  it('creates, updates (keeping createdAt) and deletes an entry when emptied', async () => {
    const db = newTestDb('entries');
    const draft = { key: 'demo|acc1|spot|BTC/USDT|1', kind: 'trade' as const, accountId: 'acc1', note: 'first', tags: ['a'], rating: 3 };
    await saveEntry(connectedJournalWriter(db), draft, 100);
    const updated = await saveEntry(connectedJournalWriter(db), { ...draft, note: 'second', rating: 7 }, 200);
    expect(updated).toMatchObject({ note: 'second', rating: 5, createdAt: 100, updatedAt: 200 });
    expect(await saveEntry(connectedJournalWriter(db), { ...draft, note: ' ', tags: [], rating: null }, 300)).toBeNull();
    expect(await db.journal.count()).toBe(0);
  });

  it('refuses an invalid entry (renderer/db validation) with a safe message', async () => {
    const db = newTestDb('invalid');
    await expect(saveEntry(connectedJournalWriter(db), { key: 'k', kind: 'trade', accountId: 'a', note: '', tags: ['x'.repeat(65)], rating: null })).rejects.toThrow('not valid');
  });

  it('searches by tag index, text, rating, kind and account', async () => {
    const db = newTestDb('search');
    await saveEntry(connectedJournalWriter(db), { key: 'k1', kind: 'trade', accountId: 'a1', note: 'Chased the **breakout**', tags: ['setup:breakout', 'mistake:fomo'], rating: 2 }, 1);
    await saveEntry(connectedJournalWriter(db), { key: 'k2', kind: 'position', accountId: 'a1', note: 'Clean trend trade', tags: ['setup:trend'], rating: 5 }, 2);
    await saveEntry(connectedJournalWriter(db), { key: 'k3', kind: 'trade', accountId: 'a2', note: '<script>x</script>', tags: ['mistake:fomo'], rating: null }, 3);
    const keys = async (s: Partial<EntrySearch>) => (await searchEntries(db, { ...ANY, ...s })).map((e) => e.key);
    expect(await keys({})).toEqual(['k3', 'k2', 'k1']);
    expect(await keys({ tag: 'mistake:fomo' })).toEqual(['k3', 'k1']);
    expect((await db.journal.get('k1'))?.tags).toEqual(['mistake:fomo', 'setup:breakout']);
    expect(await keys({ tag: 'mistake:fomo', accountId: 'a1' })).toEqual(['k1']);
    expect(await keys({ text: 'BREAKOUT' })).toEqual(['k1']);
    expect(await keys({ minRating: 3 })).toEqual(['k2']);
    expect(await keys({ kind: 'position' })).toEqual(['k2']);
    expect(await allTags(db)).toEqual(['mistake:fomo', 'setup:breakout', 'setup:trend']);
  });
});
