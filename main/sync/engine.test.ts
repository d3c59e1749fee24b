import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { checkpointKey } from '../../shared/domain/keys';
import { checkpointHasRows } from '../../shared/sync/plan';
import type { BatchCommit } from '../../shared/store/port';
import { settleUntil } from '../../testing/sync/fakeClock';
import { fakeNormalizers } from '../../testing/sync/fakeAdapter';
import { harness, storedTradeKeys, testSettings } from '../../testing/sync/harness';
import { MemoryStore } from '../../testing/sync/memoryStore';
import type { ManagedEngine } from '../core/appCore';

describe('sync engine: pipeline', () => {
  it('a full sync stores exactly the exchange history, with log stats and progress', async () => {
    const h = harness();
    await h.engine.start();
    const job = await h.engine.request({ accountId: 'acc1', mode: 'full' });
    expect(job.deduped).toBe(false);
    const done = await h.waitJob(job.jobId);
    expect(done.status).toBe('SUCCEEDED');
    expect(storedTradeKeys(h.store)).toEqual(h.exchange.groundTruth());
    const log = h.store.logs.get(`${job.jobId}#1`);
    expect(log).toMatchObject({ status: 'SUCCEEDED', error: null });
    // 25 + 7 trades + 1 balance snapshot; pages: BTC 3, ETH 1, SOL 1 (empty) + balance 1
    expect(log?.stats).toMatchObject({ inserted: 33, duplicates: 0, fetched: 33, updated: 0 });
    expect(log?.stats.requests).toBe(h.exchange.calls.length);
    expect(log?.stats.weight).toBe(h.exchange.calls.length * 10);
    // A never-traded symbol records how far it was searched (so the next sync does not search it
    // from the start again), without rows, so it never becomes a 'held' hint.
    const empty = h.store.checkpoints.get(checkpointKey('acc1', 'trades', 'spot', 'SOL/USDT'));
    expect(empty).toMatchObject({ lastTimestamp: null, rowCount: 0 });
    expect(checkpointHasRows(empty ?? { rowCount: 1, lastTimestamp: null })).toBe(false);
    expect(h.store.checkpoints.get(checkpointKey('acc1', 'trades', 'spot', 'BTC/USDT'))?.cursor).toEqual({ kind: 'fromId', fromId: '26' });
    const progress = h.events.filter((e) => e.event === 'sync.progress').map((e) => (e.payload as { progress: { phase: string; batchCount: number } }).progress);
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['balances', 'markets', 'discovering', 'trades', 'finishing']));
    expect(progress.some((p) => p.batchCount === 2)).toBe(true);
    expect(h.store.accounts.get('acc1')?.lastSuccessAt).not.toBeNull();
    await h.engine.stop();
  });

  it('an incremental rerun creates no duplicate and only fetches new rows', async () => {
    const h = harness();
    await h.engine.start();
    await h.waitJob((await h.engine.request({ accountId: 'acc1', mode: 'trades' })).jobId);
    h.exchange.options.history['BTC/USDT'] = 31;
    const second = await h.engine.request({ accountId: 'acc1', mode: 'trades', force: true });
    await h.waitJob(second.jobId);
    expect(storedTradeKeys(h.store)).toEqual(h.exchange.groundTruth());
    expect(h.store.logs.get(`${second.jobId}#1`)?.stats).toMatchObject({ inserted: 6, duplicates: 0 });
    await h.engine.stop();
  });

  it('records a bad symbol as a per-symbol failure and finishes the rest', async () => {
    const store = new MemoryStore();
    const h = harness({ store });
    // A previously synced symbol that has since been delisted.
    store.checkpoints.set(checkpointKey('acc1', 'trades', 'spot', 'DEAD/USDT'), {
      key: checkpointKey('acc1', 'trades', 'spot', 'DEAD/USDT'), accountId: 'acc1', stream: 'trades', marketType: 'spot', symbol: 'DEAD/USDT',
      cursor: { kind: 'fromId', fromId: '5' }, lastTimestamp: null, rowCount: 4, updatedAt: 0,
    });
    await h.engine.start();
    const job = await h.engine.request({ accountId: 'acc1', mode: 'trades' });
    expect((await h.waitJob(job.jobId)).status).toBe('SUCCEEDED');
    expect(h.store.logs.get(`${job.jobId}#1`)?.symbolFailures).toEqual([expect.objectContaining({ symbol: 'DEAD/USDT', code: 'EXCHANGE_BAD_SYMBOL' })]);
    expect(storedTradeKeys(h.store)).toEqual(h.exchange.groundTruth());
    await h.engine.stop();
  });

  it('hits the page budget, commits, and continues in a continuation job', async () => {
    const h = harness({ settings: testSettings({ maxPagesPerSymbol: 1 }) });
    await h.engine.start();
    const job = await h.engine.request({ accountId: 'acc1', mode: 'trades' });
    await h.waitJob(job.jobId);
    await settleUntil(() => [...h.store.jobs.values()].filter((j) => j.status === 'SUCCEEDED').length >= 3);
    const chain = [...h.store.jobs.values()];
    expect(chain.length).toBe(3); // 25 rows at 10 per page: 3 pages for BTC
    expect(chain.filter((j) => j.continuationOf !== null).length).toBe(2);
    expect(chain.every((j) => j.status === 'SUCCEEDED')).toBe(true);
    expect(storedTradeKeys(h.store)).toEqual(h.exchange.groundTruth());
    await h.engine.stop();
  });
});

describe('sync engine: queue', () => {
  it('dedupes same (account, mode, since); force bypasses; one running job per account', async () => {
    const h = harness();
    await h.engine.start();
    const [a, b] = await Promise.all([h.engine.request({ accountId: 'acc1', mode: 'full' }), h.engine.request({ accountId: 'acc1', mode: 'full' })]);
    expect(b?.jobId).toBe(a?.jobId);
    const other = await h.engine.request({ accountId: 'acc1', mode: 'full', since: 5 });
    const forced = await h.engine.request({ accountId: 'acc1', mode: 'full', force: true });
    expect(new Set([a?.jobId, other.jobId, forced.jobId]).size).toBe(3);
    expect(h.engine.status().runningJobIds.length).toBe(1);
    for (const id of [a?.jobId ?? '', other.jobId, forced.jobId]) await h.waitJob(id);
    const running = h.events.filter((e) => e.event === 'job.updated' && (e.payload as { status: string }).status === 'RUNNING');
    expect(running.length).toBe(3);
    await expect(h.engine.request({ accountId: 'nope', mode: 'full' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await h.engine.stop();
  });

  it('runs at most globalConcurrency jobs at once', async () => {
    const store = new MemoryStore();
    const h = harness({ store, settings: testSettings({ globalConcurrency: 2 }) });
    for (const id of ['acc2', 'acc3']) store.accounts.set(id, { ...(store.accounts.get('acc1') ?? (() => { throw new Error('x'); })()), id });
    let max = 0;
    const origPut = store.putJob.bind(store);
    store.putJob = async (job) => {
      await origPut(job);
      max = Math.max(max, [...store.jobs.values()].filter((j) => j.status === 'RUNNING').length);
    };
    await h.engine.start();
    const jobs = await h.engine.requestAll('trades');
    expect(jobs.length).toBe(3);
    for (const j of jobs) await h.waitJob(j.jobId);
    expect(max).toBe(2);
    await h.engine.stop();
  });

  it('cancels a queued job and a running one', async () => {
    const h = harness();
    await h.engine.start();
    const running = await h.engine.request({ accountId: 'acc1', mode: 'trades' });
    const queued = await h.engine.request({ accountId: 'acc1', mode: 'full' });
    expect(await h.engine.cancel(queued.jobId)).toBe(true);
    expect(h.store.jobs.get(queued.jobId)?.status).toBe('CANCELLED');
    await settleUntil(() => h.exchange.calls.length > 0);
    expect(await h.engine.cancel(running.jobId)).toBe(true);
    expect(h.store.jobs.get(running.jobId)?.status).toBe('CANCELLED');
    expect(await h.engine.cancel('unknown')).toBe(false);
    await h.engine.stop();
  });
});

describe('sync engine: failures and retries', () => {
  it('retries transient page errors with backoff and counts the retries', async () => {
    const h = harness();
    h.exchange.fault = ({ method, n }) => (method === 'trades' && n <= 4 ? new AppError('EXCHANGE_TRANSIENT', '502 Bad Gateway') : null);
    await h.engine.start();
    const job = await h.engine.request({ accountId: 'acc1', mode: 'trades' });
    expect((await h.waitJob(job.jobId)).status).toBe('SUCCEEDED');
    expect(h.store.logs.get(`${job.jobId}#1`)?.stats.retries).toBeGreaterThanOrEqual(1);
    expect(storedTradeKeys(h.store)).toEqual(h.exchange.groundTruth());
    await h.engine.stop();
  });

  it('schedules a job retry at +30 s when pages keep failing; the breaker\'s short cool-down is over by then, so it succeeds', async () => {
    const h = harness();
    let failing = true;
    h.exchange.fault = ({ method }) => (failing && method === 'loadMarkets' ? new AppError('EXCHANGE_MAINTENANCE', 'maintenance') : null);
    await h.engine.start();
    const job = await h.engine.request({ accountId: 'acc1', mode: 'trades' });
    const retrying = await h.waitJob(job.jobId, ['RETRY_SCHEDULED']);
    expect(retrying.attempt).toBe(1);
    const failedAt = h.store.logs.get(`${job.jobId}#1`)?.finishedAt ?? 0;
    expect(retrying.nextRunAt).toBe(failedAt + 30_000);
    expect(h.store.logs.get(`${job.jobId}#1`)).toMatchObject({ status: 'RETRY_SCHEDULED', error: { code: 'EXCHANGE_MAINTENANCE' } });
    failing = false;
    const done = await h.waitJob(job.jobId);
    // 5 failed page tries also opened the endpoint's breaker, for its first short cool-down
    // (5 s): attempt 2 is its half-open probe, and the recovered endpoint lets it go through.
    expect(done).toMatchObject({ status: 'SUCCEEDED', attempt: 2 });
    expect(h.store.logs.get(`${job.jobId}#2`)?.startedAt).toBeGreaterThanOrEqual(failedAt + 30_000);
    expect(h.store.logs.get(`${job.jobId}#2`)?.startedAt).toBeLessThan(failedAt + 60_000);
    expect(storedTradeKeys(h.store)).toEqual(h.exchange.groundTruth());
    await h.engine.stop();
  });

  it('"Retry now" while an attempt still runs: that attempt, failing on a breaker it met before the reset, retries at once', async () => {
    const h = harness();
    // The attempt meets an open breaker once (the wait it carries is the breaker's 10-minute cool-down)...
    let failing = true;
    h.exchange.fault = ({ method }) => {
      if (!failing || method !== 'loadMarkets') return null;
      failing = false;
      return new AppError('CIRCUIT_OPEN', 'Requests to demo:spot are paused after repeated failures.', { retryAfterMs: 600_000 });
    };
    let release: () => void = () => undefined;
    h.exchange.block = new Promise<void>((resolve) => { release = resolve; });
    await h.engine.start();
    const job = await h.engine.request({ accountId: 'acc1', mode: 'trades' });
    expect(await settleUntil(() => h.store.jobs.get(job.jobId)?.status === 'RUNNING')).toBe(true);
    // ...while the user resets the breakers and asks again: the request finds the running job.
    const again = await h.engine.request({ accountId: 'acc1', mode: 'trades' });
    expect(again).toMatchObject({ jobId: job.jobId, deduped: true });
    h.exchange.block = null;
    release();
    const done = await h.waitJob(job.jobId);
    expect(done).toMatchObject({ status: 'SUCCEEDED', attempt: 2 });
    const failedAt = h.store.logs.get(`${job.jobId}#1`)?.finishedAt ?? 0;
    expect(h.store.logs.get(`${job.jobId}#1`)).toMatchObject({ status: 'RETRY_SCHEDULED', error: { code: 'CIRCUIT_OPEN' } });
    // At once, not after the 10 minutes the failed attempt's error asked for.
    expect(h.store.logs.get(`${job.jobId}#2`)?.startedAt).toBeLessThan(failedAt + 1_000);
    expect(storedTradeKeys(h.store)).toEqual(h.exchange.groundTruth());
    await h.engine.stop();
  });

  it('a scheduled retry asked for by nobody waits out the wait its error carried', async () => {
    const h = harness();
    let failing = true;
    h.exchange.fault = ({ method }) => (failing && method === 'loadMarkets' ? new AppError('CIRCUIT_OPEN', 'Requests to demo:spot are paused after repeated failures.', { retryAfterMs: 600_000 }) : null);
    await h.engine.start();
    const job = await h.engine.request({ accountId: 'acc1', mode: 'trades' });
    const retrying = await h.waitJob(job.jobId, ['RETRY_SCHEDULED']);
    const failedAt = h.store.logs.get(`${job.jobId}#1`)?.finishedAt ?? 0;
    expect(retrying.nextRunAt).toBeGreaterThanOrEqual(failedAt + 600_000);
    failing = false;
    expect(await h.waitJob(job.jobId, ['SUCCEEDED'], 1_200_000)).toMatchObject({ attempt: 2 });
    expect(h.store.logs.get(`${job.jobId}#2`)?.startedAt).toBeGreaterThanOrEqual(failedAt + 600_000);
    await h.engine.stop();
  });

  it('a revoked key fails without retry, marks the account and pauses its schedule', async () => {
    const h = harness({ account: { scheduleMinutes: 5 } });
    h.exchange.fault = ({ method }) => (method === 'trades' ? new AppError('EXCHANGE_AUTH', 'Invalid API-key, IP, or permissions for action.') : null);
    await h.engine.start();
    const first = await settleUntil(() => h.store.jobs.size > 0);
    expect(first).toBe(true);
    const job = [...h.store.jobs.values()][0];
    const done = await h.waitJob(job?.id ?? '');
    expect(done).toMatchObject({ status: 'FAILED', attempt: 1, error: { code: 'EXCHANGE_AUTH' } });
    expect(h.store.accounts.get('acc1')?.status).toBe('needs_credentials');
    expect(h.events.some((e) => e.event === 'account.changed')).toBe(true);
    expect(h.events.some((e) => e.event === 'notice' && (e.payload as { level: string }).level === 'error')).toBe(true);
    await h.clock.advance(60 * 60_000);
    expect(h.store.jobs.size).toBe(1); // the scheduler leaves it alone
    await h.engine.stop();
  });

  it('resyncs the clock after a clock-skew error', async () => {
    const h = harness();
    h.exchange.fault = ({ n }) => (n === 2 ? new AppError('EXCHANGE_CLOCK_SKEW', '-1021 Timestamp outside recvWindow') : null);
    await h.engine.start();
    const job = await h.engine.request({ accountId: 'acc1', mode: 'trades' });
    expect((await h.waitJob(job.jobId)).status).toBe('SUCCEEDED');
    expect(h.exchange.resyncs).toBe(1);
    await h.engine.stop();
  });

  it('a 429 pauses the bucket: no request inside Retry-After, then the job finishes', async () => {
    const h = harness();
    let limitedAt = -1;
    h.exchange.fault = ({ n }) => {
      if (n !== 3) return null;
      limitedAt = h.clock.now();
      return new AppError('EXCHANGE_RATE_LIMITED', '429 Too Many Requests', { retryAfterMs: 20_000 });
    };
    await h.engine.start();
    const job = await h.engine.request({ accountId: 'acc1', mode: 'trades' });
    expect((await h.waitJob(job.jobId)).status).toBe('SUCCEEDED');
    const inside = h.exchange.calls.filter((c) => c.at > limitedAt && c.at < limitedAt + 20_000);
    expect(inside).toEqual([]);
    expect(storedTradeKeys(h.store)).toEqual(h.exchange.groundTruth());
    await h.engine.stop();
  });
});

describe('sync engine: diagnostics', () => {
  it('a normalizer that throws keeps a sanitized raw snapshot and fails the job without retrying', async () => {
    const h = harness({
      normalizers: {
        ...fakeNormalizers,
        trades: () => {
          throw new Error('boom');
        },
      },
    });
    await h.engine.start();
    const job = await h.engine.request({ accountId: 'acc1', mode: 'trades' });
    expect(await h.waitJob(job.jobId)).toMatchObject({ status: 'FAILED', attempt: 1, error: { code: 'INTERNAL' } });
    expect(h.store.snapshots.length).toBeGreaterThan(0);
    expect(h.store.snapshots[0]).toMatchObject({ jobId: job.jobId, version: 1 });
    expect(h.store.snapshots[0]?.payload.length).toBeLessThanOrEqual(64_000);
    await h.engine.stop();
  });

  it('emits engine.status with breakers and limiters', async () => {
    const h = harness();
    await h.engine.start();
    await h.waitJob((await h.engine.request({ accountId: 'acc1', mode: 'trades' })).jobId);
    await h.clock.advance(1000);
    const statuses = h.events.filter((e) => e.event === 'engine.status');
    expect(statuses.length).toBeGreaterThan(0);
    const st = h.engine.status();
    expect(st.limiters).toEqual([expect.objectContaining({ bucket: 'demo:api', limit: 100_000 })]);
    expect(st.breakers).toEqual([expect.objectContaining({ group: 'demo:spot', phase: 'closed' })]);
    await h.engine.stop();
  });
});

describe('sync engine: crash and shutdown', () => {
  it('going offline stops running jobs gracefully; they resume when back online', async () => {
    const h = harness({ history: { 'A/USDT': 60, 'B/USDT': 60 } });
    await h.engine.start();
    const job = await h.engine.request({ accountId: 'acc1', mode: 'trades' });
    await settleUntil(() => h.store.commits >= 1);
    h.engine.setOnline(false);
    await settleUntil(() => h.store.jobs.get(job.jobId)?.status === 'QUEUED');
    expect(h.store.jobs.get(job.jobId)).toMatchObject({ status: 'QUEUED', attempt: 1, maxAttempts: 4 });
    await h.clock.advance(60_000);
    expect(h.store.jobs.get(job.jobId)?.status).toBe('QUEUED');
    h.engine.setOnline(true);
    expect((await h.waitJob(job.jobId)).status).toBe('SUCCEEDED');
    expect(storedTradeKeys(h.store)).toEqual(h.exchange.groundTruth());
    await h.engine.stop();
  });

  /** A store whose commits from the Nth on never answer: the process "dies" there. */
  function dyingAt(store: MemoryStore, n: number, midBatch: boolean): MemoryStore {
    let count = 0;
    const real = store.commitBatch.bind(store);
    const dying = Object.create(store) as MemoryStore;
    dying.commitBatch = async (batch: BatchCommit) => {
      count++;
      if (count < n) return real(batch);
      // mid-batch: the transaction aborted (nothing of it stored); boundary: it never started.
      if (midBatch) await Promise.resolve();
      return new Promise(() => undefined);
    };
    return dying;
  }

  for (const midBatch of [false, true]) {
    it(`resumes from checkpoints after a crash ${midBatch ? 'mid-batch' : 'at a batch boundary'}`, async () => {
      const store = new MemoryStore();
      const h = harness({ store });
      const crashed = h.restart(dyingAt(store, 3, midBatch));
      await crashed.start();
      const job = await crashed.request({ accountId: 'acc1', mode: 'trades' });
      await settleUntil(() => store.commits >= 2);
      await settleUntil(() => false, 50);
      expect(store.jobs.get(job.jobId)?.status).toBe('RUNNING');
      const before = store.trades.size;
      expect(before).toBeGreaterThan(0);
      // a new engine instance on the same store: the RUNNING job resumes by itself
      await h.engine.start();
      const done = await h.waitJob(job.jobId);
      expect(done).toMatchObject({ status: 'SUCCEEDED', attempt: 2 });
      expect(storedTradeKeys(store)).toEqual(h.exchange.groundTruth());
      const logs = [...store.logs.values()].filter((l) => l.jobId === job.jobId);
      expect(logs.map((l) => l.status).sort()).toEqual(['FAILED', 'SUCCEEDED']);
      // nothing committed twice: duplicates only from pages re-read after the crash (none with id cursors)
      expect(logs.reduce((n, l) => n + l.stats.duplicates, 0)).toBe(0);
      await h.engine.stop();
    });
  }

  it('stop() lets the in-flight batch commit, requeues the job, and a restart finishes it', async () => {
    const h = harness({ history: { 'A/USDT': 50, 'B/USDT': 50, 'C/USDT': 50 } });
    await h.engine.start();
    const job = await h.engine.request({ accountId: 'acc1', mode: 'trades' });
    await settleUntil(() => h.store.commits >= 2);
    await h.engine.stop();
    const stopped = h.store.jobs.get(job.jobId);
    expect(stopped?.status).toBe('QUEUED');
    expect(h.store.logs.get(`${job.jobId}#1`)?.status).toBe('CANCELLED');
    // every committed row is under a checkpoint that points past it
    const partial = h.store.trades.size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(150);
    const again = h.restart();
    await again.start();
    await h.waitJob(job.jobId);
    expect(storedTradeKeys(h.store)).toEqual(h.exchange.groundTruth());
    await again.stop();
  });
});

describe('sync engine: scheduler', () => {
  it('syncs when due, never offline, and catches up when back online', async () => {
    const h = harness({ account: { scheduleMinutes: 10 } });
    await h.engine.start();
    await settleUntil(() => h.store.jobs.size === 1);
    const first = [...h.store.jobs.values()][0];
    expect(first).toMatchObject({ requestedBy: 'system', mode: 'full' });
    await h.waitJob(first?.id ?? '');
    h.engine.setOnline(false);
    await h.clock.advance(11 * 60_000);
    expect(h.store.jobs.size).toBe(1);
    expect(h.engine.status().online).toBe(false);
    h.engine.setOnline(true);
    await settleUntil(() => h.store.jobs.size === 2);
    expect(h.store.jobs.size).toBe(2);
    h.engine.setBackgroundPaused(true);
    await h.clock.advance(30 * 60_000);
    const count = h.store.jobs.size;
    await h.clock.advance(30 * 60_000);
    expect(h.store.jobs.size).toBe(count);
    h.engine.setBackgroundPaused(false);
    h.engine.notifyWake();
    await settleUntil(() => h.store.jobs.size === count + 1);
    expect(h.store.jobs.size).toBe(count + 1);
    await h.engine.stop();
  });
});

describe('sync engine: heartbeat', () => {
  it('beats while a job runs, so a stale RUNNING job is recognisable', async () => {
    const h = harness();
    let release = (): void => undefined;
    h.exchange.block = new Promise<void>((r) => {
      release = r;
    });
    await h.engine.start();
    const job = await h.engine.request({ accountId: 'acc1', mode: 'trades' });
    await settleUntil(() => h.store.jobs.get(job.jobId)?.status === 'RUNNING');
    const first = h.store.jobs.get(job.jobId)?.heartbeatAt ?? 0;
    await h.clock.advance(25_000);
    expect(h.store.jobs.get(job.jobId)?.heartbeatAt).toBe(first + 20_000);
    h.exchange.block = null;
    release();
    expect((await h.waitJob(job.jobId)).heartbeatAt).toBeNull();
    await h.engine.stop();
  });
});

describe('sync engine: contract with main/core', () => {
  it('implements the ManagedEngine port the core drives', () => {
    const h = harness();
    const asPort: ManagedEngine = h.engine;
    expect(typeof asPort.accountChanged).toBe('function');
  });

  it('a schedule paused for credentials resumes when the account is active again', async () => {
    const h = harness({ account: { scheduleMinutes: 5, status: 'needs_credentials', lastAttemptAt: 0 } });
    await h.engine.start();
    await h.clock.advance(10 * 60_000);
    expect(h.store.jobs.size).toBe(0);
    const acc = h.store.accounts.get('acc1');
    if (acc) h.store.accounts.set('acc1', { ...acc, status: 'active' });
    h.engine.accountChanged('acc1');
    await settleUntil(() => h.store.jobs.size === 1);
    expect([...h.store.jobs.values()][0]).toMatchObject({ requestedBy: 'system', mode: 'full' });
    await h.engine.stop();
  });
});

describe('sync engine: manual cooldown', () => {
  it('refuses a manual sync right after a success with the wait, skips it in requestAll, and lets a failure be retried at once', async () => {
    const h = harness({ settings: testSettings({ manualCooldownSeconds: 10 }) });
    await h.engine.start();
    // The whole scope imported once, so "sync all" asks for the mode it is given (not a full sync).
    expect((await h.waitJob((await h.engine.request({ accountId: 'acc1', mode: 'full' })).jobId)).status).toBe('SUCCEEDED');
    const first = await h.engine.request({ accountId: 'acc1', mode: 'trades' });
    expect((await h.waitJob(first.jobId)).status).toBe('SUCCEEDED');

    const refused = await h.engine.request({ accountId: 'acc1', mode: 'trades' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'CONFLICT' });
    expect((refused as AppError).retryAfterMs).toBeGreaterThan(0);
    expect((refused as AppError).retryAfterMs).toBeLessThanOrEqual(10_000);
    expect(await h.engine.requestAll('trades')).toEqual([]);
    // The scheduler and `force` are not held back by it.
    expect((await h.engine.request({ accountId: 'acc1', mode: 'trades', force: true })).deduped).toBe(false);

    // A failed sync may be retried at once ("Try again").
    h.exchange.fault = ({ method }) => (method === 'trades' ? new AppError('EXCHANGE_BAD_REQUEST', 'bad') : null);
    const failing = await h.engine.request({ accountId: 'acc1', mode: 'trades', since: 1 });
    expect((await h.waitJob(failing.jobId)).status).toBe('FAILED');
    h.exchange.fault = () => null;
    const retry = await h.engine.request({ accountId: 'acc1', mode: 'trades', since: 1 });
    expect(retry.deduped).toBe(false);
    await h.engine.stop();
  });
});
