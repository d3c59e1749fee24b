import { describe, expect, it } from 'vitest';
import { fillsEtaMs, futuresLaneEtaMs, linearTradesEtaMs, MIN_INCOME_PAGES, msPerRow } from './futures-eta';

describe('futuresLaneEtaMs', () => {
  const base = { incomeElapsedMs: 1_000, incomePagesDone: 4, incomeWindowsLeft: 6, fillsLeft: 0, jobMsPerRow: 0.1 };

  it('has no estimate from fewer than MIN_INCOME_PAGES pages', () => {
    expect(futuresLaneEtaMs({ ...base, incomePagesDone: MIN_INCOME_PAGES - 1 })).toBeNull();
    expect(futuresLaneEtaMs({ ...base, incomePagesDone: MIN_INCOME_PAGES })).not.toBeNull();
  });

  it('prices each window still to read at the income pace per request', () => {
    // 250 ms a page, 6 windows left.
    expect(futuresLaneEtaMs(base)).toBe(1_500);
  });

  it('covers the fills income named so far, so the lane has a figure before its fills stage starts', () => {
    // 6 windows at 250 ms + 12,000 fills at 0.1 ms a row.
    expect(futuresLaneEtaMs({ ...base, fillsLeft: 12_000 })).toBe(1_500 + 1_200);
    // Income ended: only its fills are left.
    expect(futuresLaneEtaMs({ ...base, incomeWindowsLeft: 0, fillsLeft: 12_000 })).toBe(1_200);
  });

  it('grows as income names more fills (the work counted is the work known)', () => {
    const named = [0, 1_000, 5_000, 12_000].map((fillsLeft) => futuresLaneEtaMs({ ...base, fillsLeft }) ?? 0);
    for (let i = 1; i < named.length; i++) expect(named[i]).toBeGreaterThan(named[i - 1] ?? Infinity);
  });

  it('gives no figure for named fills it cannot price yet, rather than one without them', () => {
    expect(futuresLaneEtaMs({ ...base, fillsLeft: 500, jobMsPerRow: null })).toBeNull();
    // Nothing named (an income-only job, or no fills): the windows alone need no row pace.
    expect(futuresLaneEtaMs({ ...base, jobMsPerRow: null })).toBe(1_500);
  });

  it('is never negative', () => {
    expect(futuresLaneEtaMs({ ...base, incomeWindowsLeft: -2, fillsLeft: -10 })).toBe(0);
  });
});

describe('linearTradesEtaMs', () => {
  it('keeps the fills income named as its figure before its own page pace exists', () => {
    expect(linearTradesEtaMs(null, 10_000, 0.2)).toBe(2_000);
    expect(linearTradesEtaMs(null, 10_000, null)).toBeNull();
  });

  it('takes the larger of its page pace and the named fills still to fetch', () => {
    // Eight fast look-up pages promise 200 ms; 9,000 named fills at 0.2 ms a row say 1.8 s.
    expect(linearTradesEtaMs(200, 9_000, 0.2)).toBe(1_800);
    // Fills fetched beyond what income named (older than its horizon): the page pace holds.
    expect(linearTradesEtaMs(700, -300, 0.2)).toBe(700);
    expect(linearTradesEtaMs(700, 0, null)).toBe(700);
  });
});

describe('msPerRow and fillsEtaMs', () => {
  it('has no pace before a page of rows', () => {
    expect(msPerRow(999, 2_000, 1_000)).toBeNull();
    expect(msPerRow(4_000, 2_000, 1_000)).toBe(0.5);
    expect(msPerRow(4_000, 0, 1_000)).toBeNull();
  });

  it('prices fills at the pace per row, never below zero', () => {
    expect(fillsEtaMs(3_000, 0.5)).toBe(1_500);
    expect(fillsEtaMs(-5, 0.5)).toBe(0);
  });
});
