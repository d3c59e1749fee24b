import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Trade } from '../../../../shared/domain/types';
import { newestTrades } from '../../../db/queries';
import type { TradeCursor, TradeFilter } from '../../../db/queries';
import type { JournalDb } from '../../../db/schema';
import { cursorOf, loadHead } from './tradeWindow';

export const PAGE_SIZE = 200;
/** Past this many live head rows (a sync inserted a lot above the loaded pages) the window starts over. */
const HEAD_CAP = 5000;

export interface TradePages {
  rows: Trade[];
  /** undefined while the first page loads. */
  ready: boolean;
  hasMore: boolean;
  loading: boolean;
  error: string | null;
  loadMore(): void;
}

/**
 * Newest-first trades for a filter: a liveQuery head (so rows appear while a sync runs) plus
 * keyset pages on demand. Mount it under a React key of the filter: state belongs to one filter.
 */
export function useTradePages(db: JournalDb, filter: TradeFilter): TradePages {
  const [boundary, setBoundary] = useState<TradeCursor | null>(null);
  const [tail, setTail] = useState<Trade[]>([]);
  const [tailNext, setTailNext] = useState<TradeCursor | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const filterJson = JSON.stringify(filter);

  const head = useLiveQuery(() => loadHead(db, JSON.parse(filterJson) as TradeFilter, boundary, PAGE_SIZE, HEAD_CAP), [db, filterJson, boundary]);

  useEffect(() => {
    if (head?.overflow !== true || boundary === null) return;
    // Too much arrived above the loaded pages: restart from the newest page.
    generation.current++;
    setBoundary(null);
    setTail([]);
    setTailNext(null);
  }, [head, boundary]);

  const hasMore = head === undefined ? false : boundary === null ? head.next !== null : tailNext !== null;

  const loadMore = useCallback(() => {
    if (head === undefined || loading) return;
    const after = boundary === null ? head.next : tailNext;
    if (after === null) return;
    const gen = generation.current;
    const f = JSON.parse(filterJson) as TradeFilter;
    setLoading(true);
    newestTrades(db, f, { limit: PAGE_SIZE, after })
      .then((page) => {
        if (gen !== generation.current) return;
        if (boundary === null) setBoundary(after);
        setTail((rows) => [...rows, ...page.rows]);
        const last = page.rows[page.rows.length - 1];
        setTailNext(page.next === null || last === undefined ? null : cursorOf(last));
      })
      .catch(() => setError('More trades could not be loaded.'))
      .finally(() => setLoading(false));
  }, [db, filterJson, head, boundary, tailNext, loading]);

  const rows = head === undefined ? [] : tail.length === 0 ? head.rows : [...head.rows, ...tail];
  return { rows, ready: head !== undefined, hasMore, loading, error, loadMore };
}
