import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { clearJournalEntry, playbookKey, positionStops, saveJournalEntry, setPositionStop } from './journal-entries';
import { newTestDb } from '../../testing/db/test-support';

describe('position stops (for R-multiples)', () => {
  it('a stop lives in the position\'s journal entry: the notes editor keeps it, null clears it, nonsense is refused', async () => {
    const db = newTestDb('stops');
    const target = { key: 'pos-1', accountId: 'acc1' };
    await setPositionStop(db, target, 95, 10);
    expect(await db.journal.get('pos-1')).toMatchObject({ kind: 'position', note: '', stopPrice: 95, createdAt: 10 });
    // The notes editor does not send a stop: saving a note keeps it.
    await saveJournalEntry(db, { key: 'pos-1', kind: 'position', accountId: 'acc1', note: 'held too long', tags: ['setup:breakout'], rating: 2 }, 20);
    expect(await db.journal.get('pos-1')).toMatchObject({ note: 'held too long', stopPrice: 95, createdAt: 10, updatedAt: 20 });
    expect(await positionStops(db)).toEqual(new Map([['pos-1', 95]]));
    await expect(setPositionStop(db, target, -1)).rejects.toBeInstanceOf(AppError);
    await expect(setPositionStop(db, target, Number.NaN)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await setPositionStop(db, target, null, 30);
    expect(await db.journal.get('pos-1')).toMatchObject({ note: 'held too long', stopPrice: null });
    expect(await positionStops(db)).toEqual(new Map());
    db.close();
  });

  it('daily notes and setup playbooks are journal entries of their own kinds', async () => {
    const db = newTestDb('day-note');
    const saved = await saveJournalEntry(db, { key: 'day:2024-03-02', kind: 'day', accountId: '*', note: 'slept badly, sized down', tags: [], rating: null }, 5);
    expect(saved.kind).toBe('day');
    expect((await db.journal.get('day:2024-03-02'))?.note).toBe('slept badly, sized down');
    const playbook = await saveJournalEntry(db, { key: playbookKey('breakout'), kind: 'playbook', accountId: '*', note: 'close above the range high on volume; stop under the range', tags: [], rating: null }, 6);
    expect(playbook.key).toBe('playbook:breakout');
    db.close();
  });
});

describe('saving an empty entry over a stop', () => {
  it('clears the note, tags and rating but keeps the stop; the same stop twice writes nothing', async () => {
    const db = newTestDb('empty-over-stop');
    await setPositionStop(db, { key: 'pos-2', accountId: 'acc1' }, 90, 10);
    await saveJournalEntry(db, { key: 'pos-2', kind: 'position', accountId: 'acc1', note: 'n', tags: ['setup:x'], rating: 3 }, 20);
    expect(await clearJournalEntry(db, 'pos-2', 30)).toMatchObject({ note: '', tags: [], rating: null, stopPrice: 90 });
    expect((await db.journal.get('pos-2'))?.stopPrice).toBe(90);
    // A second identical stop (Enter, then blur) leaves updatedAt alone, so an open editor is not reset.
    await setPositionStop(db, { key: 'pos-2', accountId: 'acc1' }, 90, 40);
    expect((await db.journal.get('pos-2'))?.updatedAt).toBe(30);
    // Without a stop, an empty save deletes the entry as before.
    await saveJournalEntry(db, { key: 'pos-3', kind: 'position', accountId: 'acc1', note: 'n', tags: [], rating: null }, 5);
    expect(await clearJournalEntry(db, 'pos-3')).toBeNull();
    expect(await db.journal.get('pos-3')).toBeUndefined();
    db.close();
  });
});
