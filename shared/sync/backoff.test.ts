import { describe, expect, it } from 'vitest';
import { exponentialMs, jobRetryDelayMs, pageRetryDelayMs, retryAfterPauseMs } from './backoff';

const page = { baseMs: 1000, capMs: 60_000 };
const job = { baseMs: 30_000, capMs: 900_000 };

describe('backoff', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((i) => exponentialMs(i, page))).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    expect(exponentialMs(5000, page)).toBe(60_000);
    expect(exponentialMs(-3, page)).toBe(1000);
  });

  it('page retries jitter between half and the full delay', () => {
    expect(pageRetryDelayMs(2, page, () => 0)).toBe(2000);
    expect(pageRetryDelayMs(2, page, () => 0.5)).toBe(3000);
    const max = pageRetryDelayMs(2, page, () => 0.9999999);
    expect(max).toBeLessThanOrEqual(4000);
    expect(max).toBeGreaterThan(3990);
    expect(pageRetryDelayMs(99, page, () => 1)).toBeLessThanOrEqual(60_000);
    expect(pageRetryDelayMs(0, page, () => Number.NaN)).toBe(500);
  });

  it('job retries: 30 s, 60 s, 120 s ... capped at 900 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => jobRetryDelayMs(n, job))).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000]);
  });

  it('Retry-After pause never ends before the exchange asked', () => {
    for (const r of [0, 0.3, 0.999]) {
      const ms = retryAfterPauseMs(120_000, () => r);
      expect(ms).toBeGreaterThanOrEqual(120_000);
      expect(ms).toBeLessThanOrEqual(122_000);
    }
    expect(retryAfterPauseMs(1000, () => 0)).toBe(1000);
    expect(retryAfterPauseMs(1000, () => 0.999)).toBeLessThanOrEqual(1250);
  });
});
