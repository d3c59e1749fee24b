import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import type { Reply } from '../../shared/ipc/wire';
import type { StoreMethod } from '../../shared/store/port';
import { readStoreAnswer } from '../../shared/store/protocol';
import type { StoreCall } from '../../shared/store/protocol';
import { DexieStore } from '../../renderer/db/dexie-store';
import { serveStore } from '../../renderer/db/worker-host';
import type { MessageEndpoint } from '../../renderer/db/worker-host';
import { makeAccount, makeBatch, makeLog, makeTrade, newTestDb, range } from '../../testing/db/test-support';
import { StoreCalls } from '../../shared/store/storeCalls';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/**
 * Main's side as Electron's link speaks it (StoreCalls over one end of a MessageChannel) and the
 * store worker's side (serveStore on the other end, a real DexieStore on fake-indexeddb).
 */
function connected(timeoutMs = 5_000): { call: (method: StoreMethod, ...args: unknown[]) => Promise<unknown>; calls: StoreCalls<MessagePort> } {
  const channel = new MessageChannel();
  const store = new DexieStore(newTestDb());
  const stop = serveStore(channel.port2 as unknown as MessageEndpoint, store);
  const calls = new StoreCalls<MessagePort>(timeoutMs);
  channel.port1.addEventListener('message', (event: MessageEvent) => {
    const answer = readStoreAnswer(event.data);
    if (answer !== null) calls.settle(answer, channel.port1);
  });
  channel.port1.start();
  channel.port2.start();
  cleanups.push(() => {
    stop();
    channel.port1.close();
    channel.port2.close();
    store.close();
  });
  const call = async (method: StoreMethod, ...args: unknown[]): Promise<unknown> => {
    const reply = await calls.start(method, args, channel.port1, (c) => channel.port1.postMessage(c));
    if (!reply.ok) throw AppError.fromPayload(reply.error);
    return reply.value;
  };
  return { call, calls };
}

describe('store protocol: StoreCalls <-> serveStore', () => {
  it('carries port calls, results and typed errors across postMessage', async () => {
    const { call, calls } = connected();
    await call('putAccount', makeAccount('a1'));
    expect(((await call('listAccounts')) as { id: string }[]).map((a) => a.id)).toEqual(['a1']);
    await call('putSyncLog', makeLog());
    expect(await call('commitBatch', makeBatch('b1', range(0, 3).map((n) => makeTrade(n))))).toMatchObject({ inserted: { trades: 3 } });
    expect(await call('commitBatch', makeBatch('b1', []))).toMatchObject({ replayed: true });
    const error = await call('commitBatch', makeBatch('b2', [], { logId: 'missing' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('NOT_FOUND');
    expect(await call('getSettings')).toBeNull();
    expect(calls.size).toBe(0);
  });

  it('a call nobody answers ends with TIMEOUT', async () => {
    const calls = new StoreCalls<string>(20);
    const sent: StoreCall[] = [];
    expect(await calls.start('listAccounts', [], 'port-a', (c) => sent.push(c))).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    expect(sent).toEqual([{ id: 1, method: 'listAccounts', args: [] }]);
    expect(calls.size).toBe(0);
  });

  it('accepts an answer only from the route its call went out on, and fails one route at once', async () => {
    const calls = new StoreCalls<string>(5_000);
    const onA = calls.start('listAccounts', [], 'port-a', () => undefined);
    const onB = calls.start('listJobs', [], 'port-b', () => undefined);
    const ok: Reply = { ok: true, value: [] };
    calls.settle({ id: 1, reply: ok }, 'port-b');
    calls.failAll({ code: 'STORE_UNAVAILABLE', message: 'The window reloaded during a write.' }, 'port-a');
    expect(await onA).toMatchObject({ ok: false, error: { code: 'STORE_UNAVAILABLE' } });
    calls.settle({ id: 2, reply: ok }, 'port-b');
    expect(await onB).toEqual(ok);
  });

  it('a malformed answer ends its call with STORE_FAILED instead of leaving it waiting', () => {
    expect(readStoreAnswer({ id: 7, reply: { ok: 'yes' } })).toMatchObject({ id: 7, reply: { ok: false, error: { code: 'STORE_FAILED' } } });
    expect(readStoreAnswer({ reply: { ok: true } })).toBeNull();
    expect(readStoreAnswer('ready')).toBeNull();
  });
});
