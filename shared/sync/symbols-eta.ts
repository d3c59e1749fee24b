import { tradesEtaMs } from './trades-eta';

/**
 * ETA of a trades stage whose symbols differ in what they hold, priced by pages AND rows. A first
 * sync in scope `all` asks every listed market, and most hold nothing: an empty page costs one
 * request, a 1,000-row page its parsing and commit too (10-20 times more on a CPU-bound sync).
 * Pace per page alone made the first few pages (a few held symbols, sorted first) promise 196
 * more like them: a first figure of 16 s for 3.6 s left on the small account (docs/BENCHMARKS.md).
 *
 * So (1) the stage's own commits tell what a page and what a row cost (a least-squares fit of
 * each commit round's time on its pages and rows), and (2) the symbols are split by evidence known
 * before the stage starts (stored rows, a held or moved base asset, income naming the symbol);
 * each group's symbols to come are expected to need what its finished ones needed, in pages and
 * rows. Before any of a group finished, its `prior` stands in: the group without evidence is
 * asked after the other (main/sync/pipeline.ts `evidenceOfHistory`), and taking the traded symbols'
 * average for it promised ~180 more symbols of 1,200 rows on the small account (+430 % at a
 * quarter), where a listed market without evidence is most likely never traded: one empty page.
 * Evidence only sorts the estimate: every symbol is still asked.
 */
export interface SymbolGroupProgress {
  symbolsTotal: number;
  symbolsFinished: number;
  /** Pages and rows the finished symbols needed. */
  pagesOfFinished: number;
  rowsOfFinished: number;
  /** Pages and rows committed so far by every symbol of the group, finished or not. */
  pagesDone: number;
  rowsDone: number;
  /** What an unfinished symbol is expected to need while none of the group finished; absent: every finished symbol's average. */
  prior?: { pages: number; rows: number };
}

/** The group without evidence: a symbol is expected to hold nothing (one empty page) until some of them finished. */
export const NO_EVIDENCE_PRIOR = { pages: 1, rows: 0 } as const;

/**
 * Running sums of the commit rounds. What a row costs is fitted (least squares, with a cost per
 * page beside it) on the usual rounds only: a round that took WAIT_FACTOR times longer than the
 * fit so far says its pages and rows cost held a wait for the rate-limit window, and a wait that
 * fell on a round with rows made rows look dear and pages cheap (-51 % at a quarter of the
 * real-size account, docs/BENCHMARKS.md). Every round's time, waits included, then goes to the
 * pages: what the rows do not explain of the stage's time so far is its pages' cost.
 */
export interface RoundCosts {
  pp: number;
  pr: number;
  rr: number;
  pt: number;
  rt: number;
  /** Every round's pages, rows and time. */
  pages: number;
  rows: number;
  ms: number;
  /** The usual time of an empty page (moving average over the empty rounds that held no wait), or null before one. */
  usualPageMs: number | null;
}

/** Rows are counted in thousands in the fit (a full page), so both terms are of one size. */
const ROW_UNIT = 1_000;
/** A round this many times longer than its pages and rows cost held a wait. */
export const WAIT_FACTOR = 4;

export function noRounds(): RoundCosts {
  return { pp: 0, pr: 0, rr: 0, pt: 0, rt: 0, pages: 0, rows: 0, ms: 0, usualPageMs: null };
}

/** What a round of `pages` pages and `rows` rows should take by the usual rounds so far, or null when they cannot tell. */
function expectedMs(c: RoundCosts, pages: number, rows: number): number | null {
  if (rows > 0) {
    const fit = lineFit(c);
    return fit === null ? null : pages * fit.perPage + (rows / ROW_UNIT) * fit.perUnit;
  }
  return c.usualPageMs === null ? null : pages * c.usualPageMs;
}

/** Adds one commit round: `pages` pages holding `rows` rows took `ms` since the round before. */
export function addRound(c: RoundCosts, pages: number, rows: number, ms: number): RoundCosts {
  const all = { ...c, pages: c.pages + pages, rows: c.rows + rows, ms: c.ms + ms };
  const expected = expectedMs(c, pages, rows);
  if (expected !== null && ms > WAIT_FACTOR * Math.max(1, expected)) return all;
  const r = rows / ROW_UNIT;
  const perPage = ms / Math.max(1, pages);
  return {
    ...all, pp: c.pp + pages * pages, pr: c.pr + pages * r, rr: c.rr + r * r, pt: c.pt + pages * ms, rt: c.rt + r * ms,
    usualPageMs: rows > 0 ? c.usualPageMs : c.usualPageMs === null ? perPage : c.usualPageMs * 0.9 + perPage * 0.1,
  };
}

/** Least squares of the usual rounds' time on their pages and rows (per 1,000), or null when rows do not vary apart from pages. */
function lineFit(c: RoundCosts): { perPage: number; perUnit: number } | null {
  const det = c.pp * c.rr - c.pr * c.pr;
  if (c.rr <= 0 || det <= 1e-9 * c.pp * c.rr) return null;
  return { perPage: (c.pt * c.rr - c.rt * c.pr) / det, perUnit: (c.rt * c.pp - c.pt * c.pr) / det };
}

/** ms per row from the usual rounds (not negative; 0 when rows do not explain their time). */
function rowCost(c: RoundCosts): number {
  const fit = lineFit(c);
  // Rounds all alike (all empty, or every page as full as the others): pages carry the time.
  if (fit === null) return 0;
  if (fit.perPage >= 0) return Math.max(0, fit.perUnit) / ROW_UNIT;
  // Rows alone explain the time better than with pages beside them.
  return c.rt / c.rr / ROW_UNIT;
}

/** ms per page and per row, or null before a round. */
export function fitCosts(c: RoundCosts): { msPerPage: number; msPerRow: number } | null {
  if (c.pages <= 0) return null;
  const msPerRow = Math.min(rowCost(c), c.rows > 0 ? c.ms / c.rows : 0);
  return { msPerPage: Math.max(0, c.ms - c.rows * msPerRow) / c.pages, msPerRow };
}

export interface GroupedTradesProgress {
  elapsedMs: number;
  groups: readonly SymbolGroupProgress[];
  rounds: RoundCosts;
  /**
   * What a page of the group with a prior (the one without evidence) costs, when known: an empty
   * page's share of the wire (its round trip over the requests in flight); its rows, if any, still
   * cost what the fit says. Without it those pages cost the fit's page cost, which early in a
   * first sync has seen only the evidence group's 1,000-row rounds, slowed by their commits (+33 %
   * at a quarter of the small account), and later swings with how many empty pages each commit
   * round happened to hold (+38 % at three quarters).
   */
  wirePageMs?: number | null;
}

function sum(groups: readonly SymbolGroupProgress[], pick: (g: SymbolGroupProgress) => number): number {
  return groups.reduce((n, g) => n + pick(g), 0);
}

/** Remaining ms, or null before enough pages committed (shared/sync/trades-eta.ts, MIN_PAGES). */
export function groupedTradesEtaMs(p: GroupedTradesProgress): number | null {
  const total = sum(p.groups, (g) => g.symbolsTotal);
  const finished = sum(p.groups, (g) => g.symbolsFinished);
  const pagesDone = sum(p.groups, (g) => g.pagesDone);
  const pagesOfFinished = sum(p.groups, (g) => g.pagesOfFinished);
  const merged = tradesEtaMs({ elapsedMs: p.elapsedMs, pagesDone, pagesOfFinished, symbolsFinished: finished, symbolsTotal: total });
  const cost = fitCosts(p.rounds);
  // Too few pages (null), done (0): the page count is all there is.
  if (merged === null || merged === 0 || cost === null) return merged;
  // Nothing finished: what a symbol needs is not known. The symbols with evidence come first, so
  // the page pace so far is theirs and says nothing of the rest: extrapolated over every symbol,
  // the small account's first figure was 12.3 s for 2.5 s left. No figure (the caller's floors
  // stand in), unless every group has a prior to go by.
  if (finished === 0 && p.groups.some((g) => g.prior === undefined && g.symbolsTotal > 0)) return null;
  const all = finished > 0 ? { pages: pagesOfFinished / finished, rows: sum(p.groups, (g) => g.rowsOfFinished) / finished } : NO_EVIDENCE_PRIOR;
  let pagesLeft = 0;
  let wirePagesLeft = 0;
  let rowsLeft = 0;
  for (const g of p.groups) {
    const onWire = g.prior !== undefined && p.wirePageMs !== undefined && p.wirePageMs !== null;
    const per = g.symbolsFinished > 0 ? { pages: g.pagesOfFinished / g.symbolsFinished, rows: g.rowsOfFinished / g.symbolsFinished } : g.prior ?? all;
    const unfinished = g.symbolsTotal - g.symbolsFinished;
    // An unfinished symbol has at least one page to come.
    const pages = Math.max(unfinished, Math.max(1, per.pages) * g.symbolsTotal - g.pagesDone);
    if (onWire) wirePagesLeft += pages;
    else pagesLeft += pages;
    rowsLeft += Math.max(0, per.rows * g.symbolsTotal - g.rowsDone);
  }
  return Math.round(pagesLeft * cost.msPerPage + wirePagesLeft * (p.wirePageMs ?? 0) + rowsLeft * cost.msPerRow);
}
