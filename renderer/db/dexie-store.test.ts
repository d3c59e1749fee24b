import { afterEach, describe, expect, it } from 'vitest';
import type { Job, JobStatus } from '../../shared/domain/types';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import type { Settings } from '../../shared/settings';
import { DexieStore } from './dexie-store';
import { T0, makeCheckpoint, makeLog, newTestDb } from '../../testing/db/test-support';

let store: DexieStore;
afterEach(() => store.close());

function job(id: string, accountId: string, status: JobStatus, requestedAt: number): Job {
  return {
    id, accountId, mode: 'trades', since: null, requestedBy: 'manual', requestedAt, status, attempt: 0, maxAttempts: 3,
    nextRunAt: null, heartbeatAt: null, startedAt: null, finishedAt: null, progress: null, error: null, continuationOf: null,
  };
}

describe('DexieStore port methods', () => {
  it('jobs: upsert, get, list newest first filtered by status/account with a limit', async () => {
    store = new DexieStore(newTestDb());
    await store.putJob(job('j1', 'a', 'SUCCEEDED', 1));
    await store.putJob(job('j2', 'a', 'QUEUED', 2));
    await store.putJob(job('j3', 'b', 'QUEUED', 3));
    await store.putJob({ ...job('j1', 'a', 'FAILED', 1), attempt: 3 });
    expect((await store.getJob('j1'))?.status).toBe('FAILED');
    expect(await store.getJob('nope')).toBeNull();
    expect((await store.listJobs()).map((j) => j.id)).toEqual(['j3', 'j2', 'j1']);
    expect((await store.listJobs({ statuses: ['QUEUED'] })).map((j) => j.id)).toEqual(['j3', 'j2']);
    expect((await store.listJobs({ accountId: 'a', limit: 1 })).map((j) => j.id)).toEqual(['j2']);
  });

  it('sync logs: newest first, per account, limited', async () => {
    store = new DexieStore(newTestDb());
    for (const [id, acc, at] of [['x#1', 'a', 1], ['x#2', 'a', 3], ['y#1', 'b', 2]] as const) {
      await store.putSyncLog({ ...makeLog(id, acc), startedAt: T0 + at });
    }
    expect((await store.listSyncLogs()).map((l) => l.id)).toEqual(['x#2', 'y#1', 'x#1']);
    expect((await store.listSyncLogs({ accountId: 'a', limit: 1 })).map((l) => l.id)).toEqual(['x#2']);
    expect(await store.getSyncLog('zzz')).toBeNull();
  });

  it('checkpoints by account and stream; settings null until saved, then validated', async () => {
    store = new DexieStore(newTestDb());
    const cp = makeCheckpoint('a', 'BTC/USDT', '5');
    const mv = { ...makeCheckpoint('a', '', '1'), key: 'a|movements|-|', stream: 'movements' as const, marketType: null };
    await store.db.checkpoints.bulkPut([cp, mv, makeCheckpoint('b', 'BTC/USDT', '9')]);
    expect((await store.getCheckpoints('a')).length).toBe(2);
    expect(await store.getCheckpoints('a', 'trades')).toEqual([cp]);

    expect(await store.getSettings()).toBeNull();
    await store.putSettings(DEFAULT_SETTINGS);
    expect(await store.getSettings()).toEqual(DEFAULT_SETTINGS);
    const bad = { ...DEFAULT_SETTINGS, sync: { ...DEFAULT_SETTINGS.sync, pageSize: 0 } } as Settings;
    await expect(store.putSettings(bad)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await store.getSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('raw snapshots are stored; a closed database surfaces as a typed store error', async () => {
    store = new DexieStore(newTestDb());
    await store.saveRawSnapshot({ id: 's1', accountId: 'a', jobId: 'j', version: 1, createdAt: T0, reason: 'parse', payload: '{}' });
    expect(await store.db.rawSnapshots.count()).toBe(1);
    store.close();
    await expect(store.listAccounts()).rejects.toMatchObject({ name: 'AppError', code: 'STORE_UNAVAILABLE' });
  });
});
