/**
 * ETA of a trades stage that pages many symbols side by side (main/sync/trades.ts). The unit is
 * the committed page, not the finished symbol: a page is the request the rate limit and the wire
 * count, so elapsed / pages done is the lane's real pace (waits for the weight window included,
 * since they slow the pages down), and it exists after a few commits, where a per-symbol
 * figure waits for a whole symbol (on a lane of few long symbols, most of the stage). Pages still
 * to come: every symbol needs as many as the finished ones needed on average (at least one: a
 * first sync asks every candidate once), less those already fetched. No estimate from fewer than
 * MIN_PAGES pages (unless the stage has fewer symbols): the first pages' pace swings with the
 * first commits (a 1,000-row page commits far slower than an empty one) and, on a small account,
 * an estimate from one or two pages was measured at 20x the time left (docs/BENCHMARKS.md).
 */
export const MIN_PAGES = 8;

export interface TradesProgress {
  elapsedMs: number;
  /** Pages committed so far, finished symbols' and unfinished ones'. */
  pagesDone: number;
  /** Pages the finished symbols needed. */
  pagesOfFinished: number;
  symbolsFinished: number;
  symbolsTotal: number;
}

/** Remaining ms, or null before enough pages committed. */
export function tradesEtaMs(p: TradesProgress): number | null {
  if (p.pagesDone <= 0 || p.pagesDone < Math.min(MIN_PAGES, p.symbolsTotal)) return null;
  if (p.symbolsFinished >= p.symbolsTotal) return 0;
  const perSymbol = p.symbolsFinished > 0 ? Math.max(1, p.pagesOfFinished / p.symbolsFinished) : 1;
  // An unfinished symbol has at least one page to come.
  const unfinished = p.symbolsTotal - p.symbolsFinished;
  const left = Math.max(unfinished, perSymbol * p.symbolsTotal - p.pagesDone);
  return Math.round((p.elapsedMs / p.pagesDone) * left);
}
