import { tradesEtaMs } from './trades-eta';

/**
 * ETA of a trades stage whose symbols differ in what they hold, priced by pages AND rows. A first
 * sync in scope `all` asks every listed market, and most hold nothing: an empty page costs one
 * request, a 1,000-row page its parsing and commit too (10-20 times more on a CPU-bound sync).
 * Pace per page alone made the first few pages (a few held symbols, sorted first) promise 200
 * more like them: +110 to +340 % at a quarter of the small account's sync (docs/BENCHMARKS.md).
 *
 * So (1) the stage's own commits tell what a page and what a row cost (a least-squares fit of
 * each commit round's time on its pages and rows), and (2) the symbols are split by evidence known
 * before the stage starts (spot: the account holds the base asset); each group's symbols to come
 * are expected to need what its finished ones needed, in pages and rows (a group with none
 * finished yet takes every finished symbol's average). Evidence only sorts the estimate: every
 * symbol is still asked.
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
}

/** Running sums of the commit rounds (time on pages and rows), for a least-squares fit of their costs. */
export interface RoundCosts {
  pp: number;
  pr: number;
  rr: number;
  pt: number;
  rt: number;
}

/** Rows are counted in thousands in the fit (a full page), so both terms are of one size. */
const ROW_UNIT = 1_000;

export function noRounds(): RoundCosts {
  return { pp: 0, pr: 0, rr: 0, pt: 0, rt: 0 };
}

/** Adds one commit round: `pages` pages holding `rows` rows took `ms` since the round before. */
export function addRound(c: RoundCosts, pages: number, rows: number, ms: number): RoundCosts {
  const r = rows / ROW_UNIT;
  return { pp: c.pp + pages * pages, pr: c.pr + pages * r, rr: c.rr + r * r, pt: c.pt + pages * ms, rt: c.rt + r * ms };
}

/**
 * ms per page and per row that best explain every round so far (least squares, neither
 * negative), or null before a round. Every round counts alike, however old: on a weight-bound
 * sync a page's cost is mostly its share of the rate-limit windows' waits, which only an average
 * over whole windows shows (a fit that favoured recent rounds swung from -32 % to +109 % on the
 * real-size account, docs/BENCHMARKS.md).
 */
export function fitCosts(c: RoundCosts): { msPerPage: number; msPerRow: number } | null {
  if (c.pp <= 0) return null;
  const det = c.pp * c.rr - c.pr * c.pr;
  // Rounds all alike (all empty, or every page as full as the others): pages carry the time.
  if (c.rr <= 0 || det <= 1e-9 * c.pp * c.rr) return { msPerPage: c.pt / c.pp, msPerRow: 0 };
  const perPage = (c.pt * c.rr - c.rt * c.pr) / det;
  const perUnit = (c.rt * c.pp - c.pt * c.pr) / det;
  if (perPage >= 0 && perUnit >= 0) return { msPerPage: perPage, msPerRow: perUnit / ROW_UNIT };
  // One term alone explains the time better than both: keep it.
  if (perUnit < 0) return { msPerPage: c.pt / c.pp, msPerRow: 0 };
  return { msPerPage: 0, msPerRow: c.rt / c.rr / ROW_UNIT };
}

export interface GroupedTradesProgress {
  elapsedMs: number;
  groups: readonly SymbolGroupProgress[];
  rounds: RoundCosts;
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
  // Too few pages (null), done (0), nothing finished to learn from: the page count is all there is.
  if (merged === null || merged === 0 || cost === null || finished === 0) return merged;
  const all = { pages: pagesOfFinished / finished, rows: sum(p.groups, (g) => g.rowsOfFinished) / finished };
  let pagesLeft = 0;
  let rowsLeft = 0;
  for (const g of p.groups) {
    const per = g.symbolsFinished > 0 ? { pages: g.pagesOfFinished / g.symbolsFinished, rows: g.rowsOfFinished / g.symbolsFinished } : all;
    const unfinished = g.symbolsTotal - g.symbolsFinished;
    // An unfinished symbol has at least one page to come.
    pagesLeft += Math.max(unfinished, Math.max(1, per.pages) * g.symbolsTotal - g.pagesDone);
    rowsLeft += Math.max(0, per.rows * g.symbolsTotal - g.rowsDone);
  }
  return Math.round(pagesLeft * cost.msPerPage + rowsLeft * cost.msPerRow);
}
