import { Dexie } from 'dexie';
import type { Collection, Table, Transaction } from 'dexie';
import {
  labelledDayOf, labelledDaysOf, labelledPositionOf, sameForLabelled, unpackLabelledDay, utcDayNumber, type LabelledDay, type LabelledPosition,
} from '../../shared/journal/labelled-position';
import type { JournalEntry, PositionRow } from './records';

/**
 * The kept copy of every labelled closed position (shared/journal/labelled-position.ts, schema
 * v10), kept exact in the transaction of each write it follows: journal edits (journal-entries.ts)
 * and restores recompute the rows of the keys they wrote; position writes (closed-aggregates.ts:
 * commits, imports, replays) recompute the rows of the positions that changed; deleting an
 * account's positions (purge, account delete) deletes its rows. Each row change repacks its UTC
 * day (`labelledDays`, what the dashboard reads) from the rows of that day.
 *
 * Invariant the position writers rely on: a kept row exists only for a key that has a journal
 * entry, so a changed position without an entry needs no row work. Entries annotate positions
 * of their own account (the editor writes the position's accountId; account delete removes both).
 */

export interface LabelledTables {
  positions: Table<PositionRow, string>;
  journal: Table<JournalEntry, string>;
  labelledPositions: Table<LabelledPosition, string>;
  labelledDays: Table<LabelledDay, [string, number]>;
}

const DAY_MS = 86_400_000;

/** Writes row changes, then repacks every UTC day they touched (the old rows' days and the new ones'). */
async function writeRows(db: Pick<LabelledTables, 'labelledPositions' | 'labelledDays'>, puts: readonly LabelledPosition[], deletes: readonly string[]): Promise<void> {
  const old = await db.labelledPositions.bulkGet([...deletes, ...puts.map((p) => p.key)]);
  const days = new Map<string, [string, number]>();
  const touch = (accountId: string, closedAt: number): void => {
    const day = utcDayNumber(closedAt);
    days.set(JSON.stringify([accountId, day]), [accountId, day]);
  };
  for (const row of old) if (row !== undefined) touch(row.accountId, row.closedAt);
  for (const row of puts) touch(row.accountId, row.closedAt);
  if (days.size === 0) return;
  if (deletes.length > 0) await db.labelledPositions.bulkDelete([...deletes]);
  if (puts.length > 0) await db.labelledPositions.bulkPut([...puts]);
  const packs: LabelledDay[] = [];
  const empty: [string, number][] = [];
  for (const [accountId, day] of days.values()) {
    const rows = await labelledOfAccount(db, accountId, day * DAY_MS, (day + 1) * DAY_MS).toArray();
    if (rows.length === 0) empty.push([accountId, day]);
    else packs.push(labelledDayOf(accountId, day, rows));
  }
  if (empty.length > 0) await db.labelledDays.bulkDelete(empty);
  if (packs.length > 0) await db.labelledDays.bulkPut(packs);
}

/** Recomputes the rows of these keys from the stored positions and entries (after a journal edit or a restore). */
export async function refreshLabelled(db: LabelledTables, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  const [positions, entries] = await Promise.all([db.positions.bulkGet([...keys]), db.journal.bulkGet([...keys])]);
  const puts: LabelledPosition[] = [];
  const deletes: string[] = [];
  keys.forEach((key, i) => {
    const row = labelledPositionOf(positions[i], entries[i]);
    if (row === null) deletes.push(key);
    else puts.push(row);
  });
  await writeRows(db, puts, deletes);
}

/**
 * The entries of these keys of one account: one index range read of the account's entries when
 * it has fewer than the keys (a first sync or a replay writes thousands of positions; a trader
 * annotates a few hundred), else one get per key. Nothing read when the account has no entry.
 */
async function entriesOf(db: LabelledTables, accountId: string, keys: readonly string[]): Promise<Map<string, JournalEntry>> {
  const out = new Map<string, JournalEntry>();
  const byAccount = db.journal.where('accountId').equals(accountId);
  const count = await byAccount.count();
  if (count === 0) return out;
  if (count < keys.length) {
    const wanted = new Set(keys);
    for (const e of await byAccount.toArray()) if (wanted.has(e.key)) out.set(e.key, e);
  } else {
    for (const e of await db.journal.bulkGet([...keys])) if (e !== undefined) out.set(e.key, e);
  }
  return out;
}

/**
 * After positions were written: `old` are the stored versions the write replaced or removed,
 * `rows` the versions now stored. Recomputes the rows of the positions that changed for the copy
 * (sameForLabelled) or went away, in the caller's rw transaction.
 */
export async function keepLabelled(db: LabelledTables, old: readonly (PositionRow | undefined)[], rows: readonly PositionRow[]): Promise<void> {
  const before = new Map<string, PositionRow>();
  for (const p of old) if (p !== undefined) before.set(p.key, p);
  const now = new Map<string, PositionRow>();
  const changed = new Map<string, string[]>();
  const add = (accountId: string, key: string): void => {
    const keys = changed.get(accountId);
    if (keys === undefined) changed.set(accountId, [key]);
    else keys.push(key);
  };
  for (const p of rows) {
    now.set(p.key, p);
    const was = before.get(p.key);
    before.delete(p.key);
    if (was !== undefined && sameForLabelled(was, p)) continue;
    add(p.accountId, p.key);
    if (was !== undefined && was.accountId !== p.accountId) add(was.accountId, p.key);
  }
  for (const p of before.values()) add(p.accountId, p.key);
  const puts: LabelledPosition[] = [];
  const deletes: string[] = [];
  for (const [accountId, keys] of changed) {
    const entries = await entriesOf(db, accountId, keys);
    for (const [key, entry] of entries) {
      const row = labelledPositionOf(now.get(key), entry);
      if (row === null) deletes.push(key);
      else puts.push(row);
    }
  }
  if (puts.length > 0 || deletes.length > 0) await writeRows(db, puts, deletes);
}

/** Deletes an account's rows and packs (with its positions: purge, account delete). */
export async function deleteAccountLabelled(db: Pick<LabelledTables, 'labelledPositions' | 'labelledDays'>, accountId: string): Promise<void> {
  await labelledOfAccount(db, accountId).delete();
  await db.labelledDays.where(':id').between([accountId, Dexie.minKey], [accountId, Dexie.maxKey]).delete();
}

/**
 * The labelled rows of one account closing in [from, to) (null: unbounded), from the day packs:
 * one range read of about one record per UTC day with labelled closes; the edge days' packs are
 * filtered by close time, so any zone's date range is exact.
 */
export async function readLabelledOfAccount(db: Pick<LabelledTables, 'labelledDays'>, accountId: string, from: number | null, to: number | null): Promise<LabelledPosition[]> {
  const lo = from === null ? Dexie.minKey : utcDayNumber(from);
  const hi = to === null ? Dexie.maxKey : utcDayNumber(to);
  const packs = await db.labelledDays.where(':id').between([accountId, lo], [accountId, hi], true, true).toArray();
  const out: LabelledPosition[] = [];
  for (const pack of packs) unpackLabelledDay(pack, from, to, out);
  return out;
}

/** The rows of one account's closes in [from, to) (null: unbounded), by the `[accountId+closedAt]` index. */
export function labelledOfAccount(db: Pick<LabelledTables, 'labelledPositions'>, accountId: string, from: number | null = null, to: number | null = null): Collection<LabelledPosition, string> {
  return db.labelledPositions.where('[accountId+closedAt]').between([accountId, from ?? Dexie.minKey], [accountId, to ?? Dexie.maxKey], true, false);
}

/** Schema v10's upgrade: the rows of every stored position entry (entries are what the trader wrote: bounded by that). */
export async function backfillLabelledPositions(tx: Transaction): Promise<void> {
  const entries = (await tx.table<JournalEntry, string>('journal').toArray()).filter((e) => e.kind === 'position');
  const positions = await tx.table<PositionRow, string>('positions').bulkGet(entries.map((e) => e.key));
  const rows: LabelledPosition[] = [];
  entries.forEach((e, i) => {
    const row = labelledPositionOf(positions[i], e);
    if (row !== null) rows.push(row);
  });
  await tx.table<LabelledPosition, string>('labelledPositions').bulkPut(rows);
  await tx.table<LabelledDay, [string, number]>('labelledDays').bulkPut(labelledDaysOf(rows));
}
