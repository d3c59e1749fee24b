import type { ExchangeId } from './types';

/**
 * One row of an exchange's closed P&L export (Bybit: Orders > Derivatives > Closed P&L), stored as
 * its own record kind (table `closedPnlRecords`, schema v9). It is the exchange's summary of a
 * position close, never a fill and never income: the journal's positions and P&L come from fills,
 * so these rows are a reconciliation source, a coverage signal, and the P&L shown as summary-only
 * where no fill-derived position overlaps them (docs/EXPORTS.md, "Bybit closed P&L").
 */
export interface ClosedPnlRow {
  /** closedPnlKey(exchange, accountId, symbol, rowId) */
  key: string;
  accountId: string;
  exchange: ExchangeId;
  /** The journal's symbol (BTC/USDT:USDT). */
  symbol: string;
  /** The export's contract (BTCUSDT), as the API's closed P&L names it. */
  symbolId: string;
  /** Synthetic (`csv-closedpnl-<ms>-<contract>-<qty>-<pnl>-<n>`): deterministic, so a re-import yields the same key. */
  rowId: string;
  /** The export's `Order No.` where it has one. */
  orderId: string | null;
  /** The position the row closed, where the export says (`Close Long`); the current layout does not. */
  closedSide: 'long' | 'short' | null;
  qty: number;
  entryPrice: number;
  exitPrice: number;
  /** Net of opening and closing fees and funding, as the exchange books it. */
  closedPnl: number;
  openFee: number | null;
  closeFee: number | null;
  fundingFee: number | null;
  /** `Trade`, `Liquidation`, `BustTrade`, ... as the export writes it ('' when it has no such column). */
  exitType: string;
  closedAt: number;
  /** The export's `Create Time` where it has one. */
  openedAt: number | null;
}

export function closedPnlKey(exchange: ExchangeId, accountId: string, symbol: string, rowId: string): string {
  return [exchange, accountId, 'closed-pnl', symbol, rowId].join('|');
}
