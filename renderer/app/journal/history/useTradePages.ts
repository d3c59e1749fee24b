import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Trade } from '../../../../shared/domain/types';
import { newestTrades } from '../../../db/queries';
import type { TradeFilter } from '../../../db/queries';
import type { JournalDb } from '../../../db/schema';
import {
  EMPTY_WINDOW, aboveRequest, appendPage, jumpToDropped, loadBetween, loadHead, nextCursor, placeRows, prependPage, showHead, windowOffset,
} from './tradeWindow';
import type { TradeWindow } from './tradeWindow';

export const PAGE_SIZE = 200;
/** A jump into dropped pages loads two pages' worth: the rows in view fit whatever row of its first page they start at. */
const JUMP_ROWS = 2 * PAGE_SIZE;
/** Past this many live head rows (a sync inserted a lot above the loaded pages) the window starts over. */
const HEAD_CAP = 5000;
/**
 * Rows kept in memory at most (25 pages, a few MB). Deeper, pages drop from the top of the window
 * and load again on the way back up, so scrolling through 1,000,000 trades never holds them all,
 * and whatever reads the loaded rows (the P&L column's lookup) reads at most this many.
 */
export const MAX_WINDOW_ROWS = 5_000;

export interface TradePages {
  /**
   * The window of rows in memory, newest first. When rows above it were dropped, the array
   * carries its placement (tradeWindow `placementOf`): TradeTable keeps their place and asks for them back.
   */
  rows: readonly Trade[];
  /** undefined while the first page loads. */
  ready: boolean;
  hasMore: boolean;
  loading: boolean;
  error: string | null;
  loadMore(): void;
}

const NO_ROWS: readonly Trade[] = [];

/**
 * Newest-first trades for a filter: a liveQuery head (so rows appear while a sync runs) plus a
 * sliding window of keyset pages (tradeWindow.ts). Mount it under a React key of the filter:
 * state belongs to one filter.
 */
export function useTradePages(db: JournalDb, filter: TradeFilter): TradePages {
  const [win, setWin] = useState<TradeWindow>(EMPTY_WINDOW);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const busy = useRef(false);
  const filterJson = JSON.stringify(filter);
  const boundary = win.boundary;

  const head = useLiveQuery(() => loadHead(db, JSON.parse(filterJson) as TradeFilter, boundary, PAGE_SIZE, HEAD_CAP), [db, filterJson, boundary]);
  const headRows = head?.rows.length ?? 0;
  // Read by the state updaters of finished loads: the head may have grown while a page loaded.
  const headRowsNow = useRef(headRows);
  useEffect(() => {
    headRowsNow.current = headRows;
  }, [headRows]);

  useEffect(() => {
    if (head?.overflow !== true || boundary === null) return;
    // Too much arrived above the loaded pages: restart from the newest page.
    generation.current++;
    busy.current = false;
    setLoading(false);
    setWin(EMPTY_WINDOW);
  }, [head, boundary]);

  /** One load at a time; a restart (generation) discards a load still in flight. */
  const run = useCallback((load: () => Promise<(w: TradeWindow) => TradeWindow>) => {
    if (busy.current) return;
    busy.current = true;
    const gen = generation.current;
    setLoading(true);
    load()
      .then((apply) => {
        if (gen === generation.current) setWin(apply);
      })
      .catch(() => {
        if (gen === generation.current) setError('More trades could not be loaded.');
      })
      .finally(() => {
        if (gen !== generation.current) return;
        busy.current = false;
        setLoading(false);
      });
  }, []);

  const headNext = head?.next ?? null;
  const after = nextCursor(win, headNext);
  const hasMore = head !== undefined && after !== null;

  const loadMore = useCallback(() => {
    if (head === undefined || after === null) return;
    const f = JSON.parse(filterJson) as TradeFilter;
    run(async () => {
      const page = await newestTrades(db, f, { limit: PAGE_SIZE, after });
      return (w) => appendPage(w, after, page.rows, page.next, headRowsNow.current, MAX_WINDOW_ROWS);
    });
  }, [db, filterJson, head, after, run]);

  const showAbove = useCallback((index: number) => {
    if (head === undefined) return;
    const request = aboveRequest(win, headRows, index);
    const f = JSON.parse(filterJson) as TradeFilter;
    switch (request.kind) {
      case 'none':
        return;
      case 'head':
        if (!busy.current) setWin((w) => showHead(w, headRowsNow.current, MAX_WINDOW_ROWS));
        return;
      case 'between':
        run(async () => {
          const between = await loadBetween(db, f, request.after, request.before, HEAD_CAP);
          if (!between.overflow) return (w) => prependPage(w, between.rows, headRowsNow.current, MAX_WINDOW_ROWS);
          // More rows arrived in that page than a page can hold: start the window at it instead.
          const page = await newestTrades(db, f, { limit: JUMP_ROWS, after: request.after });
          return (w) => jumpToDropped(w, w.dropped.length - 1, page.rows, page.next);
        });
        return;
      case 'page':
        run(async () => {
          const page = await newestTrades(db, f, { limit: JUMP_ROWS, after: request.after });
          return (w) => jumpToDropped(w, request.index, page.rows, page.next);
        });
        return;
    }
  }, [db, filterJson, head, win, headRows, run]);

  const rows = useMemo(() => {
    if (head === undefined) return NO_ROWS;
    // One copy per loaded or dropped page (at most MAX_WINDOW_ROWS rows), never per render.
    const parts = win.pages.map((p) => p.rows);
    if (win.headShown) parts.unshift(head.rows);
    return placeRows(parts.flat(), { offset: windowOffset(win, head.rows.length), showAbove });
  }, [head, win, showAbove]);

  return { rows, ready: head !== undefined, hasMore, loading, error, loadMore };
}
