import { Dexie } from 'dexie';
import type { Table } from 'dexie';
import { describe, expect, it } from 'vitest';
import { addCountingDuplicates } from './bulk-add';

function named(name: string): Error {
  const e = new Error(name);
  e.name = name;
  return e;
}

/** Just enough of a Table for addCountingDuplicates: bulkAdd rejects with the given error. */
function failingTable(error: unknown): Table<string, string> {
  return { bulkAdd: () => Promise.reject(error) } as unknown as Table<string, string>;
}

describe('addCountingDuplicates', () => {
  it('maps ConstraintError positions to duplicates and returns the inserted rows in order', async () => {
    const error = new Dexie.BulkError('2 of 4 failed', { 1: named('ConstraintError'), 3: named('ConstraintError') });
    expect(await addCountingDuplicates(failingTable(error), ['a', 'b', 'c', 'd'])).toEqual({ inserted: ['a', 'c'], duplicates: 2 });
  });

  it('rethrows when any failure is not a ConstraintError (so the transaction aborts)', async () => {
    const error = new Dexie.BulkError('2 of 3 failed', { 0: named('ConstraintError'), 2: named('DataError') });
    await expect(addCountingDuplicates(failingTable(error), ['a', 'b', 'c'])).rejects.toBe(error);
  });

  it('rethrows errors that are not BulkErrors', async () => {
    const error = named('DataCloneError');
    await expect(addCountingDuplicates(failingTable(error), ['a'])).rejects.toBe(error);
  });
});
