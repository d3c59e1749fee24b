/**
 * ETA of a stream that walks time windows from `from` to `to` (USD-M income: 7-day windows, one
 * request each, a chain): the share of the span its cursor reached tells how much is left, at the
 * pace so far. Gives the futures lane an estimate while it reads income, where it had none and the
 * job's ETA showed only the other lanes' (docs/BENCHMARKS.md, "ETA accuracy").
 */
export interface SpanProgress {
  elapsedMs: number;
  from: number;
  /** Where the cursor stands now (start of the next window to read). */
  reached: number;
  to: number;
}

/** Remaining ms, or null while nothing of the span is read yet. */
export function spanEtaMs(p: SpanProgress): number | null {
  const span = p.to - p.from;
  if (span <= 0) return 0;
  const done = Math.min(1, Math.max(0, (p.reached - p.from) / span));
  if (done <= 0) return null;
  return Math.round((p.elapsedMs / done) * (1 - done));
}
