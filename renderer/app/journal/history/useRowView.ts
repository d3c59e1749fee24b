import { useLayoutEffect, useState } from 'react';
import type { RefObject } from 'react';
import { flushSync } from 'react-dom';

/** Rows in view: the first one and one past the last one (partly visible rows included). */
export interface RowView {
  first: number;
  last: number;
}

export interface RowRange {
  /** First rendered row (overscan included). */
  start: number;
  /** One past the last rendered row. */
  end: number;
}

/** Rows in view for a scroll offset and viewport height: pure arithmetic (fixed row height). */
export function rowsInView(scrollTop: number, height: number, rowHeight: number): RowView {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight));
  return { first, last: Math.max(first, Math.ceil((scrollTop + height) / rowHeight)) };
}

/** Rendered range: rows in view plus `overscan` on each side, clamped to `count`. */
export function renderedRange(view: RowView, count: number, overscan: number): RowRange {
  const first = Math.min(view.first, Math.max(0, count - 1));
  return { start: Math.max(0, first - overscan), end: Math.min(count, view.last + overscan) };
}

/**
 * Fixed-height row windowing for a scroll container: which rows are in view. O(1) per scroll
 * event whatever the row count (a general virtualizer re-measures every row when the count
 * changes), and a render only when the rows in view change. The render runs inside the scroll
 * event (flushSync), so the rows are in place in the frame that shows the new offset.
 */
export function useRowView(scroller: RefObject<HTMLElement | null>, rowHeight: number): RowView {
  const [view, setView] = useState<RowView>({ first: 0, last: 0 });
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el === null) return;
    let height = el.clientHeight;
    const update = (): void => {
      const next = rowsInView(el.scrollTop, height, rowHeight);
      setView((v) => (v.first === next.first && v.last === next.last ? v : next));
    };
    const onScroll = (): void => flushSync(update);
    const resize = new ResizeObserver(() => {
      height = el.clientHeight;
      update();
    });
    update();
    el.addEventListener('scroll', onScroll, { passive: true });
    resize.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      resize.disconnect();
    };
  }, [scroller, rowHeight]);
  return view;
}
