import { UTC_ZONE, zoneClock } from '../time/zone';
import type { Position } from './types';

/**
 * Performance statistics over closed positions (futures positions and spot round trips).
 *
 * Definitions (the UI shows these words, so they are pinned here and in stats.test.ts):
 * - A position's result is its netPnl (realized - fees + funding, in quote). Amounts kept in
 *   other currencies (feesOther/fundingOther) are not part of it.
 * - Win: netPnl > tolerance. Loss: netPnl < -tolerance. Otherwise break-even (tolerance defaults
 *   to 1e-9 so float noise on a scratch trade does not decide it).
 * - Win rate = wins / all closed positions: break-evens count as trades that did not win.
 * - Profit factor = gross win / |gross loss|. No losses and some wins -> Infinity; no wins and no
 *   losses (nothing, or only break-evens) -> null; all losers -> 0.
 * - Expectancy = net P&L / number of closed positions (null when there are none).
 * - A position belongs to the range [from, to) by its close time; open positions are ignored.
 * - Equity curve: cumulative net P&L in close order (closedAt, then id), starting at
 *   `startingEquity` (default 0). Max drawdown = largest fall from a running peak (absolute);
 *   its percent = fall / peak, over points whose peak is > 0 only (a percent of a non-positive
 *   peak means nothing), null when the peak never rose above 0. The two maxima are tracked
 *   separately, so they may come from different points.
 * - Calendar days, weekdays (0 = Sunday) and hours are those of the close time in
 *   `options.timeZone` (an IANA zone, default UTC): the trader's own day, not UTC's.
 * - Money is summed as is: results in different quote currencies (USDT, USDC, BTC for ETH/BTC)
 *   are not converted. `quoteCurrencies` lists what was mixed; filter by `quoteCurrencies` in
 *   the filter (or convert first) when it has more than one entry.
 */

export interface StatsFilter {
  /** Inclusive, ms. */
  from?: number;
  /** Exclusive, ms. */
  to?: number;
  accountIds?: readonly string[];
  symbols?: readonly string[];
  quoteCurrencies?: readonly string[];
}

export interface StatsOptions {
  startingEquity?: number;
  breakEvenTolerance?: number;
  /** IANA zone for calendar days, weekdays and hours (default UTC). */
  timeZone?: string;
}

export interface GroupStats {
  trades: number;
  wins: number;
  losses: number;
  breakEvens: number;
  netPnl: number;
  grossWin: number;
  /** Sum of losing results (<= 0). */
  grossLoss: number;
}

export interface EquityPoint {
  t: number;
  positionId: string;
  pnl: number;
  equity: number;
  /** peak - equity at this point (>= 0). */
  drawdown: number;
}

export interface JournalStats extends GroupStats {
  /** Distinct quote currencies of the positions counted, sorted. */
  quoteCurrencies: string[];
  winRate: number | null;
  profitFactor: number | null;
  expectancy: number | null;
  avgWin: number | null;
  /** Average losing result (negative). */
  avgLoss: number | null;
  largestWin: number | null;
  /** Most negative result. */
  largestLoss: number | null;
  fees: number;
  funding: number;
  maxDrawdown: number;
  maxDrawdownPct: number | null;
  equityCurve: EquityPoint[];
  /** One entry per day (in the stats' zone) with closes, ascending. */
  calendar: (GroupStats & { day: string })[];
  /** Ascending by symbol. */
  bySymbol: (GroupStats & { symbol: string })[];
  /** Always 7 entries, index = weekday in the stats' zone (0 = Sunday). */
  byWeekday: (GroupStats & { weekday: number })[];
  /** Always 24 entries, index = hour of the close in the stats' zone. */
  byHour: (GroupStats & { hour: number })[];
}

export function emptyGroup(): GroupStats {
  return { trades: 0, wins: 0, losses: 0, breakEvens: 0, netPnl: 0, grossWin: 0, grossLoss: 0 };
}

/** Adds one result to a group (win / loss / break-even by `tolerance`). */
export function addTo(group: GroupStats, pnl: number, tolerance: number): void {
  group.trades++;
  group.netPnl += pnl;
  if (pnl > tolerance) {
    group.wins++;
    group.grossWin += pnl;
  } else if (pnl < -tolerance) {
    group.losses++;
    group.grossLoss += pnl;
  } else {
    group.breakEvens++;
  }
}

/** The ratios of a total (the definitions at the top of this file). */
export function ratiosOf(total: GroupStats): Pick<JournalStats, 'winRate' | 'profitFactor' | 'expectancy' | 'avgWin' | 'avgLoss'> {
  return {
    winRate: total.trades === 0 ? null : total.wins / total.trades,
    profitFactor: profitFactor(total.grossWin, total.grossLoss),
    expectancy: total.trades === 0 ? null : total.netPnl / total.trades,
    avgWin: total.wins === 0 ? null : total.grossWin / total.wins,
    avgLoss: total.losses === 0 ? null : total.grossLoss / total.losses,
  };
}

/** Running peak and drawdowns of an equity curve, one point at a time (computeStats' definitions). */
export class DrawdownTracker {
  private peak: number;
  maxDrawdown = 0;
  maxDrawdownPct: number | null = null;

  constructor(startingEquity: number) {
    this.peak = startingEquity;
  }

  /** Records a point; returns its drawdown (peak - equity, >= 0). */
  add(equity: number): number {
    if (equity > this.peak) this.peak = equity;
    const drawdown = this.peak - equity;
    if (drawdown > this.maxDrawdown) this.maxDrawdown = drawdown;
    if (this.peak > 0) {
      const pct = drawdown / this.peak;
      if (this.maxDrawdownPct === null || pct > this.maxDrawdownPct) this.maxDrawdownPct = pct;
    }
    return drawdown;
  }
}

export function profitFactor(grossWin: number, grossLoss: number): number | null {
  if (grossLoss < 0) return grossWin / -grossLoss;
  return grossWin > 0 ? Number.POSITIVE_INFINITY : null;
}

/** The closed positions the filter selects, sorted by close time (then id). */
export function selectClosed(positions: readonly Position[], filter: StatsFilter = {}): Position[] {
  return filterClosed(positions, filter).sort((a, b) => (a.closedAt ?? 0) - (b.closedAt ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The closed positions the filter selects, in input order (for sums that need no order). */
export function filterClosed(positions: readonly Position[], filter: StatsFilter = {}): Position[] {
  const accounts = filter.accountIds === undefined ? null : new Set(filter.accountIds);
  const symbols = filter.symbols === undefined ? null : new Set(filter.symbols);
  const quotes = filter.quoteCurrencies === undefined ? null : new Set(filter.quoteCurrencies);
  const out: Position[] = [];
  for (const p of positions) {
    if (p.closedAt === null) continue;
    if (filter.from !== undefined && p.closedAt < filter.from) continue;
    if (filter.to !== undefined && p.closedAt >= filter.to) continue;
    if (accounts !== null && !accounts.has(p.accountId)) continue;
    if (symbols !== null && !symbols.has(p.symbol)) continue;
    if (quotes !== null && !quotes.has(p.quoteCurrency)) continue;
    out.push(p);
  }
  return out;
}

export function utcDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

export function computeStats(positions: readonly Position[], filter: StatsFilter = {}, options: StatsOptions = {}): JournalStats {
  const tolerance = options.breakEvenTolerance ?? 1e-9;
  const closed = selectClosed(positions, filter);
  const total = emptyGroup();
  const days = new Map<number, GroupStats & { day: string }>();
  const symbols = new Map<string, GroupStats & { symbol: string }>();
  const byWeekday = Array.from({ length: 7 }, (_, weekday) => ({ ...emptyGroup(), weekday }));
  const byHour = Array.from({ length: 24 }, (_, hour) => ({ ...emptyGroup(), hour }));
  const zone = zoneClock(options.timeZone ?? UTC_ZONE);
  const equityCurve: EquityPoint[] = [];
  let largestWin: number | null = null;
  let largestLoss: number | null = null;
  let fees = 0;
  let funding = 0;
  let equity = options.startingEquity ?? 0;
  const drawdowns = new DrawdownTracker(equity);
  const quoteCurrencies = new Set<string>();

  for (const p of closed) {
    const t = p.closedAt ?? 0;
    const pnl = p.netPnl;
    addTo(total, pnl, tolerance);
    const at = zone.parts(t);
    let d = days.get(at.dayNumber);
    if (d === undefined) days.set(at.dayNumber, (d = { ...emptyGroup(), day: new Date(at.dayNumber * 86_400_000).toISOString().slice(0, 10) }));
    addTo(d, pnl, tolerance);
    let s = symbols.get(p.symbol);
    if (s === undefined) symbols.set(p.symbol, (s = { ...emptyGroup(), symbol: p.symbol }));
    addTo(s, pnl, tolerance);
    const w = byWeekday[at.weekday];
    if (w !== undefined) addTo(w, pnl, tolerance);
    const h = byHour[at.hour];
    if (h !== undefined) addTo(h, pnl, tolerance);
    if (pnl > tolerance && (largestWin === null || pnl > largestWin)) largestWin = pnl;
    if (pnl < -tolerance && (largestLoss === null || pnl < largestLoss)) largestLoss = pnl;
    fees += p.fees;
    funding += p.funding;
    quoteCurrencies.add(p.quoteCurrency);

    equity += pnl;
    equityCurve.push({ t, positionId: p.id, pnl, equity, drawdown: drawdowns.add(equity) });
  }

  return {
    ...total,
    quoteCurrencies: [...quoteCurrencies].sort(),
    ...ratiosOf(total),
    largestWin,
    largestLoss,
    fees,
    funding,
    maxDrawdown: drawdowns.maxDrawdown,
    maxDrawdownPct: drawdowns.maxDrawdownPct,
    equityCurve,
    calendar: [...days.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0)),
    bySymbol: [...symbols.values()].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0)),
    byWeekday,
    byHour,
  };
}
