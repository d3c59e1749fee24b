import type { JournalEntry, JournalTargetKind } from '../../../db/records';
import type { JournalWriter } from '../../../db/journal-writer';
import type { JournalDb } from '../../../db/schema';
import { normalizeRating } from './labels';

/** What the editor holds: a journal entry before the store stamps its times. */
export type EntryDraft = Omit<JournalEntry, 'createdAt' | 'updatedAt'>;

export function isEmptyDraft(draft: Pick<EntryDraft, 'note' | 'tags' | 'rating'>): boolean {
  return draft.note.trim() === '' && draft.tags.length === 0 && draft.rating === null;
}

/**
 * Saves through the store worker (`writer`: renderer/db's journal entry API, validated, one rw
 * transaction, createdAt kept): user data, not sync data. The key is the trade key or position id, both deterministic, so
 * entries survive re-syncs, purges and restores. An empty draft deletes the entry instead.
 */
export async function saveEntry(writer: Pick<JournalWriter, 'saveEntry' | 'clearEntry'>, draft: EntryDraft, now: number = Date.now()): Promise<JournalEntry | null> {
  if (isEmptyDraft(draft)) return writer.clearEntry(draft.key, now);
  return writer.saveEntry({
    key: draft.key,
    kind: draft.kind,
    accountId: draft.accountId,
    note: draft.note,
    tags: [...new Set(draft.tags)],
    rating: normalizeRating(draft.rating),
  }, now);
}

export interface EntrySearch {
  accountId: string | null;
  /** Exact stored tag (including `setup:`/`mistake:` labels); '' = any. Served by the `*tags` index. */
  tag: string;
  /** Case-insensitive substring of the note or a tag; '' = any. */
  text: string;
  minRating: number | null;
  kind: JournalTargetKind | null;
}

/** Entries matching a search, newest edit first. The journal holds user-written rows only, so filtering it in memory is cheap. */
export async function searchEntries(db: JournalDb, search: EntrySearch, limit = 500): Promise<JournalEntry[]> {
  const base = search.tag !== ''
    ? db.journal.where('tags').equals(search.tag)
    : search.accountId !== null ? db.journal.where('accountId').equals(search.accountId) : db.journal.toCollection();
  const needle = search.text.trim().toLowerCase();
  const rows = await base.filter((e) =>
    (search.accountId === null || e.accountId === search.accountId) &&
    (search.kind === null || e.kind === search.kind) &&
    (search.minRating === null || (e.rating !== null && e.rating >= search.minRating)) &&
    (needle === '' || e.note.toLowerCase().includes(needle) || e.tags.some((t) => t.includes(needle))),
  ).toArray();
  return rows.sort((a, b) => b.updatedAt - a.updatedAt).slice(0, limit);
}

/** Every distinct stored tag (for the filter pickers), via the multi-entry index's unique keys. */
export async function allTags(db: JournalDb): Promise<string[]> {
  const keys = await db.journal.orderBy('tags').uniqueKeys();
  return keys.filter((k): k is string => typeof k === 'string');
}
