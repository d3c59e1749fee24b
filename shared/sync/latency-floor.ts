/**
 * The wire's floor under a trades stage's ETA. A page is one request: the pages a lane still has
 * to ask cannot all be answered in less than their round trips at the lane's concurrency, whatever
 * the pages so far cost. Where the commit-round fit (symbols-eta.ts) learned its page cost while
 * 1,000-row pages held the thread, it priced the empty pages left at about half what their round
 * trips take (-40 % at a quarter of the small account, docs/BENCHMARKS.md); the rate floor
 * (window.ts `sendAllWaitMs`) covers the weight, this one the round trips.
 */

/** ms the `queued` pages need at `slots` requests in flight, each taking `requestMs`; 0 when the request time is not known yet. */
export function latencyFloorMs(queued: number, slots: number, requestMs: number | null): number {
  if (requestMs === null || queued <= 0) return 0;
  return Math.ceil(queued / Math.max(1, slots)) * requestMs;
}

/**
 * How long a request took lately: the median of the last `size` (a median, so one slow 1,000-row
 * page or one stall does not move it). null before the first.
 */
export class RecentRequestTime {
  private readonly samples: number[] = [];
  private next = 0;

  constructor(private readonly size = 16) {}

  add(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    if (this.samples.length < this.size) this.samples.push(ms);
    else this.samples[this.next] = ms;
    this.next = (this.next + 1) % this.size;
  }

  median(): number | null {
    if (this.samples.length === 0) return null;
    const sorted = [...this.samples].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  }
}
