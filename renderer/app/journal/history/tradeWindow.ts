import type { Trade } from '../../../../shared/domain/types';
import { newestTrades } from '../../../db/queries';
import type { TradeCursor, TradeFilter } from '../../../db/queries';
import type { JournalDb } from '../../../db/schema';

/**
 * Pure bookkeeping of the trade table's rows: a live "head" (newest rows, re-queried by
 * liveQuery) followed by keyset pages loaded on scroll. Once the first page below the head
 * exists, the head is "every row at or above the boundary" (the head's last row when that page
 * was loaded), so rows a sync adds at the top appear without creating a gap between head and pages.
 *
 * The pages form a sliding window of at most `maxRows` rows: scrolling down drops pages (and the
 * head) from the top, scrolling back up loads them again (exactly the rows between two known rows,
 * so nothing a sync added meanwhile is skipped) and drops pages from the bottom. Memory and the
 * work per page stay bounded however deep the user scrolls into 1,000,000 trades.
 */

/** Page order (timestamp desc, key desc): true when `t` sorts at or before the boundary row. */
export function atOrAboveBoundary(t: Pick<Trade, 'timestamp' | 'key'>, boundary: TradeCursor): boolean {
  return t.timestamp > boundary.timestamp || (t.timestamp === boundary.timestamp && t.key >= boundary.key);
}

/** Page order: true when `t` sorts strictly before `row`. */
export function strictlyAbove(t: Pick<Trade, 'timestamp' | 'key'>, row: TradeCursor): boolean {
  return t.timestamp > row.timestamp || (t.timestamp === row.timestamp && t.key > row.key);
}

export function cursorOf(t: Pick<Trade, 'timestamp' | 'key'>): TradeCursor {
  return { timestamp: t.timestamp, key: t.key };
}

/** Whether the table should ask for the next page: the last rendered row is within `margin` of the loaded end. */
export function shouldLoadMore(lastVisibleIndex: number, loadedRows: number, hasMore: boolean, loading: boolean, margin = 50): boolean {
  return hasMore && !loading && lastVisibleIndex >= loadedRows - margin;
}

export interface Head {
  rows: Trade[];
  /** More rows below the head (only meaningful before the tail exists). */
  next: TradeCursor | null;
  /** More than `cap` rows are at or above the boundary: the window should start over. */
  overflow: boolean;
}

/** The live head: the newest page, or (once a tail exists) every row at or above the boundary, up to `cap`. */
export async function loadHead(db: JournalDb, filter: TradeFilter, boundary: TradeCursor | null, pageSize: number, cap: number): Promise<Head> {
  if (boundary === null) {
    const page = await newestTrades(db, filter, { limit: pageSize });
    return { rows: page.rows, next: page.next, overflow: false };
  }
  const from = Math.max(filter.from ?? -Infinity, boundary.timestamp);
  const page = await newestTrades(db, { ...filter, from }, { limit: cap });
  const rows = page.rows.filter((t) => atOrAboveBoundary(t, boundary));
  return { rows, next: null, overflow: page.next !== null && rows.length === page.rows.length };
}

export interface Between {
  rows: Trade[];
  /** More than `cap` rows lie between the two rows: the window should start over. */
  overflow: boolean;
}

/**
 * Every row strictly below `after` and strictly above `before`, newest first, up to `cap`: a page
 * dropped from the top of the window, loaded back with whatever a sync added to it meanwhile.
 */
export async function loadBetween(db: JournalDb, filter: TradeFilter, after: TradeCursor, before: TradeCursor, cap: number): Promise<Between> {
  const from = Math.max(filter.from ?? -Infinity, before.timestamp);
  const page = await newestTrades(db, { ...filter, from }, { limit: cap, after });
  const rows = page.rows.filter((t) => strictlyAbove(t, before));
  return { rows, overflow: page.next !== null && rows.length === page.rows.length };
}

/** A keyset page in the window: the rows strictly below `after`. */
export interface WindowPage {
  after: TradeCursor;
  rows: Trade[];
}

/** A page dropped from the top of the window: enough to load it back and to keep the rows below in place. */
export interface DroppedPage {
  after: TradeCursor;
  count: number;
}

export interface TradeWindow {
  /** The head's lower bound once pages exist (null: the head is the newest page and there are no pages yet). */
  boundary: TradeCursor | null;
  /** The head is part of the window (false once scrolled far enough below it). */
  headShown: boolean;
  /** Pages dropped above the window, top first. */
  dropped: DroppedPage[];
  pages: WindowPage[];
  /** Keyset cursor of the page below the window; null at the end of the trades. */
  next: TradeCursor | null;
}

export const EMPTY_WINDOW: TradeWindow = { boundary: null, headShown: true, dropped: [], pages: [], next: null };

function pageRows(pages: readonly WindowPage[]): number {
  let n = 0;
  for (const p of pages) n += p.rows.length;
  return n;
}

/** Rows the window holds (the head's included while it is shown). */
export function windowRowCount(w: TradeWindow, headRows: number): number {
  return (w.headShown ? headRows : 0) + pageRows(w.pages);
}

/** Rows above the window's first row: a hidden head and the dropped pages. The table keeps their place with placeholders. */
export function windowOffset(w: TradeWindow, headRows: number): number {
  let n = w.headShown ? 0 : headRows;
  for (const d of w.dropped) n += d.count;
  return n;
}

/** The cursor of the page below the window (the head's own `next` until the first page exists). */
export function nextCursor(w: TradeWindow, headNext: TradeCursor | null): TradeCursor | null {
  return w.boundary === null ? headNext : w.next;
}

function lastCursor(page: WindowPage): TradeCursor {
  const last = page.rows[page.rows.length - 1];
  return last === undefined ? page.after : cursorOf(last);
}

/**
 * A page loaded below the window (keyset after `after`): appended; past `maxRows` the head, then
 * whole pages, drop from the top (the page just loaded always stays).
 */
export function appendPage(w: TradeWindow, after: TradeCursor, rows: Trade[], next: TradeCursor | null, headRows: number, maxRows: number): TradeWindow {
  const pages = [...w.pages, { after, rows }];
  const dropped = [...w.dropped];
  let headShown = w.headShown;
  let total = (headShown ? headRows : 0) + pageRows(pages);
  while (total > maxRows) {
    if (headShown) {
      headShown = false;
      total -= headRows;
      continue;
    }
    if (pages.length <= 1) break;
    const top = pages.shift();
    if (top === undefined) break;
    dropped.push({ after: top.after, count: top.rows.length });
    total -= top.rows.length;
  }
  return { boundary: w.boundary ?? after, headShown, dropped, pages, next };
}

/** Drops pages from the bottom past `maxRows` (the first page always stays); `next` then points below the last kept page. */
function trimBottom(w: TradeWindow, headRows: number, maxRows: number): TradeWindow {
  const pages = [...w.pages];
  let next = w.next;
  let total = windowRowCount(w, headRows);
  while (total > maxRows && pages.length > 1) {
    const bottom = pages.pop();
    const last = pages[pages.length - 1];
    if (bottom === undefined || last === undefined) break;
    total -= bottom.rows.length;
    next = lastCursor(last);
  }
  return { ...w, pages, next };
}

/** What the window needs to show the rows just above it. */
export type AboveRequest =
  | { kind: 'none' }
  /** The head (live, already in memory) comes back into the window: no query. */
  | { kind: 'head' }
  /** Load back the last dropped page: the rows strictly between `after` and `before`. */
  | { kind: 'between'; after: TradeCursor; before: TradeCursor }
  /** The window's first page is empty (nothing to bound the query from below): reload it by keyset after `after`. */
  | { kind: 'page'; index: number; after: TradeCursor };

/**
 * What to load so that row `index` (in the whole list, see windowOffset) is in the window, for a
 * row above the window. Adjacent: the dropped page just above (or the head). Further up (the
 * scrollbar was dragged): jump, i.e. reload the dropped page that holds the row by keyset and start
 * the window there, instead of walking every page in between.
 */
export function aboveRequest(w: TradeWindow, headRows: number, index: number): AboveRequest {
  if (w.headShown) return { kind: 'none' };
  if (w.dropped.length === 0 || index < headRows) return { kind: 'head' };
  let start = headRows;
  let target = w.dropped.length - 1;
  for (let j = 0; j < w.dropped.length; j++) {
    const d = w.dropped[j];
    if (d === undefined) break;
    if (index < start + d.count) {
      target = j;
      break;
    }
    start += d.count;
  }
  const last = w.dropped[w.dropped.length - 1];
  const first = w.pages[0]?.rows[0];
  if (target === w.dropped.length - 1 && last !== undefined && first !== undefined) return { kind: 'between', after: last.after, before: cursorOf(first) };
  const d = w.dropped[target];
  return d === undefined ? { kind: 'none' } : { kind: 'page', index: target, after: d.after };
}

/** The head is back in the window (all dropped pages had been loaded back). */
export function showHead(w: TradeWindow, headRows: number, maxRows: number): TradeWindow {
  if (w.dropped.length > 0) {
    // Jump to the top: pages below the head load again by keyset from the boundary.
    return { ...w, headShown: true, dropped: [], pages: [], next: w.boundary };
  }
  return trimBottom({ ...w, headShown: true }, headRows, maxRows);
}

/** The last dropped page, loaded back (loadBetween), goes on top of the window; pages drop from the bottom past `maxRows`. */
export function prependPage(w: TradeWindow, rows: Trade[], headRows: number, maxRows: number): TradeWindow {
  const last = w.dropped[w.dropped.length - 1];
  if (last === undefined) return w;
  return trimBottom({ ...w, dropped: w.dropped.slice(0, -1), pages: [{ after: last.after, rows }, ...w.pages] }, headRows, maxRows);
}

/** A jump: dropped page `index`, reloaded by keyset, becomes the whole window (everything below it is forgotten). */
export function jumpToDropped(w: TradeWindow, index: number, rows: Trade[], next: TradeCursor | null): TradeWindow {
  const d = w.dropped[index];
  if (d === undefined) return w;
  return { ...w, headShown: false, dropped: w.dropped.slice(0, index), pages: [{ after: d.after, rows }], next };
}

/**
 * Where a window of rows sits in the whole list. TradeTable's props are a plain row array; the
 * trade pages attach this to the array they return so the table can keep the rows above the
 * window in place (placeholders) and ask for them back. Arrays without one start at the top.
 */
export interface RowsPlacement {
  /** Rows above the array's first row (not in memory). */
  offset: number;
  /** Asks for the rows above the window so that row `index` (whole-list index) can be shown. */
  showAbove(index: number): void;
}

const placements = new WeakMap<readonly Trade[], RowsPlacement>();
const AT_TOP: RowsPlacement = { offset: 0, showAbove: () => undefined };

export function placeRows<T extends readonly Trade[]>(rows: T, placement: RowsPlacement): T {
  placements.set(rows, placement);
  return rows;
}

export function placementOf(rows: readonly Trade[]): RowsPlacement {
  return placements.get(rows) ?? AT_TOP;
}
