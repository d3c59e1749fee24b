import { afterEach, describe, expect, it } from 'vitest';
import { DexieStore } from './dexie-store';
import { dispatch } from './worker-host';
import { makeAccount, newTestDb } from './test-support';

let store: DexieStore;
afterEach(() => store.close());

describe('worker dispatch', () => {
  it('runs port methods and flattens errors to safe payloads', async () => {
    store = new DexieStore(newTestDb());
    expect(await dispatch(store, { id: 1, method: 'putAccount', args: [makeAccount('a')] })).toEqual({ id: 1, ok: true, value: null });
    expect(await dispatch(store, { id: 2, method: 'getAccount', args: ['a'] })).toMatchObject({ id: 2, ok: true, value: { id: 'a' } });
    expect(await dispatch(store, { id: 3, method: 'constructor', args: [] })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await dispatch(store, { id: 4, method: 'putSettings', args: [{ bad: true }] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
