import { AppError } from '../errors';
import type { Position } from './types';

/**
 * Bybit's closed P&L (GET /v5/position/closed-pnl) as a reconciliation source for the journal's
 * linear positions. One exchange record per order that closed (part of) a position; its
 * `closedPnl` is net: position P&L minus the opening fee (shared out by quantity) and the closing
 * fee, plus the funding of the holding period (docs/HISTORY-KINDS.md, "Bybit closed P&L").
 * So, per symbol, the exchange's sum should equal the journal's net P&L of its closed positions
 * plus what the open position's partial closes realized net of their share of fees and funding.
 */

export interface ClosedPnlRecord {
  /** The exchange's symbol id (BTCUSDT). */
  symbolId: string;
  orderId: string;
  closedSize: number;
  closedPnl: number;
  openFee: number | null;
  closeFee: number | null;
  createdTime: number;
}

/** Reads one wire row (docs "Get Closed PnL", response parameters); throws INVALID_INPUT on a row it cannot use. */
export function parseClosedPnlRow(row: unknown): ClosedPnlRecord {
  if (typeof row !== 'object' || row === null) throw new AppError('INVALID_INPUT', 'A closed P&L row is not an object.');
  const r = row as Record<string, unknown>;
  const num = (name: string): number => {
    const v = Number(r[name]);
    if (typeof r[name] !== 'string' || !Number.isFinite(v)) throw new AppError('INVALID_INPUT', `A closed P&L row has no usable ${name}.`, { issues: [{ path: name, message: 'not a number' }] });
    return v;
  };
  const optional = (name: string): number | null => (typeof r[name] === 'string' && Number.isFinite(Number(r[name])) ? Number(r[name]) : null);
  const symbolId = typeof r['symbol'] === 'string' ? r['symbol'] : '';
  if (symbolId === '') throw new AppError('INVALID_INPUT', 'A closed P&L row has no symbol.', { issues: [{ path: 'symbol', message: 'missing' }] });
  return { symbolId, orderId: String(r['orderId'] ?? ''), closedSize: num('closedSize'), closedPnl: num('closedPnl'), openFee: optional('openFee'), closeFee: optional('closeFee'), createdTime: num('createdTime') };
}

export type ClosedPnlCause =
  /** Equal within the tolerance. */
  | 'matches'
  /** An open position was partly closed: the exchange books a share of its opening fee and funding per close, the journal when it closes. */
  | 'open_position'
  /** The exchange's sum equals the journal's gross realized P&L: it was read without fees and funding. */
  | 'gross_only'
  /** Equal once funding is left out: funding rows are missing from the journal (or attributed elsewhere). */
  | 'funding'
  /** The journal holds closes before the exchange's 2 years (or before the first record fetched). */
  | 'history_beyond_window'
  | 'unexplained';

export interface ClosedPnlLine {
  symbol: string;
  exchange: number;
  records: number;
  /** Net P&L of the journal's closed positions (+ the open one's realized P&L): what the exchange's sum should be. */
  journal: number;
  journalGross: number;
  diff: number;
  cause: ClosedPnlCause;
}

export const CLOSED_PNL_TOLERANCE = 0.01;

/**
 * Per linear symbol: the exchange's closed P&L against the journal's positions. `symbolOf` maps
 * an exchange id to the journal's symbol (BTCUSDT -> BTC/USDT:USDT). `from` is the oldest time
 * the records were fetched from: journal positions closed before it are not comparable.
 */
export function reconcileClosedPnl(positions: readonly Position[], records: readonly ClosedPnlRecord[], symbolOf: (id: string) => string, from: number, tolerance = CLOSED_PNL_TOLERANCE): ClosedPnlLine[] {
  const exchange = new Map<string, { sum: number; count: number }>();
  for (const r of records) {
    const s = symbolOf(r.symbolId);
    const e = exchange.get(s) ?? { sum: 0, count: 0 };
    e.sum += r.closedPnl;
    e.count++;
    exchange.set(s, e);
  }
  const journal = new Map<string, { net: number; gross: number; withoutFunding: number; open: boolean; early: boolean }>();
  for (const p of positions) {
    if (p.marketType !== 'linear') continue;
    const j = journal.get(p.symbol) ?? { net: 0, gross: 0, withoutFunding: 0, open: false, early: false };
    if (p.status === 'closed') {
      j.net += p.netPnl;
      j.withoutFunding += p.realizedPnl - p.fees;
    } else {
      j.net += p.realizedPnl;
      j.withoutFunding += p.realizedPnl;
      if (p.closedQty > 0) j.open = true;
    }
    j.gross += p.realizedPnl;
    if (p.closedAt !== null && p.closedAt < from) j.early = true;
    journal.set(p.symbol, j);
  }
  const symbols = [...new Set([...exchange.keys(), ...journal.keys()])].sort();
  return symbols.flatMap((symbol): ClosedPnlLine[] => {
    const e = exchange.get(symbol) ?? { sum: 0, count: 0 };
    const j = journal.get(symbol) ?? { net: 0, gross: 0, withoutFunding: 0, open: false, early: false };
    if (e.count === 0 && j.gross === 0 && j.net === 0) return [];
    const diff = e.sum - j.net;
    const near = (a: number, b: number): boolean => Math.abs(a - b) <= tolerance;
    const cause: ClosedPnlCause = near(e.sum, j.net) ? 'matches'
      : j.early ? 'history_beyond_window'
        : j.open ? 'open_position'
          : near(e.sum, j.gross) ? 'gross_only'
            : near(e.sum, j.withoutFunding) ? 'funding'
              : 'unexplained';
    return [{ symbol, exchange: e.sum, records: e.count, journal: j.net, journalGross: j.gross, diff, cause }];
  });
}

export const CLOSED_PNL_CAUSE_TEXT: Readonly<Record<ClosedPnlCause, string>> = {
  matches: 'Matches the exchange.',
  open_position: 'A position is still open: Bybit books a share of its opening fee and funding with each partial close, the journal when it closes.',
  gross_only: 'The exchange figure equals the journal’s P&L before fees and funding.',
  funding: 'The difference is the funding the journal attributed: funding rows are missing on one side.',
  history_beyond_window: 'The journal holds closes older than the exchange serves (2 years) or than the records fetched.',
  unexplained: 'Fills or funding of this symbol are missing from the journal, or the exchange knows closes the journal does not.',
};

/** The exchange id of a linear symbol (BTC/USDT:USDT -> BTCUSDT), as closed P&L rows name it. */
export function exchangeIdOf(symbol: string): string {
  return symbol.split(':')[0]?.replace('/', '') ?? symbol;
}
