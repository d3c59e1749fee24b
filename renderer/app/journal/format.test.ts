import { describe, expect, it } from 'vitest';
import { formatDurationMs, formatNumber, formatSigned, formatTime, pnlClass } from './format';

describe('journal formatting', () => {
  it('formats numbers with grouping and a precision cap, never "-0"', () => {
    expect(formatNumber(1234567.123456789)).toBe('1,234,567.12345679');
    expect(formatNumber(0.5, 2)).toBe('0.5');
    expect(formatNumber(-0.0000001, 2)).toBe('0');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('∞');
  });

  it('signs P&L, but not a zero', () => {
    expect(formatSigned(1.5)).toBe('+1.5');
    expect(formatSigned(-2)).toBe('-2');
    expect(formatSigned(0.001)).toBe('0');
    expect(formatSigned(null)).toBe('—');
    expect(pnlClass(-1)).toBe('pnl-down');
    expect(pnlClass(undefined)).toBe('');
  });

  it('formats UTC times and durations', () => {
    expect(formatTime(Date.UTC(2026, 10, 22, 13, 47, 5, 123))).toBe('2026-11-22 13:47:05');
    expect(formatDurationMs(59_000)).toBe('59s');
    expect(formatDurationMs(3 * 3_600_000)).toBe('3h 0m');
    expect(formatDurationMs(50 * 3_600_000)).toBe('2d 2h');
    expect(formatDurationMs(null)).toBe('—');
  });
});
