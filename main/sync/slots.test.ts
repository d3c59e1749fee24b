import { describe, expect, it } from 'vitest';
import { runInSlots } from './slots';

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 1));

describe('runInSlots', () => {
  it('runs every item in order, never more than `slots` at once', async () => {
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    await runInSlots([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      started.push(n);
      running++;
      peak = Math.max(peak, running);
      await tick();
      running--;
    });
    expect(started).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(3);
  });

  it('after a failure starts nothing more, lets the running items end, then raises the first failure', async () => {
    const ended: number[] = [];
    let told = 0;
    const run = runInSlots([1, 2, 3, 4, 5], 2, async (n) => {
      if (n === 1) throw new Error('first');
      await tick();
      await tick();
      ended.push(n);
    }, { onFailure: () => told++ });
    await expect(run).rejects.toThrow('first');
    // Item 2 was running when 1 failed: it ends; 3, 4 and 5 never start.
    expect(ended).toEqual([2]);
    expect(told).toBe(1);
  });

  it('starts nothing once stopped, without an error', async () => {
    const started: number[] = [];
    await runInSlots([1, 2, 3], 1, async (n) => {
      started.push(n);
    }, { stopped: () => started.length >= 2 });
    expect(started).toEqual([1, 2]);
  });
});
