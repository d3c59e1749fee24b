import { useLiveQuery } from 'dexie-react-hooks';
import type { JournalTargetKind } from '../../../db/records';
import type { JournalDb } from '../../../db/schema';

/**
 * Keys of the trades or positions whose journal entry carries `tag` (via the `*tags` index), or
 * null when no tag is chosen. undefined while loading.
 */
export function useTaggedKeys(db: JournalDb, tag: string, kind: JournalTargetKind): ReadonlySet<string> | null | undefined {
  const wanted = tag.trim();
  return useLiveQuery(async () => {
    if (wanted === '') return null;
    const entries = await db.journal.where('tags').equals(wanted).toArray();
    return new Set(entries.filter((e) => e.kind === kind).map((e) => e.key));
  }, [db, wanted, kind]);
}
