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

