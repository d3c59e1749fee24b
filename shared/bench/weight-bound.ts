/**
 * The weight term of a sync's lower bound (docs/BENCHMARKS.md, "Lower bound of a sync"): W weight
 * on a bucket whose fixed windows allow `share` x `limit` each needs k = ceil(W / (share x limit))
 * windows. k = 1 needs no wait; otherwise the last request cannot go before the start of the k-th
 * window, (windowMs - offset) + (k - 2) x windowMs after the start (offset = the start's position
 * in its window: the first window is partial), plus one round trip. `share` is 1 for what the
 * exchange allows, the app's budget share (docs/SYNC-STATUS.md, "Rate limits") for what it spends.
 */
export interface WeightBound {
  windows: number;
  boundMs: number;
}

export function weightBound(weight: number, limit: number, share: number, windowMs: number, offsetMs: number, latencyMs: number): WeightBound {
  const perWindow = Math.max(1, Math.floor(limit * share));
  const windows = Math.max(1, Math.ceil(weight / perWindow));
  return { windows, boundMs: windows <= 1 ? 0 : (windowMs - offsetMs) + (windows - 2) * windowMs + latencyMs };
}
