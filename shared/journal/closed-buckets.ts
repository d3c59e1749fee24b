import { addTo, emptyGroup, type GroupStats } from './stats';
import type { Position } from './types';

/**
 * Closed positions summed into the two stored aggregates the dashboard reads instead of every
 * position (docs/REVIEW.md, "Stored aggregates"):
 * - per account, quote currency and UTC quarter hour of the close: tiles, calendar, weekday and
 *   hour tables, equity curve. Every zone's offset and DST change falls on a quarter hour, so a
 *   zone's days, weekdays and hours are unions of whole quarter hours;
 * - per account, symbol and UTC day of the close: the per-symbol table.
 * Wins and losses are classified with computeStats' default tolerance when a row is built.
 */

export const QUARTER_HOUR_MS = 15 * 60_000;
export const DAY_MS = 86_400_000;
export const BREAK_EVEN_TOLERANCE = 1e-9;

/** Start (UTC ms) of the quarter hour containing t. */
export function quarterHourOf(t: number): number {
  return Math.floor(t / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
}

/** UTC day number of t. */
export function utcDayOf(t: number): number {
  return Math.floor(t / DAY_MS);
}

export interface ClosedQuarter extends GroupStats {
  accountId: string;
  /** Start of the UTC quarter hour (ms). */
  qh: number;
  quoteCurrency: string;
  fees: number;
  funding: number;
  /** Largest winning result in the quarter hour (largest win is a maximum, not a sum). */
  largestWin: number | null;
  /** Most negative result in the quarter hour. */
  largestLoss: number | null;
}

export interface ClosedSymbolDay extends GroupStats {
  accountId: string;
  symbol: string;
  /** UTC day number of the close. */
  day: number;
}

/** Adds one result to a group (computeStats' classification, default tolerance). */
export function addResult(group: GroupStats, pnl: number): void {
  addTo(group, pnl, BREAK_EVEN_TOLERANCE);
}

export function addGroup(into: GroupStats, from: GroupStats): void {
  into.trades += from.trades;
  into.wins += from.wins;
  into.losses += from.losses;
  into.breakEvens += from.breakEvens;
  into.netPnl += from.netPnl;
  into.grossWin += from.grossWin;
  into.grossLoss += from.grossLoss;
}

/**
 * After sums moved by subtraction (a position version removed), a group with no wins or no losses
 * left keeps exactly 0 there, not float residue: a -1e-15 gross loss would turn an infinite
 * profit factor into a huge finite one.
 */
export function settleEmptySums<T extends GroupStats>(group: T): T {
  if (group.wins === 0) group.grossWin = 0;
  if (group.losses === 0) group.grossLoss = 0;
  if (group.trades === 0) group.netPnl = 0;
  return group;
}

// NUL cannot occur in ids, symbols or currencies, so these map keys never collide.
export const quarterKey = (accountId: string, qh: number, quoteCurrency: string): string => `${accountId}\u0000${qh}\u0000${quoteCurrency}`;
export const symbolDayKey = (accountId: string, symbol: string, day: number): string => `${accountId}\u0000${symbol}\u0000${day}`;

/** The quarter-hour rows of these positions' closes, keyed by quarterKey. Open positions are skipped. */
export function closedQuartersOf(positions: Iterable<Position>): Map<string, ClosedQuarter> {
  const out = new Map<string, ClosedQuarter>();
  for (const p of positions) {
    if (p.closedAt === null) continue;
    const qh = quarterHourOf(p.closedAt);
    const k = quarterKey(p.accountId, qh, p.quoteCurrency);
    let row = out.get(k);
    if (row === undefined) {
      row = { accountId: p.accountId, qh, quoteCurrency: p.quoteCurrency, ...emptyGroup(), fees: 0, funding: 0, largestWin: null, largestLoss: null };
      out.set(k, row);
    }
    addResult(row, p.netPnl);
    if (p.netPnl > BREAK_EVEN_TOLERANCE && (row.largestWin === null || p.netPnl > row.largestWin)) row.largestWin = p.netPnl;
    if (p.netPnl < -BREAK_EVEN_TOLERANCE && (row.largestLoss === null || p.netPnl < row.largestLoss)) row.largestLoss = p.netPnl;
    row.fees += p.fees;
    row.funding += p.funding;
  }
  return out;
}

/** The per-symbol day rows of these positions' closes, keyed by symbolDayKey. Open positions are skipped. */
export function closedSymbolDaysOf(positions: Iterable<Position>): Map<string, ClosedSymbolDay> {
  const out = new Map<string, ClosedSymbolDay>();
  for (const p of positions) {
    if (p.closedAt === null) continue;
    const day = utcDayOf(p.closedAt);
    const k = symbolDayKey(p.accountId, p.symbol, day);
    let row = out.get(k);
    if (row === undefined) out.set(k, (row = { accountId: p.accountId, symbol: p.symbol, day, ...emptyGroup() }));
    addResult(row, p.netPnl);
  }
  return out;
}

/** Merges rows of the same key built from separate chunks of positions (the schema upgrade reads positions in chunks). */
export function mergeQuarter(a: ClosedQuarter, b: ClosedQuarter): ClosedQuarter {
  const max = (x: number | null, y: number | null): number | null => (x === null ? y : y === null ? x : Math.max(x, y));
  const min = (x: number | null, y: number | null): number | null => (x === null ? y : y === null ? x : Math.min(x, y));
  const out: ClosedQuarter = { ...a, fees: a.fees + b.fees, funding: a.funding + b.funding, largestWin: max(a.largestWin, b.largestWin), largestLoss: min(a.largestLoss, b.largestLoss) };
  addGroup(out, b);
  return out;
}

export function mergeSymbolDay(a: ClosedSymbolDay, b: ClosedSymbolDay): ClosedSymbolDay {
  const out: ClosedSymbolDay = { ...a };
  addGroup(out, b);
  return out;
}

/** Per-symbol groups, ascending by symbol (computeStats' bySymbol), from day rows and single positions. */
export function symbolGroups(days: Iterable<ClosedSymbolDay>, positions: Iterable<Position>): (GroupStats & { symbol: string })[] {
  const bySymbol = new Map<string, GroupStats & { symbol: string }>();
  const get = (symbol: string): GroupStats & { symbol: string } => {
    let s = bySymbol.get(symbol);
    if (s === undefined) bySymbol.set(symbol, (s = { ...emptyGroup(), symbol }));
    return s;
  };
  for (const d of days) addGroup(get(d.symbol), d);
  for (const p of positions) if (p.closedAt !== null) addResult(get(p.symbol), p.netPnl);
  return [...bySymbol.values()].filter((s) => s.trades > 0).sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
}
