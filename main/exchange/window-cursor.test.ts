import { describe, expect, it } from 'vitest';
import { afterWindow, SETTLE_OVERLAP_MS, windowCursor, windowEnd } from './window-cursor';

describe('window cursors', () => {
  const now = 1_000_000_000_000;
  it('starts at since, clamped to what the exchange serves', () => {
    expect(windowCursor(null, now - 10, now, 1000)).toEqual({ windowStart: now - 10, pageCursor: null });
    expect(windowCursor(null, null, now, 1000)).toEqual({ windowStart: now - 1000, pageCursor: null });
    expect(windowCursor({ kind: 'window', windowStart: now - 5000, pageCursor: 'abc' }, null, now, 1000)).toEqual({ windowStart: now - 1000, pageCursor: null });
    expect(windowCursor({ kind: 'window', windowStart: now - 500, pageCursor: 'abc' }, null, now, 1000)).toEqual({ windowStart: now - 500, pageCursor: 'abc' });
    expect(() => windowCursor({ kind: 'fromId', fromId: '1' }, null, now, 1000)).toThrow();
  });

  it('windows never pass now; the last one restarts a little before now', () => {
    expect(windowEnd(now - 100, 50, now)).toBe(now - 51);
    expect(windowEnd(now - 10, 50, now)).toBe(now);
    expect(afterWindow(now - 100, now - 51, now)).toEqual({ next: { kind: 'window', windowStart: now - 50, pageCursor: null }, done: false });
    expect(afterWindow(now - 10 * SETTLE_OVERLAP_MS, now, now)).toEqual({ next: { kind: 'window', windowStart: now - SETTLE_OVERLAP_MS, pageCursor: null }, done: true });
  });
});
