import { useLayoutEffect, useState } from 'react';
import type { RefObject } from 'react';
import { flushSync } from 'react-dom';

/** Rows in view: the first one and one past the last one (partly visible rows included). */
export interface RowView {
  first: number;
  last: number;
  /**
   * Scrolling faster than a viewport per scroll event (a fling, a dragged scrollbar): rows fly
   * past unread, so the table may draw them light. Clears once the scrolling slows down.
   */
  seeking: boolean;
}

export interface RowRange {
  /** First rendered row (overscan included). */
  start: number;
  /** One past the last rendered row. */
  end: number;
}

/** Rows in view for a scroll offset and viewport height: pure arithmetic (fixed row height). */
export function rowsInView(scrollTop: number, height: number, rowHeight: number, seeking = false): RowView {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight));
  return { first, last: Math.max(first, Math.ceil((scrollTop + height) / rowHeight)), seeking };
}

/** One scroll event moved the rows in view by more than a viewport: a fling or a scrollbar drag. */
export function movedPastView(prev: Pick<RowView, 'first'>, next: Pick<RowView, 'first' | 'last'>): boolean {
  return Math.abs(next.first - prev.first) > Math.max(1, next.last - next.first);
}

/** Rendered range: rows in view plus `overscan` on each side, clamped to `count`. */
export function renderedRange(view: Pick<RowView, 'first' | 'last'>, count: number, overscan: number): RowRange {
  const first = Math.min(view.first, Math.max(0, count - 1));
  return { start: Math.max(0, first - overscan), end: Math.min(count, view.last + overscan) };
}

/** Quiet time after the last fast scroll event before rows are drawn in full again. */
const SEEK_SETTLE_MS = 120;

/**
 * Fixed-height row windowing for a scroll container: which rows are in view. O(1) per scroll
 * event whatever the row count (a general virtualizer re-measures every row when the count
 * changes), and a render only when the rows in view change. The render runs inside the scroll
 * event (flushSync), so the rows are in place in the frame that shows the new offset.
 */
export function useRowView(scroller: RefObject<HTMLElement | null>, rowHeight: number): RowView {
  const [view, setView] = useState<RowView>({ first: 0, last: 0, seeking: false });
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el === null) return;
    let height = el.clientHeight;
    let shown: RowView = { first: -1, last: -1, seeking: false };
    let settle: ReturnType<typeof setTimeout> | undefined;
    const update = (seeking = false): void => {
      const next = rowsInView(el.scrollTop, height, rowHeight, seeking);
      if (next.first === shown.first && next.last === shown.last && next.seeking === shown.seeking) return;
      shown = next;
      setView(next);
    };
    const onScroll = (): void => {
      const next = rowsInView(el.scrollTop, height, rowHeight);
      const fast = movedPastView(shown, next);
      if (fast || shown.seeking) {
        clearTimeout(settle);
        settle = setTimeout(() => update(false), SEEK_SETTLE_MS);
      }
      flushSync(() => update(fast || shown.seeking));
    };
    const resize = new ResizeObserver(() => {
      height = el.clientHeight;
      update();
    });
    update();
    el.addEventListener('scroll', onScroll, { passive: true });
    resize.observe(el);
    return () => {
      clearTimeout(settle);
      el.removeEventListener('scroll', onScroll);
      resize.disconnect();
    };
  }, [scroller, rowHeight]);
  return view;
}
