import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { journalEntriesFor } from '../../../db/journal-entries';
import type { JournalEntry } from '../../../db/records';
import type { JournalDb } from '../../../db/schema';

const NONE: ReadonlyMap<string, JournalEntry> = new Map();

export interface JournalMarkers {
  /** The trade has a journal entry (known for every row at once). */
  has(key: string): boolean;
  /** Its entry, once read (rows on screen only). */
  entry(key: string): JournalEntry | undefined;
}

/**
 * Journal markers for the rendered rows without a query per scroll frame: one live read of the
 * journal's keys (user-written entries: few, one getAllKeys; re-read only when the journal
 * changes) answers "has a note" for any row, and only rows that have one read their entry
 * (rating, tags), live, when they come into the rendered range.
 */
export function useJournalMarkers(db: JournalDb, renderedKeys: readonly string[]): JournalMarkers {
  const keys = useLiveQuery(() => db.journal.toCollection().primaryKeys(), [db]);
  const journaled = useMemo(() => new Set(keys ?? []), [keys]);
  const wantedJson = JSON.stringify(renderedKeys.filter((k) => journaled.has(k)));
  const entries = useLiveQuery(async () => {
    const wanted = JSON.parse(wantedJson) as string[];
    if (wanted.length === 0) return NONE;
    const found = await journalEntriesFor(db, wanted);
    return new Map(found.filter((e): e is JournalEntry => e !== null).map((e) => [e.key, e]));
  }, [db, wantedJson]) ?? NONE;
  return useMemo(() => ({ has: (key) => journaled.has(key), entry: (key) => entries.get(key) }), [journaled, entries]);
}
