import { Dexie } from 'dexie';
import type { Table } from 'dexie';

export interface AddOutcome<T> {
  /** The rows that were actually stored, in input order. */
  inserted: T[];
  duplicates: number;
}

/**
 * Append-only insert that lets the primary key reject duplicates (docs/ARCHITECTURE.md, storage facts: no bulkGet pre-check).
 * Must be called inside a rw transaction: the BulkError is caught here so the transaction commits
 * the rest, but only when every failure is a ConstraintError (a key that already exists, or a
 * repeat inside this same batch). Any other failure is rethrown, which aborts the whole transaction.
 */
export async function addCountingDuplicates<T, K>(table: Table<T, K>, rows: readonly T[]): Promise<AddOutcome<T>> {
  if (rows.length === 0) return { inserted: [], duplicates: 0 };
  try {
    await table.bulkAdd(rows);
    return { inserted: [...rows], duplicates: 0 };
  } catch (error: unknown) {
    if (!(error instanceof Dexie.BulkError)) throw error;
    const failed = new Set<number>();
    for (const [pos, failure] of Object.entries(error.failuresByPos)) {
      if (failure.name !== 'ConstraintError') throw error;
      failed.add(Number(pos));
    }
    return { inserted: rows.filter((_, i) => !failed.has(i)), duplicates: failed.size };
  }
}
