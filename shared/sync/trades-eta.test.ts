import { describe, expect, it } from 'vitest';
import { tradesEtaMs } from './trades-eta';

describe('tradesEtaMs', () => {
  it('has no estimate before the first page committed', () => {
    expect(tradesEtaMs({ elapsedMs: 500, pagesDone: 0, pagesOfFinished: 0, symbolsFinished: 0, symbolsTotal: 10 })).toBeNull();
  });

  it('estimates from the first pages, before any symbol finished (one page each at least)', () => {
    // 4 pages in 400 ms: 100 ms a page; 10 symbols x 1 page - 4 done = 6, but 10 unfinished -> 10 pages.
    expect(tradesEtaMs({ elapsedMs: 400, pagesDone: 4, pagesOfFinished: 0, symbolsFinished: 0, symbolsTotal: 10 })).toBe(1_000);
  });

  it('counts the pages the finished symbols needed for the symbols still to come', () => {
    // 2 pages per finished symbol: 100 symbols need ~200 pages, 50 done in 5 s -> 150 left at 100 ms.
    expect(tradesEtaMs({ elapsedMs: 5_000, pagesDone: 50, pagesOfFinished: 40, symbolsFinished: 20, symbolsTotal: 100 })).toBe(15_000);
  });

  it('is zero once every symbol finished', () => {
    expect(tradesEtaMs({ elapsedMs: 5_000, pagesDone: 12, pagesOfFinished: 12, symbolsFinished: 6, symbolsTotal: 6 })).toBe(0);
  });
});
