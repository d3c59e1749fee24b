import { memo, useEffect, useRef } from 'react';
import type { Trade } from '../../../../shared/domain/types';
import type { JournalEntry } from '../../../db/records';
import type { JournalDb } from '../../../db/schema';
import { formatNumber, formatSigned, formatTime, pnlClass } from '../format';
import { placementOf, shouldLoadMore } from './tradeWindow';
import { useJournalMarkers } from './useJournalMarkers';
import { renderedRange, useRowView } from './useRowView';

export const ROW_HEIGHT = 32;
/** Rows rendered beyond the viewport on each side: covers a frame of fast scrolling. */
const OVERSCAN = 12;
/** Ask for the rows above a sliding window this many rows before they come into view. */
const ABOVE_MARGIN = 50;
/**
 * Placeholders in view (rows above the window): load once the rows in view have not changed for
 * this long. A fling flies past thousands of rows nobody reads; loading each page on the way
 * would keep the UI thread busy for nothing.
 */
const SETTLE_MS = 150;

const HEADERS = ['Time', 'Account', 'Market', 'Symbol', 'Side', 'Price', 'Amount', 'Cost', 'Fee', 'M/T', 'Realized P&L', 'Journal'] as const;

function headRow(zone: string) {
  return (
    <div className="jr-row jr-head" role="row">
      {HEADERS.map((h) => <div key={h} role="columnheader" className="jr-cell">{h === 'Time' ? `Time (${zone})` : h}</div>)}
    </div>
  );
}

export interface TradeTableProps {
  db: JournalDb;
  rows: readonly Trade[];
  hasMore: boolean;
  loading: boolean;
  loadMore: () => void;
  accountLabel: (accountId: string) => string;
  /** Computed realized P&L of a closing fill; undefined when positions were not computed (or the fill opens). */
  realizedOf: (trade: Trade) => number | undefined;
  onOpen: (trade: Trade) => void;
  /** IANA zone the times are shown in. */
  zone: string;
}

/**
 * A virtualized trade table: only the rows in view (+ overscan) are in the DOM, whatever the row
 * count. Rows have a fixed height, so the rendered range is arithmetic on the scroll offset
 * (useRowView). `rows` may be a window of a longer list (useTradePages): rows above it keep their
 * place as placeholders until they are loaded back. While a fling or a scrollbar drag moves more
 * than a viewport per frame, rows show only their time (they fly past unread; a full row costs
 * 13 elements to create, lay out and paint) and are drawn in full once the scrolling slows.
 */
export function TradeTable({ db, rows, hasMore, loading, loadMore, accountLabel, realizedOf, onOpen, zone }: TradeTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const placement = placementOf(rows);
  const offset = placement.offset;
  const view = useRowView(scroller, ROW_HEIGHT);
  // While more rows exist, the list never ends above the rows in view (after the window jumped
  // to a page, the rows below it are loading): the scroll offset stays where the user put it.
  const count = Math.max(offset + rows.length + (hasMore ? 1 : 0), hasMore ? view.last : 0);
  const { start, end } = renderedRange(view, count, OVERSCAN);
  const lastIndex = end - 1;

  useEffect(() => {
    if (shouldLoadMore(lastIndex - offset, rows.length, hasMore, loading)) loadMore();
  }, [lastIndex, offset, rows.length, hasMore, loading, loadMore]);

  const moved = useRef(0);
  useEffect(() => {
    moved.current = performance.now();
  }, [view]);
  useEffect(() => {
    if (offset === 0 || loading || start >= offset + ABOVE_MARGIN) return;
    // Rows just above the window, not in view yet: load them now (scrolling up at reading pace).
    if (view.first >= offset) {
      placement.showAbove(view.first);
      return;
    }
    const timer = setTimeout(() => placement.showAbove(view.first), Math.max(0, SETTLE_MS - (performance.now() - moved.current)));
    return () => clearTimeout(timer);
  }, [start, view, offset, loading, placement]);

  const rendered: { index: number; trade: Trade | undefined }[] = [];
  for (let i = start; i < end; i++) rendered.push({ index: i, trade: i >= offset ? rows[i - offset] : undefined });
  const markers = useJournalMarkers(db, rendered.flatMap((r) => (r.trade === undefined ? [] : [r.trade.key])));

  return (
    <div className="jr-table" role="table" aria-rowcount={count + 1} data-testid="trade-table">
      {headRow(zone)}
      <div ref={scroller} className="jr-scroll" data-testid="trade-scroll">
        <div className="jr-spacer" style={{ height: count * ROW_HEIGHT }}>
          {rendered.map(({ index, trade }) => (
            <div key={index} className="jr-row jr-body-row" role="row" aria-rowindex={index + 2} style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}>
              {trade === undefined
                ? <div className="jr-cell muted">Loading…</div>
                : view.seeking
                  ? <div className="jr-cell muted">{formatTime(trade.timestamp, zone)}</div>
                  : <TradeCells trade={trade} accountLabel={accountLabel} realized={realizedOf(trade)} marker={markerText(markers.has(trade.key), markers.entry(trade.key))} onOpen={onOpen} zone={zone} />}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

/** The journal cell's text: a plain string, so an unchanged marker never re-renders a row. */
function markerText(has: boolean, entry: JournalEntry | undefined): string {
  if (entry === undefined) return has ? 'note' : '+ note';
  return `${entry.rating === null ? '' : `${'★'.repeat(entry.rating)} `}${entry.tags.slice(0, 2).join(', ') || 'note'}`;
}

/** Memoized on primitive props and stable callbacks: while scrolling only rows that enter the window render. */
const TradeCells = memo(function TradeCells({ trade, accountLabel, realized, marker, onOpen, zone }: { trade: Trade; accountLabel: (id: string) => string; realized: number | undefined; marker: string; onOpen: (t: Trade) => void; zone: string }) {
  return (
    <>
      <div className="jr-cell" role="cell">{formatTime(trade.timestamp, zone)}</div>
      <div className="jr-cell" role="cell">{accountLabel(trade.accountId)}</div>
      <div className="jr-cell" role="cell">{trade.marketType === 'linear' ? 'futures' : 'spot'}</div>
      <div className="jr-cell" role="cell">{trade.symbol}</div>
      <div className={`jr-cell side-${trade.side}`} role="cell">{trade.side}</div>
      <div className="jr-cell num" role="cell">{formatNumber(trade.price)}</div>
      <div className="jr-cell num" role="cell">{formatNumber(trade.amount)}</div>
      <div className="jr-cell num" role="cell">{formatNumber(trade.cost, 2)}</div>
      <div className="jr-cell num" role="cell" title={`${trade.feeCost} ${trade.feeCurrency ?? ''}`}>{formatNumber(trade.feeCost, 6)} {trade.feeCurrency ?? ''}</div>
      <div className="jr-cell" role="cell">{trade.takerOrMaker ?? '—'}</div>
      <div className={`jr-cell num ${pnlClass(realized)}`} role="cell">{realized === undefined ? '' : formatSigned(realized)}</div>
      <div className="jr-cell" role="cell">
        <button type="button" className="link" onClick={() => onOpen(trade)} title="Open journal entry">{marker}</button>
      </div>
    </>
  );
});
