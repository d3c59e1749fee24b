import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { refreshLabelled } from './labelled-positions';
import type { JournalEntry } from './records';
import type { JournalDb } from './schema';

/**
 * The user's own notes, tags and ratings on trades and positions. Stored apart from the synced
 * rows and keyed by the row's deterministic key, so purges, re-syncs and restores of the rows
 * never touch them; only deleteAccount removes them.
 */

export const JournalEntryInputSchema = z.strictObject({
  key: z.string().min(1).max(512),
  kind: z.enum(['trade', 'position', 'day', 'playbook']),
  accountId: z.string().min(1).max(128),
  note: z.string().max(100_000),
  tags: z.array(z.string().trim().min(1).max(64)).max(100),
  rating: z.number().int().min(1).max(5).nullable(),
  stopPrice: z.number().positive().max(1e15).nullable().optional(),
});
export type JournalEntryInput = z.infer<typeof JournalEntryInputSchema>;

/**
 * An entry's edit and the kept copy of its position's labels commit together (labelled-positions.ts);
 * the position is read to build that copy.
 */
function labelTables(db: JournalDb): [typeof db.journal, typeof db.positions, typeof db.labelledPositions, typeof db.labelledDays] {
  return [db.journal, db.positions, db.labelledPositions, db.labelledDays];
}

/** Creates or replaces the entry for `input.key`; keeps the original createdAt. */
export async function saveJournalEntry(db: JournalDb, input: JournalEntryInput, now: number = Date.now()): Promise<JournalEntry> {
  const parsed = JournalEntryInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('INVALID_INPUT', 'This journal entry is not valid.', {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const tags = [...new Set(parsed.data.tags)].sort();
  return db.transaction('rw', labelTables(db), async () => {
    const existing = await db.journal.get(parsed.data.key);
    const { stopPrice, ...rest } = parsed.data;
    // An editor that does not show the stop (notes) leaves it as it was.
    const stop = stopPrice !== undefined ? stopPrice : existing?.stopPrice;
    const entry: JournalEntry = { ...rest, tags, ...(stop === undefined ? {} : { stopPrice: stop }), createdAt: existing?.createdAt ?? now, updatedAt: now };
    await db.journal.put(entry);
    await refreshLabelled(db, [entry.key]);
    return entry;
  });
}

/** Sets (or clears, null) the stop of a position, creating its journal entry if it has none. */
export async function setPositionStop(db: JournalDb, target: { key: string; accountId: string }, stopPrice: number | null, now: number = Date.now()): Promise<JournalEntry> {
  if (stopPrice !== null && !(Number.isFinite(stopPrice) && stopPrice > 0 && stopPrice <= 1e15)) {
    throw new AppError('INVALID_INPUT', 'A stop is a price above 0.', { issues: [{ path: 'stopPrice', message: 'must be a price above 0' }] });
  }
  return db.transaction('rw', labelTables(db), async () => {
    const existing = await db.journal.get(target.key);
    // The same stop again (a second blur, a double Enter) writes nothing: an open editor keeps its draft.
    if (existing !== undefined && (existing.stopPrice ?? null) === stopPrice) return existing;
    const entry: JournalEntry = existing === undefined
      ? { key: target.key, kind: 'position', accountId: target.accountId, note: '', tags: [], rating: null, stopPrice, createdAt: now, updatedAt: now }
      : { ...existing, stopPrice, updatedAt: now };
    await db.journal.put(entry);
    await refreshLabelled(db, [entry.key]);
    return entry;
  });
}

/** The playbook (rules) of a named setup: the note of this entry. */
export function playbookKey(setup: string): string {
  return `playbook:${setup}`;
}

/** The daily note's key for a calendar day (`YYYY-MM-DD`, in the trader's zone). */
export function dayNoteKey(day: string): string {
  return `day:${day}`;
}

/** Stops of every position that has one, by position id (a trader sets a few hundred at most). */
export async function positionStops(db: JournalDb): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  await db.journal.each((e) => {
    if (e.kind === 'position' && typeof e.stopPrice === 'number') out.set(e.key, e.stopPrice);
  });
  return out;
}

/**
 * What "save an empty entry" does: deletes it, unless it carries a position's stop, which is not
 * the editor's to drop (then only the note, tags and rating are cleared). Returns what is stored.
 */
export async function clearJournalEntry(db: JournalDb, key: string, now: number = Date.now()): Promise<JournalEntry | null> {
  return db.transaction('rw', labelTables(db), async () => {
    const existing = await db.journal.get(key);
    if (existing === undefined) return null;
    if (typeof existing.stopPrice !== 'number') {
      await db.journal.delete(key);
      await refreshLabelled(db, [key]);
      return null;
    }
    const cleared: JournalEntry = { ...existing, note: '', tags: [], rating: null, updatedAt: now };
    await db.journal.put(cleared);
    await refreshLabelled(db, [key]);
    return cleared;
  });
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
