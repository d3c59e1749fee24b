import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { completeness } from '../../shared/sync/kinds';
import { settleUntil } from '../../testing/sync/fakeClock';
import { harness, storedTradeKeys } from '../../testing/sync/harness';

// The engine records, per kind of history in the account's scope, whether it was imported to its
// end; "Synced" is derived from that (shared/sync/kinds.ts), never from "a job succeeded".
describe('sync engine: per-kind completeness', () => {
  it('a full sync that fails in trades records balances and movements complete, trades not; a trades rerun completes it', async () => {
    const h = harness();
    let failing = true;
    h.exchange.fault = ({ method }) => (failing && method === 'trades' ? new AppError('EXCHANGE_BAD_REQUEST', 'bad request') : null);
    await h.engine.start();
    const full = await h.engine.request({ accountId: 'acc1', mode: 'full' });
    expect((await h.waitJob(full.jobId)).status).toBe('FAILED');
    const after = h.store.accounts.get('acc1');
    expect(after?.kinds).toMatchObject({
      'balances:spot': { lastOk: true }, movements: { lastOk: true }, 'trades:spot': { completedAt: null, lastOk: false },
    });
    expect(completeness({ marketTypes: ['spot'], kinds: after?.kinds }).missing.map((k) => k.key)).toEqual(['trades:spot']);
    failing = false;
    const trades = await h.engine.request({ accountId: 'acc1', mode: 'trades' });
    expect((await h.waitJob(trades.jobId)).status).toBe('SUCCEEDED');
    expect(completeness({ marketTypes: ['spot'], kinds: h.store.accounts.get('acc1')?.kinds }).complete).toBe(true);
    expect(storedTradeKeys(h.store)).toEqual(h.exchange.groundTruth());
    await h.engine.stop();
  });

  it('a job that stops at its page budget leaves its kind incomplete until the continuation finishes', async () => {
    const h = harness({ settings: { ...(await import('../../testing/sync/harness')).testSettings({ maxPagesPerSymbol: 1 }) } });
    await h.engine.start();
    const first = await h.engine.request({ accountId: 'acc1', mode: 'trades' });
    await h.waitJob(first.jobId);
    expect(h.store.accounts.get('acc1')?.kinds?.['trades:spot']).toBeUndefined();
    await settleUntil(() => [...h.store.jobs.values()].filter((j) => j.status === 'SUCCEEDED').length >= 3);
    expect(h.store.accounts.get('acc1')?.kinds?.['trades:spot']).toMatchObject({ lastOk: true });
    await h.engine.stop();
  });

  it('"sync all" gives an account whose scope is not complete a full sync, a complete one the mode asked for', async () => {
    const h = harness();
    await h.engine.start();
    const [first] = await h.engine.requestAll('trades');
    expect(h.store.jobs.get(first?.jobId ?? '')?.mode).toBe('full');
    await h.waitJob(first?.jobId ?? '');
    const [second] = await h.engine.requestAll('trades');
    expect(h.store.jobs.get(second?.jobId ?? '')?.mode).toBe('trades');
    await h.engine.stop();
  });

  it('resetting an open breaker runs the retry waiting on it at once', async () => {
    const h = harness();
    let failing = true;
    h.exchange.fault = ({ method }) => (failing && method === 'loadMarkets' ? new AppError('EXCHANGE_TRANSIENT', '502') : null);
    await h.engine.start();
    const job = await h.engine.request({ accountId: 'acc1', mode: 'trades' });
    // Attempt 1 fails its pages (and opens the breaker); attempt 2 fails fast on the open breaker.
    await h.waitJob(job.jobId, ['RETRY_SCHEDULED']);
    await h.clock.runUntil(() => h.store.jobs.get(job.jobId)?.error?.code === 'CIRCUIT_OPEN', 120_000, 1000);
    const waiting = h.store.jobs.get(job.jobId);
    expect(waiting).toMatchObject({ status: 'RETRY_SCHEDULED', error: { code: 'CIRCUIT_OPEN' } });
    const waitUntil = waiting?.nextRunAt ?? 0;
    expect(waitUntil - h.clock.now()).toBeGreaterThan(60_000);
    failing = false;
    expect(h.engine.resetBreaker('demo:spot')).toBe(true);
    expect(await settleUntil(() => h.store.jobs.get(job.jobId)?.status === 'SUCCEEDED')).toBe(true);
    expect(h.clock.now()).toBeLessThan(waitUntil);
    expect(storedTradeKeys(h.store)).toEqual(h.exchange.groundTruth());
    await h.engine.stop();
  });
});
