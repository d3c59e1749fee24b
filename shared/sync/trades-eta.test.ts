import { describe, expect, it } from 'vitest';
import { MIN_PAGES, tradesEtaMs } from './trades-eta';

describe('tradesEtaMs', () => {
  it('has no estimate from fewer than MIN_PAGES pages, unless the stage has fewer symbols', () => {
    expect(tradesEtaMs({ elapsedMs: 500, pagesDone: 0, pagesOfFinished: 0, symbolsFinished: 0, symbolsTotal: 10 })).toBeNull();
    expect(tradesEtaMs({ elapsedMs: 500, pagesDone: MIN_PAGES - 1, pagesOfFinished: 0, symbolsFinished: 0, symbolsTotal: 10 })).toBeNull();
    // 2 symbols, 2 pages of one of them in 400 ms: 200 ms a page, 2 unfinished -> 2 pages.
    expect(tradesEtaMs({ elapsedMs: 400, pagesDone: 2, pagesOfFinished: 0, symbolsFinished: 0, symbolsTotal: 2 })).toBe(400);
  });

  it('estimates before any symbol finished (one page each at least)', () => {
    // 8 pages in 800 ms: 100 ms a page; 20 symbols x 1 page - 8 done = 12, but 20 unfinished -> 20 pages.
    expect(tradesEtaMs({ elapsedMs: 800, pagesDone: 8, pagesOfFinished: 0, symbolsFinished: 0, symbolsTotal: 20 })).toBe(2_000);
  });

  it('counts the pages the finished symbols needed for the symbols still to come', () => {
    // 2 pages per finished symbol: 100 symbols need ~200 pages, 50 done in 5 s -> 150 left at 100 ms.
    expect(tradesEtaMs({ elapsedMs: 5_000, pagesDone: 50, pagesOfFinished: 40, symbolsFinished: 20, symbolsTotal: 100 })).toBe(15_000);
  });

  it('is zero once every symbol finished', () => {
    expect(tradesEtaMs({ elapsedMs: 5_000, pagesDone: 12, pagesOfFinished: 12, symbolsFinished: 6, symbolsTotal: 6 })).toBe(0);
  });
});
