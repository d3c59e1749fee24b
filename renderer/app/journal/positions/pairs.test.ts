import { afterEach, describe, expect, it } from 'vitest';
import { randomHistory } from '../../../../testing/journal/fixtures';
import { DexieStore } from '../../../db/dexie-store';
import type { LedgerRow } from '../../../db/records';
import { makeBatch, makeLog, newTestDb } from '../../../../testing/db/test-support';
import { loadPair, toPair } from './pairs';

let store: DexieStore;
afterEach(() => store.close());

describe('loadPair', () => {
  it("a reader's incremental re-read after commits equals a fresh read", async () => {
    store = new DexieStore(newTestDb('pairs-reread'));
    await store.putSyncLog(makeLog());
    const h = randomHistory(11, { fills: 150, marketType: 'linear' });
    const ledgerOf = async () => toPair((await store.db.ledgers.get(['acc1', 'BTC/USDT:USDT'])) as LedgerRow);
    await store.commitBatch(makeBatch('first', h.fills.slice(0, 60)));
    const before = await loadPair(store.db, await ledgerOf());
    await store.commitBatch(makeBatch('second', h.fills.slice(60, 90), { income: h.funding }));
    await store.commitBatch(makeBatch('third', h.fills.slice(90)));
    const after = await ledgerOf();
    const incremental = await loadPair(store.db, after, before ?? undefined);
    const fresh = await loadPair(store.db, after);
    expect(incremental?.positions).toEqual(fresh?.positions);
    expect(fresh?.positions.length).toBeGreaterThan(before?.positions.length ?? 0);
    expect(incremental?.revision).toBe(after.revision);
  });

  it('a reader too far behind reads the pair whole, with the same result', async () => {
    store = new DexieStore(newTestDb('pairs-behind'));
    await store.putSyncLog(makeLog());
    const h = randomHistory(12, { fills: 200, marketType: 'spot' });
    await store.commitBatch(makeBatch('b0', h.fills.slice(0, 5)));
    const before = await loadPair(store.db, toPair((await store.db.ledgers.get(['acc1', 'BTC/USDT'])) as LedgerRow));
    for (let i = 5; i < 200; i += 5) await store.commitBatch(makeBatch(`b${i}`, h.fills.slice(i, i + 5)));
    const after = toPair((await store.db.ledgers.get(['acc1', 'BTC/USDT'])) as LedgerRow);
    expect(after.revision - (before?.revision ?? 0)).toBeGreaterThan(32);
    expect((await loadPair(store.db, after, before ?? undefined))?.positions).toEqual((await loadPair(store.db, after))?.positions);
  });
});
