import Bottleneck from 'bottleneck';
import { describe, expect, it } from 'vitest';
import { createLocalBottleneck } from './bottleneck-local';

describe('createLocalBottleneck', () => {
  it('replaces the local datastore\'s timer hop (the hook exists in the pinned Bottleneck)', () => {
    const plain = new Bottleneck({ maxConcurrent: 2 });
    const store = (plain as unknown as { _store: { yieldLoop: unknown } })._store;
    expect(typeof store.yieldLoop).toBe('function');
    const local = createLocalBottleneck({ maxConcurrent: 2 });
    expect((local as unknown as { _store: { yieldLoop: unknown } })._store.yieldLoop).not.toBe(store.yieldLoop);
  });

  it('still bounds the jobs in flight and runs them in the order they were scheduled', async () => {
    const limiter = createLocalBottleneck({ maxConcurrent: 2 });
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const jobs = Array.from({ length: 6 }, (_, i) => limiter.schedule(async () => {
      started.push(i);
      running++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => releases.push(resolve));
      running--;
      return i;
    }));
    // Release whatever runs until all six are done.
    while (started.length < 6 || running > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      releases.shift()?.();
    }
    expect(await Promise.all(jobs)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    await limiter.stop({ dropWaitingJobs: true });
  });
});
