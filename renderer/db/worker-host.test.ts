import { afterEach, describe, expect, it } from 'vitest';
import { answerStoreCall } from '../../shared/store/protocol';
import { DexieStore } from './dexie-store';
import { makeAccount, newTestDb } from '../../testing/db/test-support';

let store: DexieStore;
afterEach(() => store.close());

describe('store calls answered by the store', () => {
  it('runs port methods and flattens errors to safe payloads', async () => {
    store = new DexieStore(newTestDb());
    expect(await answerStoreCall(store, { id: 1, method: 'putAccount', args: [makeAccount('a')] })).toEqual({ id: 1, reply: { ok: true, value: null } });
    expect(await answerStoreCall(store, { id: 2, method: 'getAccount', args: ['a'] })).toMatchObject({ id: 2, reply: { ok: true, value: { id: 'a' } } });
    expect(await answerStoreCall(store, { id: 3, method: 'constructor', args: [] })).toMatchObject({ id: 3, reply: { ok: false, error: { code: 'UNKNOWN_CHANNEL' } } });
    expect(await answerStoreCall(store, { id: 4, method: 'putSettings', args: [{ bad: true }] })).toMatchObject({ reply: { ok: false, error: { code: 'INVALID_INPUT' } } });
  });
});
