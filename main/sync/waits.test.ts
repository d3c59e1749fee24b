import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../shared/domain/types';
import { AppError } from '../../shared/errors';
import { harness, storedTradeKeys } from '../../testing/sync/harness';

describe('sync engine: waits show in progress', () => {
  it('a page retry backoff is reported with its end, and cleared when the page goes again', async () => {
    const h = harness();
    let failures = 1;
    h.exchange.fault = ({ method }) => (method === 'trades' && failures-- > 0 ? new AppError('EXCHANGE_TRANSIENT', '502') : null);
    await h.engine.start();
    const job = await h.engine.request({ accountId: 'acc1', mode: 'trades' });
    expect((await h.waitJob(job.jobId)).status).toBe('SUCCEEDED');
    const progress = h.events.filter((e) => e.event === 'sync.progress').map((e) => (e.payload as { progress: JobProgress }).progress);
    const waiting = progress.findIndex((p) => p.waitReason === 'backoff');
    expect(waiting).toBeGreaterThanOrEqual(0);
    const wait = progress[waiting];
    expect(wait?.waitingUntil ?? 0).toBeGreaterThan(wait?.updatedAt ?? Infinity);
    expect(progress.slice(waiting + 1).some((p) => p.waitingUntil === null)).toBe(true);
    expect(progress.at(-1)?.waitingUntil ?? null).toBeNull();
    expect(storedTradeKeys(h.store)).toEqual(h.exchange.groundTruth());
    await h.engine.stop();
  });
});
