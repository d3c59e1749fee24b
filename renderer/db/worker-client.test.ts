import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { DexieStore } from './dexie-store';
import { WorkerStoreClient } from './worker-client';
import { serveStore } from './worker-host';
import type { MessageEndpoint } from './worker-host';
import { makeAccount, makeBatch, makeLog, makeTrade, newTestDb, range } from './test-support';

const cleanups: (() => void)[] = [];
afterEach(() => { for (const c of cleanups.splice(0)) c(); });

/** Both ends of a MessageChannel, as the page and the worker would hold them. */
function connected(): { client: WorkerStoreClient; store: DexieStore } {
  const channel = new MessageChannel();
  const store = new DexieStore(newTestDb());
  const stop = serveStore(channel.port2 as unknown as MessageEndpoint, store);
  const client = new WorkerStoreClient(channel.port1 as unknown as MessageEndpoint);
  channel.port1.start();
  channel.port2.start();
  cleanups.push(() => { client.dispose(); stop(); channel.port1.close(); channel.port2.close(); store.close(); });
  return { client, store };
}

describe('WorkerStoreClient <-> serveStore', () => {
  it('carries port calls, results and typed errors across postMessage', async () => {
    const { client } = connected();
    await client.putAccount(makeAccount('a1'));
    expect((await client.listAccounts()).map((a) => a.id)).toEqual(['a1']);
    await client.putSyncLog(makeLog());
    const result = await client.commitBatch(makeBatch('b1', range(0, 3).map((n) => makeTrade(n))));
    expect(result.inserted.trades).toBe(3);
    expect((await client.commitBatch(makeBatch('b1', []))).replayed).toBe(true);
    const error = await client.commitBatch(makeBatch('b2', [], { logId: 'missing' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('NOT_FOUND');
    expect(await client.getSettings()).toBeNull();
  });

  it('dispose fails calls still waiting instead of leaving them hanging', async () => {
    const channel = new MessageChannel();
    const client = new WorkerStoreClient(channel.port1 as unknown as MessageEndpoint);
    const waiting = client.listAccounts();
    client.dispose();
    channel.port1.close();
    channel.port2.close();
    await expect(waiting).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });
});
