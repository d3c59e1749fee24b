/**
 * ETA of the USD-M lane of a full sync (docs/SYNC-STATUS.md, "Stages run side by side"): income in
 * fixed time windows, then the fills of the symbols income named. The fills stage cannot size
 * itself before income has named its symbols, and on a small account the lane is often the job's
 * long pole: if the lane had a figure only once its fills began, the job's ETA would be the other
 * lanes' (about to end) for most of the sync (docs/BENCHMARKS.md, "ETA"). So the income stage
 * reports the whole lane: its own windows still to read, plus the fills it has named so far.
 *
 * Only work known to exist is counted, nothing is extrapolated from the span read so far: every
 * window still to read costs at least one request (windows are fixed spans, so their number is
 * exact), and every COMMISSION row income named is one fill still to fetch. An estimate from the
 * share of the span read was measured at +130 % early on (a USD-M history is not spread evenly over
 * its span). The price: the figure runs low early and grows as income names fills (how low:
 * docs/BENCHMARKS.md, "ETA").
 *
 * Prices: a window at the income stage's own pace per request; a fill at the job's pace per
 * committed row. The fills run after income, when the lanes that shared the engine with income
 * have mostly ended: on a CPU-bound sync (the bench's store on the engine's thread) income's own
 * pace per page was 3-5 times slower than its fills' pages turned out to be, while the job's rows
 * per second stay about the same from start to end (docs/BENCHMARKS.md).
 */

/** No estimate from fewer income pages: the first page's pace carries the stage's start-up. */
export const MIN_INCOME_PAGES = 2;

export interface FuturesLaneProgress {
  /** Time since the income stage began. */
  incomeElapsedMs: number;
  incomePagesDone: number;
  /** Windows of the income span not yet read to their end; 0 once income ended. */
  incomeWindowsLeft: number;
  /** Fills still to fetch that income named so far (its COMMISSION rows, less fills fetched). */
  fillsLeft: number;
  /** The job's pace: ms per row committed by all its lanes; null before it is known. */
  jobMsPerRow: number | null;
}

/** Remaining ms of the USD-M lane while its income stage runs, or null before it can be priced. */
export function futuresLaneEtaMs(p: FuturesLaneProgress): number | null {
  if (p.incomePagesDone < MIN_INCOME_PAGES) return null;
  const incomeMs = Math.max(0, p.incomeWindowsLeft) * (p.incomeElapsedMs / p.incomePagesDone);
  if (p.fillsLeft <= 0) return Math.round(incomeMs);
  // Fills named but no pace to price them yet: better no figure than one without them.
  if (p.jobMsPerRow === null) return null;
  return Math.round(incomeMs + fillsEtaMs(p.fillsLeft, p.jobMsPerRow));
}

/** Remaining ms of fills known to come, at the job's pace per row. */
export function fillsEtaMs(fillsLeft: number, jobMsPerRow: number): number {
  return Math.round(Math.max(0, fillsLeft) * jobMsPerRow);
}

/**
 * The USD-M fills stage's figure: the larger of its own page pace (shared/sync/trades-eta.ts, null
 * before a few pages) and the fills income named that it has not fetched yet. Its first pages
 * are the symbols' id look-ups, empty and fast: their pace alone would promise the stage's ~1,000
 * -row pages at the price of an empty one.
 */
export function linearTradesEtaMs(pageEtaMs: number | null, fillsLeft: number, jobMsPerRow: number | null): number | null {
  const known = jobMsPerRow === null ? null : fillsEtaMs(fillsLeft, jobMsPerRow);
  if (pageEtaMs === null) return known;
  return known === null ? pageEtaMs : Math.max(pageEtaMs, known);
}

/** ms per committed row over `elapsedMs`, or null before `minRows` rows (the first commits' pace is start-up, not the job's). */
export function msPerRow(rows: number, elapsedMs: number, minRows: number): number | null {
  if (rows < Math.max(1, minRows) || elapsedMs <= 0) return null;
  return elapsedMs / rows;
}
