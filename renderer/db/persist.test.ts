import { describe, expect, it } from 'vitest';
import { requestPersistentStorage } from './persist';

describe('requestPersistentStorage', () => {
  it('reports unsupported where the API is missing (Node, a Worker)', async () => {
    expect(await requestPersistentStorage(undefined)).toBe('unsupported');
    expect(await requestPersistentStorage({})).toBe('unsupported');
  });
  it('passes the browser answer through and skips the prompt when already persisted', async () => {
    let asked = 0;
    expect(await requestPersistentStorage({ persisted: async () => true, persist: async () => { asked++; return false; } })).toBe('granted');
    expect(asked).toBe(0);
    expect(await requestPersistentStorage({ persisted: async () => false, persist: async () => false })).toBe('denied');
    expect(await requestPersistentStorage({ persist: () => Promise.reject(new Error('no')) })).toBe('denied');
  });
});
