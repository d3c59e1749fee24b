import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useEffect, useRef } from 'react';
import type { Trade } from '../../../../shared/domain/types';
import { journalEntriesFor } from '../../../db/journal-entries';
import type { JournalEntry } from '../../../db/records';
import type { JournalDb } from '../../../db/schema';
import { formatNumber, formatSigned, formatTime, pnlClass } from '../format';
import { shouldLoadMore } from './tradeWindow';

export const ROW_HEIGHT = 32;

const HEADERS = ['Time (UTC)', 'Account', 'Market', 'Symbol', 'Side', 'Price', 'Amount', 'Cost', 'Fee', 'M/T', 'Realized P&L', 'Journal'] as const;

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
}

/** A virtualized trade table: only the visible rows (+ overscan) are in the DOM, whatever the row count. */
export function TradeTable({ db, rows, hasMore, loading, loadMore, accountLabel, realizedOf, onOpen }: TradeTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const count = rows.length + (hasMore ? 1 : 0);
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 20 });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (shouldLoadMore(lastIndex, rows.length, hasMore, loading)) loadMore();
  }, [lastIndex, rows.length, hasMore, loading, loadMore]);

  // Journal markers for the rendered rows only (a bulkGet of a few dozen keys).
  const visibleKeys = items.map((i) => rows[i.index]?.key).filter((k): k is string => k !== undefined);
  const keysJson = JSON.stringify(visibleKeys);
  const entries = useLiveQuery(async () => {
    const found = await journalEntriesFor(db, JSON.parse(keysJson) as string[]);
    return new Map(found.filter((e): e is JournalEntry => e !== null).map((e) => [e.key, e]));
  }, [db, keysJson]);

  return (
    <div className="jr-table" role="table" aria-rowcount={count} data-testid="trade-table">
      <div className="jr-row jr-head" role="row">
        {HEADERS.map((h) => <div key={h} role="columnheader" className="jr-cell">{h}</div>)}
      </div>
      <div ref={scroller} className="jr-scroll" data-testid="trade-scroll">
        <div className="jr-spacer" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const trade = rows[item.index];
            return (
              <div key={item.key} className="jr-row jr-body-row" role="row" style={{ transform: `translateY(${item.start}px)` }}>
                {trade === undefined
                  ? <div className="jr-cell muted">Loading…</div>
                  : <TradeCells trade={trade} accountLabel={accountLabel} realized={realizedOf(trade)} entry={entries?.get(trade.key)} onOpen={onOpen} />}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** Memoized: while scrolling only rows that enter the window render. */
const TradeCells = memo(function TradeCells({ trade, accountLabel, realized, entry, onOpen }: { trade: Trade; accountLabel: (id: string) => string; realized: number | undefined; entry: JournalEntry | undefined; onOpen: (t: Trade) => void }) {
  return (
    <>
      <div className="jr-cell" role="cell">{formatTime(trade.timestamp)}</div>
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
        <button type="button" className="link" onClick={() => onOpen(trade)} title="Open journal entry">
          {entry === undefined ? '+ note' : `${entry.rating === null ? '' : `${'★'.repeat(entry.rating)} `}${entry.tags.slice(0, 2).join(', ') || 'note'}`}
        </button>
      </div>
    </>
  );
});
