import { UTC_ZONE, zoneClock } from '../time/zone';
import { addGroup, QUARTER_HOUR_MS, type ClosedQuarter } from './closed-buckets';
import { DrawdownTracker, emptyGroup, ratiosOf, type GroupStats, type JournalStats, type StatsFilter, type StatsOptions } from './stats';

/**
 * computeStats from stored quarter-hour rows (closed-buckets.ts) instead of positions, in any
 * zone. Identical figures except where the resolution is a quarter hour (docs/REVIEW.md):
 * - the equity curve has one point per UTC quarter hour with closes, so max drawdown and its
 *   percent are measured at quarter-hour ends (a fall and recovery inside one quarter hour is not
 *   seen; a drawdown of several closes in one quarter hour counts as one step);
 * - the range [from, to) is applied per quarter hour: the dashboard's ranges are midnights of
 *   the trader's zone, which always are whole quarter hours;
 * - the symbol filter is not supported (rows have no symbol): callers with one use computeStats.
 */

/** One point per quarter hour with closes: cumulative net P&L at its end. */
export interface QuarterEquityPoint {
  /** Start of the quarter hour (UTC ms). */
  t: number;
  pnl: number;
  equity: number;
  drawdown: number;
}

export type AggregateStats = Omit<JournalStats, 'equityCurve'> & { equityCurve: QuarterEquityPoint[] };

/** Does the filter keep this row? `from`/`to` are compared at quarter-hour resolution. */
export function quarterSelected(row: ClosedQuarter, filter: StatsFilter): boolean {
  if (filter.from !== undefined && row.qh + QUARTER_HOUR_MS <= filter.from) return false;
  if (filter.to !== undefined && row.qh >= filter.to) return false;
  if (filter.accountIds !== undefined && !filter.accountIds.includes(row.accountId)) return false;
  if (filter.quoteCurrencies !== undefined && !filter.quoteCurrencies.includes(row.quoteCurrency)) return false;
  return true;
}

/**
 * @param bySymbol the per-symbol groups of the same selection (closed-buckets symbolGroups), or
 *   null to leave the table empty
 */
export function statsFromQuarters(
  rows: Iterable<ClosedQuarter>, bySymbol: (GroupStats & { symbol: string })[] | null, filter: StatsFilter = {}, options: StatsOptions = {},
): AggregateStats {
  const zone = zoneClock(options.timeZone ?? UTC_ZONE);
  const total = emptyGroup();
  const days = new Map<number, GroupStats & { day: string }>();
  const byWeekday = Array.from({ length: 7 }, (_, weekday) => ({ ...emptyGroup(), weekday }));
  const byHour = Array.from({ length: 24 }, (_, hour) => ({ ...emptyGroup(), hour }));
  const perQuarter = new Map<number, number>();
  const quoteCurrencies = new Set<string>();
  let largestWin: number | null = null;
  let largestLoss: number | null = null;
  let fees = 0;
  let funding = 0;
  for (const row of rows) {
    if (row.trades === 0 || !quarterSelected(row, filter)) continue;
    addGroup(total, row);
    // A quarter hour lies inside one hour of every zone, so its start's parts are its closes' parts.
    const at = zone.parts(row.qh);
    let d = days.get(at.dayNumber);
    if (d === undefined) days.set(at.dayNumber, (d = { ...emptyGroup(), day: new Date(at.dayNumber * 86_400_000).toISOString().slice(0, 10) }));
    addGroup(d, row);
    const w = byWeekday[at.weekday];
    if (w !== undefined) addGroup(w, row);
    const h = byHour[at.hour];
    if (h !== undefined) addGroup(h, row);
    if (row.largestWin !== null && (largestWin === null || row.largestWin > largestWin)) largestWin = row.largestWin;
    if (row.largestLoss !== null && (largestLoss === null || row.largestLoss < largestLoss)) largestLoss = row.largestLoss;
    fees += row.fees;
    funding += row.funding;
    quoteCurrencies.add(row.quoteCurrency);
    perQuarter.set(row.qh, (perQuarter.get(row.qh) ?? 0) + row.netPnl);
  }
  const curve = quarterEquity(perQuarter, options.startingEquity ?? 0);
  return {
    ...total,
    quoteCurrencies: [...quoteCurrencies].sort(),
    ...ratiosOf(total),
    largestWin,
    largestLoss,
    fees,
    funding,
    ...curve,
    calendar: [...days.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0)),
    bySymbol: bySymbol ?? [],
    byWeekday,
    byHour,
  };
}

/** The equity curve over the ordered quarter hours, and its drawdowns (computeStats' definitions). */
export function quarterEquity(perQuarter: ReadonlyMap<number, number>, startingEquity: number): Pick<AggregateStats, 'equityCurve' | 'maxDrawdown' | 'maxDrawdownPct'> {
  let equity = startingEquity;
  const drawdowns = new DrawdownTracker(equity);
  const equityCurve: QuarterEquityPoint[] = [];
  for (const qh of [...perQuarter.keys()].sort((a, b) => a - b)) {
    const pnl = perQuarter.get(qh) ?? 0;
    equity += pnl;
    equityCurve.push({ t: qh, pnl, equity, drawdown: drawdowns.add(equity) });
  }
  return { equityCurve, maxDrawdown: drawdowns.maxDrawdown, maxDrawdownPct: drawdowns.maxDrawdownPct };
}
