import { describe, expect, it } from 'vitest';
import { addRound, fitCosts, groupedTradesEtaMs, NO_EVIDENCE_PRIOR, noRounds, type RoundCosts, type SymbolGroupProgress } from './symbols-eta';
import { tradesEtaMs } from './trades-eta';

function rounds(list: readonly [pages: number, rows: number, ms: number][]): RoundCosts {
  return list.reduce((c, [p, r, ms]) => addRound(c, p, r, ms), noRounds());
}

const group = (g: Partial<SymbolGroupProgress>): SymbolGroupProgress => ({
  symbolsTotal: 0, symbolsFinished: 0, pagesOfFinished: 0, rowsOfFinished: 0, pagesDone: 0, rowsDone: 0, ...g,
});

describe('fitCosts', () => {
  it('has no costs before a round', () => {
    expect(fitCosts(noRounds())).toBeNull();
  });

  it('tells the cost of a page from the cost of its rows', () => {
    // 10 ms a page, 0.1 ms a row: empty rounds and full rounds.
    const c = fitCosts(rounds([[4, 0, 40], [4, 4_000, 440], [4, 0, 40], [2, 1_000, 120], [4, 0, 40], [4, 2_000, 240]]));
    expect(c?.msPerRow).toBeCloseTo(0.1, 6);
    expect(c?.msPerPage).toBeCloseTo(10, 6);
  });

  it('puts the time on pages when no round held rows', () => {
    const c = fitCosts(rounds([[4, 0, 40], [4, 0, 40], [2, 0, 20]]));
    expect(c?.msPerPage).toBeCloseTo(10, 6);
    expect(c?.msPerRow).toBe(0);
  });

  it('gives a rate-limit wait to the pages, even when it fell on a round with rows', () => {
    // 10 ms a page, 0.1 ms a row, and a 2 s wait inside a round that held 1,000 rows.
    const c = fitCosts(rounds([[4, 0, 40], [4, 4_000, 440], [4, 0, 40], [4, 1_000, 2_140], [4, 0, 40], [4, 2_000, 240], [4, 0, 40]]));
    expect(c?.msPerRow).toBeCloseTo(0.1, 6);
    // The 2 s spread over the 28 pages: 10 + 2,000 / 28 ms a page.
    expect(c?.msPerPage).toBeCloseTo(10 + 2_000 / 28, 6);
  });

  it('averages the page cost over every round (bursts and waits of a weight-bound lane)', () => {
    const burst: [number, number, number][] = Array.from({ length: 10 }, () => [4, 0, 20]);
    const c = fitCosts(rounds([...burst, [4, 0, 1_800], ...burst]));
    // 2,200 ms over 84 pages, not the burst's 5 ms.
    expect(c?.msPerPage).toBeCloseTo(2_200 / 84, 6);
  });

  it('never prices a page or a row below zero', () => {
    const c = fitCosts(rounds([[1, 1_000, 10], [4, 0, 400], [1, 2_000, 5]]));
    expect(c?.msPerPage).toBeGreaterThanOrEqual(0);
    expect(c?.msPerRow).toBeGreaterThanOrEqual(0);
  });
});

describe('groupedTradesEtaMs', () => {
  // 10 ms a page, 0.1 ms a row.
  const costs = rounds([[4, 0, 40], [4, 4_000, 440], [4, 0, 40], [4, 2_000, 240]]);

  it('has no figure before the page estimate has one, and 0 when every symbol finished', () => {
    expect(groupedTradesEtaMs({ elapsedMs: 100, rounds: costs, groups: [group({ symbolsTotal: 100, pagesDone: 3, rowsDone: 3_000 })] })).toBeNull();
    expect(groupedTradesEtaMs({
      elapsedMs: 100, rounds: costs, groups: [group({ symbolsTotal: 10, symbolsFinished: 10, pagesOfFinished: 12, pagesDone: 12 })],
    })).toBe(0);
  });

  it('does not take a few full symbols for what the empty ones will cost', () => {
    // 4 held symbols done first, 2 pages and 1,200 rows each; 196 symbols not held, none done.
    const held = group({ symbolsTotal: 20, symbolsFinished: 4, pagesOfFinished: 8, rowsOfFinished: 4_800, pagesDone: 8, rowsDone: 4_800 });
    const other = group({ symbolsTotal: 180, prior: NO_EVIDENCE_PRIOR });
    const eta = groupedTradesEtaMs({ elapsedMs: 1_000, rounds: costs, groups: [held, other] });
    // Held: 16 x 2 pages + 16 x 1,200 rows; the others, none finished yet: one empty page each
    // (their prior), not the held ones' 2 pages and 1,200 rows (which gave 27,440 ms here).
    expect(eta).toBe(Math.round((32 + 180) * 10 + 19_200 * 0.1));
    // A group without a prior still takes every finished symbol's average.
    expect(groupedTradesEtaMs({ elapsedMs: 1_000, rounds: costs, groups: [held, group({ symbolsTotal: 180 })] })).toBe(Math.round((32 + 360) * 10 + (19_200 + 216_000) * 0.1));
    // Once some of the others finished empty, their figure drops to one empty page each.
    const learned = groupedTradesEtaMs({
      elapsedMs: 1_200, rounds: costs,
      groups: [held, group({ symbolsTotal: 180, symbolsFinished: 20, pagesOfFinished: 20, pagesDone: 20, prior: NO_EVIDENCE_PRIOR })],
    });
    expect(learned).toBe(Math.round((32 + 160) * 10 + 19_200 * 0.1));
    // The page pace alone (the same 28 pages in 1.2 s) would say ~9 s.
    expect(tradesEtaMs({ elapsedMs: 1_200, pagesDone: 28, pagesOfFinished: 28, symbolsFinished: 24, symbolsTotal: 200 })).toBeGreaterThan(8_000);
  });

  it('prices the pages of the group without evidence at an empty page\'s share of the wire, when known', () => {
    // The fit's page cost is 10 ms; an empty page's share of the wire is given as 2.5 ms.
    const held = group({ symbolsTotal: 20, symbolsFinished: 4, pagesOfFinished: 8, rowsOfFinished: 4_800, pagesDone: 8, rowsDone: 4_800 });
    const other = group({ symbolsTotal: 180, prior: NO_EVIDENCE_PRIOR });
    expect(groupedTradesEtaMs({ elapsedMs: 1_000, rounds: costs, groups: [held, other], wirePageMs: 2.5 })).toBe(Math.round(32 * 10 + 180 * 2.5 + 19_200 * 0.1));
    // Unknown (no page timed yet): the fit's page cost.
    expect(groupedTradesEtaMs({ elapsedMs: 1_000, rounds: costs, groups: [held, other], wirePageMs: null })).toBe(Math.round((32 + 180) * 10 + 19_200 * 0.1));
    // Once some of the group finished: their own pages and rows per symbol, the pages still at the
    // wire's price and the rows at the fit's (here 2 of them held 3 pages and 2,000 rows).
    const learned = group({ symbolsTotal: 180, symbolsFinished: 20, pagesOfFinished: 22, rowsOfFinished: 2_000, pagesDone: 22, rowsDone: 2_000, prior: NO_EVIDENCE_PRIOR });
    const perSymbol = { pages: 22 / 20, rows: 2_000 / 20 };
    expect(groupedTradesEtaMs({ elapsedMs: 1_200, rounds: costs, groups: [held, learned], wirePageMs: 2.5 })).toBe(Math.round(
      32 * 10 + (perSymbol.pages * 180 - 22) * 2.5 + (19_200 + perSymbol.rows * 180 - 2_000) * 0.1,
    ));
  });

  it('counts at least one page for every unfinished symbol', () => {
    const g = group({ symbolsTotal: 10, symbolsFinished: 5, pagesOfFinished: 5, pagesDone: 9 });
    expect(groupedTradesEtaMs({ elapsedMs: 500, rounds: costs, groups: [g] })).toBe(5 * 10);
  });
});
