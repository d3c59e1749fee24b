import type { ClosedPnlRow } from '../domain/closed-pnl-row';
import { reconcileClosedPnl, type ClosedPnlLine, type ClosedPnlRecord } from './closed-pnl';
import type { Position } from './types';

/**
 * Imported closed P&L rows (shared/domain/closed-pnl-row.ts) as a source for the journal, without
 * counting any money twice (docs/EXPORTS.md, "Bybit closed P&L"):
 *
 * - **Reconciliation**: the rows go through the same comparison as the API's closed P&L
 *   (`reconcileClosedPnl`), over the window the file covers: journal positions that closed after
 *   the file's newest row are left out (the file cannot know them), those closed before its oldest
 *   are reported as history beyond the window.
 * - **Summary-only P&L**: a row overlaps the fill-derived positions when a linear position of the
 *   same account and symbol was open at its close time, widened by the file's minute resolution:
 *   `openedAt - tolerance <= closedAt <= (position.closedAt ?? +inf) + tolerance`. Only rows
 *   overlapping no position are shown, as summary-only P&L, beside (never inside) the journal's
 *   totals: their money is in no position, so it is counted once; an overlapping row's money may be
 *   in that position, so it is not shown. Importing the fills later makes the row overlap, and it
 *   leaves the summary-only list.
 */

/** The export's resolution (the current layout writes minutes) plus the second a fill may trail its record. */
export const OVERLAP_TOLERANCE_MS = 61_000;

/** A row as the API comparison reads it. */
export function asClosedPnlRecord(row: ClosedPnlRow): ClosedPnlRecord {
  return { symbolId: row.symbolId, orderId: row.orderId ?? row.rowId, closedSize: row.qty, closedPnl: row.closedPnl, openFee: row.openFee, closeFee: row.closeFee, createdTime: row.closedAt };
}

/** Per symbol: the imported rows against the journal's positions, over the window the rows cover. */
export function reconcileImportedClosedPnl(positions: readonly Position[], rows: readonly ClosedPnlRow[]): ClosedPnlLine[] {
  if (rows.length === 0) return [];
  const from = Math.min(...rows.map((r) => r.closedAt));
  const to = Math.max(...rows.map((r) => r.closedAt)) + OVERLAP_TOLERANCE_MS;
  const symbols = new Map(rows.map((r) => [r.symbolId, r.symbol]));
  const inWindow = positions.filter((p) => (p.closedAt ?? p.openedAt) <= to);
  return reconcileClosedPnl(inWindow, rows.map(asClosedPnlRecord), (id) => symbols.get(id) ?? id, from);
}

/** True when a linear position of the row's account and symbol was open at the row's close time (see above). */
export function overlapsPosition(row: Pick<ClosedPnlRow, 'accountId' | 'symbol' | 'closedAt'>, positions: readonly Pick<Position, 'accountId' | 'symbol' | 'marketType' | 'openedAt' | 'closedAt'>[], tolerance = OVERLAP_TOLERANCE_MS): boolean {
  return positions.some((p) => p.marketType === 'linear' && p.accountId === row.accountId && p.symbol === row.symbol
    && p.openedAt - tolerance <= row.closedAt && row.closedAt <= (p.closedAt ?? Number.POSITIVE_INFINITY) + tolerance);
}

export interface SummaryOnlyPnl {
  /** Rows no fill-derived position overlaps, in close order. */
  rows: ClosedPnlRow[];
  /** Their closed P&L per symbol, and in total (net of fees and funding, as the exchange books it). */
  bySymbol: { symbol: string; closedPnl: number; rows: number }[];
  total: number;
}

export function summaryOnlyPnl(rows: readonly ClosedPnlRow[], positions: readonly Position[]): SummaryOnlyPnl {
  const only = rows.filter((r) => !overlapsPosition(r, positions)).sort((a, b) => a.closedAt - b.closedAt);
  const sums = new Map<string, { closedPnl: number; rows: number }>();
  for (const r of only) {
    const s = sums.get(r.symbol) ?? { closedPnl: 0, rows: 0 };
    sums.set(r.symbol, { closedPnl: s.closedPnl + r.closedPnl, rows: s.rows + 1 });
  }
  return {
    rows: only,
    bySymbol: [...sums].sort(([a], [b]) => a.localeCompare(b)).map(([symbol, s]) => ({ symbol, ...s })),
    total: only.reduce((sum, r) => sum + r.closedPnl, 0),
  };
}
