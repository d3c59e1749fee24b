import { describe, expect, it } from 'vitest';
import { spanEtaMs } from './span-eta';

describe('spanEtaMs', () => {
  it('has no estimate before the cursor moved', () => {
    expect(spanEtaMs({ elapsedMs: 100, from: 0, reached: 0, to: 90 })).toBeNull();
  });

  it('a third of the span in 1 s leaves 2 s', () => {
    expect(spanEtaMs({ elapsedMs: 1_000, from: 0, reached: 30, to: 90 })).toBe(2_000);
  });

  it('is zero at the end of the span or for an empty one', () => {
    expect(spanEtaMs({ elapsedMs: 1_000, from: 0, reached: 95, to: 90 })).toBe(0);
    expect(spanEtaMs({ elapsedMs: 1_000, from: 90, reached: 90, to: 90 })).toBe(0);
  });
});
