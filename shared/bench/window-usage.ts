/**
 * Where a sync's wall time went, per rate bucket, from the exchange's request log: how many of the
 * fixed weight windows the run spanned, how many the bucket used, how many it left idle while the
 * run went on, how full the used ones were against the app's budget (share x limit, docs/SYNC-STATUS.md
 * "Rate limits"), and when its last request went out. A bucket whose windows are full until its
 * last request is weight-bound; one with idle or half-empty windows is waiting on something else
 * (CPU, commits, another lane). docs/BENCHMARKS.md, "Real-size account", prints it.
 */
export interface LoggedRequest {
  bucket: string;
  weight: number;
  /** When the exchange saw it (epoch ms). */
  at: number;
}

export interface BucketWindows {
  requests: number;
  weight: number;
  /** Windows from the run's start to its end (the first and last partial). */
  spanned: number;
  /** Windows in which the bucket spent any weight. */
  used: number;
  /** Windows between the run's start and the bucket's last request in which it spent nothing. */
  idleBeforeLast: number;
  /** Used windows that spent at least 90 % of the budget. */
  full: number;
  /** Mean weight of the used windows / budget. */
  meanFill: number;
  /** The bucket's first and last request, ms after the start. */
  firstAtMs: number;
  lastAtMs: number;
  /** Weight spent in each window of the run, first (partial) one first. */
  perWindow: number[];
}

export function windowUsage(
  requests: readonly LoggedRequest[], startedAt: number, endedAt: number, windowMs: number, budgetOf: (bucket: string) => number,
): Record<string, BucketWindows> {
  const first = Math.floor(startedAt / windowMs);
  const spanned = Math.floor(endedAt / windowMs) - first + 1;
  const perBucket = new Map<string, { requests: number; weight: number; byWindow: Map<number, number>; first: number; last: number }>();
  for (const r of requests) {
    const b = perBucket.get(r.bucket) ?? { requests: 0, weight: 0, byWindow: new Map<number, number>(), first: r.at, last: startedAt };
    b.requests++;
    b.weight += r.weight;
    const w = Math.floor(r.at / windowMs) - first;
    b.byWindow.set(w, (b.byWindow.get(w) ?? 0) + r.weight);
    b.first = Math.min(b.first, r.at);
    b.last = Math.max(b.last, r.at);
    perBucket.set(r.bucket, b);
  }
  const out: Record<string, BucketWindows> = {};
  for (const [bucket, b] of perBucket) {
    const budget = Math.max(1, budgetOf(bucket));
    const lastWindow = Math.floor(b.last / windowMs) - first;
    const used = [...b.byWindow.values()].filter((w) => w > 0);
    out[bucket] = {
      requests: b.requests,
      weight: b.weight,
      spanned,
      used: used.length,
      idleBeforeLast: Math.max(0, lastWindow + 1 - [...b.byWindow.entries()].filter(([w, v]) => w <= lastWindow && v > 0).length),
      full: used.filter((w) => w >= 0.9 * budget).length,
      meanFill: used.length === 0 ? 0 : Math.round((used.reduce((n, w) => n + w, 0) / used.length / budget) * 100) / 100,
      firstAtMs: b.first - startedAt,
      lastAtMs: b.last - startedAt,
      perWindow: Array.from({ length: spanned }, (_, i) => b.byWindow.get(i) ?? 0),
    };
  }
  return out;
}
