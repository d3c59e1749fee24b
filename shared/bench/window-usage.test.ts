import { describe, expect, it } from 'vitest';
import { windowUsage } from './window-usage';

describe('windowUsage', () => {
  it('counts used, idle and full windows per bucket against the budget', () => {
    // Windows of 1,000 ms from 10,000; the run spans 10,500 -> 14,200 (windows 0-4).
    const log = [
      { bucket: 'api', weight: 80, at: 10_600 }, // window 0
      { bucket: 'api', weight: 100, at: 11_100 }, // window 1: full (>= 90 of 100)
      { bucket: 'api', weight: 40, at: 13_900 }, // window 3; window 2 idle
      { bucket: 'fapi', weight: 5, at: 10_700 },
    ];
    const u = windowUsage(log, 10_500, 14_200, 1_000, () => 100);
    expect(u['api']).toEqual({ requests: 3, weight: 220, spanned: 5, used: 3, idleBeforeLast: 1, full: 1, meanFill: 0.73, firstAtMs: 100, lastAtMs: 3_400, perWindow: [80, 100, 0, 40, 0] });
    expect(u['fapi']).toMatchObject({ used: 1, idleBeforeLast: 0, full: 0, lastAtMs: 200 });
  });

  it('a run inside one window spans one window', () => {
    expect(windowUsage([{ bucket: 'api', weight: 1, at: 1_200 }], 1_100, 1_900, 1_000, () => 10)['api']?.spanned).toBe(1);
  });
});
