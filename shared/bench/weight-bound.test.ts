import { describe, expect, it } from 'vitest';
import { weightBound } from './weight-bound';

describe('weightBound', () => {
  it('needs no wait when the weight fits one window', () => {
    expect(weightBound(6_000, 6_000, 1, 60_000, 10_000, 40)).toEqual({ windows: 1, boundMs: 0 });
  });

  it('waits for the start of the last window needed, the first one partial', () => {
    // 49,540 at 6,000: 9 windows -> 50 s left of the first + 7 more + a round trip.
    expect(weightBound(49_540, 6_000, 1, 60_000, 10_000, 40)).toEqual({ windows: 9, boundMs: 50_000 + 7 * 60_000 + 40 });
  });

  it('at the app share the same weight needs more windows', () => {
    // 4,800 a window: 49,540 / 4,800 = 10.3 -> 11 windows.
    expect(weightBound(49_540, 6_000, 0.8, 3_000, 1_000, 20)).toEqual({ windows: 11, boundMs: 2_000 + 9 * 3_000 + 20 });
  });
});
