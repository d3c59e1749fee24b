import { describe, expect, it } from 'vitest';
import { movedPastView, renderedRange, rowsInView } from './useRowView';

describe('fixed-height row windowing', () => {
  it('maps a scroll offset to the rows in view', () => {
    expect(rowsInView(0, 640, 32)).toEqual({ first: 0, last: 20, seeking: false });
    expect(rowsInView(3216, 640, 32)).toEqual({ first: 100, last: 121, seeking: false });
    expect(rowsInView(-40, 640, 32, true)).toEqual({ first: 0, last: 19, seeking: true });
  });

  it('adds overscan on both sides and clamps to the row count', () => {
    expect(renderedRange({ first: 100, last: 121 }, 10_000, 12)).toEqual({ start: 88, end: 133 });
    expect(renderedRange({ first: 0, last: 20 }, 5, 12)).toEqual({ start: 0, end: 5 });
    // The list is shorter than the scroll offset (it shrank): still a valid range at its end.
    expect(renderedRange({ first: 500, last: 520 }, 50, 12)).toEqual({ start: 37, end: 50 });
    expect(renderedRange({ first: 0, last: 0 }, 0, 12)).toEqual({ start: 0, end: 0 });
  });

  it('calls a scroll event that moves more than a viewport a seek (rows drawn light until it settles)', () => {
    const view = rowsInView(3216, 640, 32);
    expect(movedPastView({ first: 92 }, view)).toBe(false); // a wheel notch or a fast trackpad frame
    expect(movedPastView({ first: 130 }, view)).toBe(true); // a fling upwards
    expect(movedPastView({ first: 0 }, view)).toBe(true); // a scrollbar drag
  });
});
