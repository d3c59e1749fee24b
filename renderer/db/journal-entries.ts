import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { JournalEntry } from './records';
import type { JournalDb } from './schema';

/**
 * The user's own notes, tags and ratings on trades and positions. Stored apart from the synced
 * rows and keyed by the row's deterministic key, so purges, re-syncs and restores of the rows
 * never touch them; only deleteAccount removes them.
 */

export const JournalEntryInputSchema = z.strictObject({
  key: z.string().min(1).max(512),
  kind: z.enum(['trade', 'position']),
  accountId: z.string().min(1).max(128),
  note: z.string().max(100_000),
  tags: z.array(z.string().trim().min(1).max(64)).max(100),
  rating: z.number().int().min(1).max(5).nullable(),
});
export type JournalEntryInput = z.infer<typeof JournalEntryInputSchema>;

/** Creates or replaces the entry for `input.key`; keeps the original createdAt. */
export async function saveJournalEntry(db: JournalDb, input: JournalEntryInput, now: number = Date.now()): Promise<JournalEntry> {
  const parsed = JournalEntryInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('INVALID_INPUT', 'This journal entry is not valid.', {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const tags = [...new Set(parsed.data.tags)].sort();
  return db.transaction('rw', db.journal, async () => {
    const existing = await db.journal.get(parsed.data.key);
    const entry: JournalEntry = { ...parsed.data, tags, createdAt: existing?.createdAt ?? now, updatedAt: now };
    await db.journal.put(entry);
    return entry;
  });
}

export async function deleteJournalEntry(db: JournalDb, key: string): Promise<void> {
  await db.journal.delete(key);
}

/** Entries for the rows on screen (e.g. one page of trades), in the order of `keys`; null where none. */
export async function journalEntriesFor(db: JournalDb, keys: readonly string[]): Promise<(JournalEntry | null)[]> {
  const rows = await db.journal.bulkGet([...keys]);
  return rows.map((r) => r ?? null);
}

/** Entries carrying a tag (multiEntry index), newest edit first. */
export async function journalEntriesByTag(db: JournalDb, tag: string): Promise<JournalEntry[]> {
  const rows = await db.journal.where('tags').equals(tag).toArray();
  return rows.sort((a, b) => b.updatedAt - a.updatedAt);
}
