import type { Trade } from '../../shared/domain/types';
import type { AccountDayStats, AccountQuarterStats, SymbolStats, TradeDayStats, TradeTotals } from './records';

const QUARTER_HOUR_MS = 15 * 60_000;

/** Pure aggregate arithmetic: what a set of newly inserted trades adds to the stats tables. */

export const DAY_MS = 86_400_000;

/** UTC day number; dashboards convert to local dates for display. */
export function utcDay(timestamp: number): number {
  return Math.floor(timestamp / DAY_MS);
}

export function emptyTotals(): TradeTotals {
  return { count: 0, buyCount: 0, volume: 0, buyVolume: 0, fees: {}, realizedPnl: 0 };
}

function addTradeTo(totals: TradeTotals, trade: Trade): void {
  totals.count += 1;
  totals.volume += trade.cost;
  if (trade.side === 'buy') {
    totals.buyCount += 1;
    totals.buyVolume += trade.cost;
  }
  if (trade.feeCost !== 0) {
    // Fees without a currency are kept under '' rather than dropped, so totals stay complete.
    const currency = trade.feeCurrency ?? '';
    totals.fees[currency] = (totals.fees[currency] ?? 0) + trade.feeCost;
  }
  totals.realizedPnl += trade.exchangeRealizedPnl ?? 0;
}

/** Adds `from` into `into` (mutates `into`). */
export function addTotals(into: TradeTotals, from: TradeTotals): void {
  into.count += from.count;
  into.buyCount += from.buyCount;
  into.volume += from.volume;
  into.buyVolume += from.buyVolume;
  into.realizedPnl += from.realizedPnl;
  for (const [currency, amount] of Object.entries(from.fees)) {
    into.fees[currency] = (into.fees[currency] ?? 0) + amount;
  }
}

function copyTotals(t: TradeTotals): TradeTotals {
  return { count: t.count, buyCount: t.buyCount, volume: t.volume, buyVolume: t.buyVolume, fees: { ...t.fees }, realizedPnl: t.realizedPnl };
}

/** Deltas keyed by the stats tables' primary keys. */
export interface StatsDelta {
  days: Map<string, TradeDayStats>;
  symbols: Map<string, SymbolStats>;
  accountDays: Map<string, AccountDayStats>;
  accountQuarters: Map<string, AccountQuarterStats>;
}

export function emptyDelta(): StatsDelta {
  return { days: new Map(), symbols: new Map(), accountDays: new Map(), accountQuarters: new Map() };
}

// NUL cannot occur in ids or symbols, so these map keys never collide.
const dayMapKey = (accountId: string, symbol: string, day: number): string => `${accountId}\u0000${symbol}\u0000${day}`;
const symbolMapKey = (accountId: string, symbol: string): string => `${accountId}\u0000${symbol}`;

export function addTradeToDelta(delta: StatsDelta, trade: Trade): void {
  const day = utcDay(trade.timestamp);
  const dk = dayMapKey(trade.accountId, trade.symbol, day);
  let dayRow = delta.days.get(dk);
  if (dayRow === undefined) {
    dayRow = { accountId: trade.accountId, symbol: trade.symbol, day, ...emptyTotals() };
    delta.days.set(dk, dayRow);
  }
  addTradeTo(dayRow, trade);

  const ak = symbolMapKey(trade.accountId, String(day));
  let accountDay = delta.accountDays.get(ak);
  if (accountDay === undefined) {
    accountDay = { accountId: trade.accountId, day, ...emptyTotals() };
    delta.accountDays.set(ak, accountDay);
  }
  addTradeTo(accountDay, trade);

  const qh = Math.floor(trade.timestamp / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const qk = symbolMapKey(trade.accountId, String(qh));
  let accountQuarter = delta.accountQuarters.get(qk);
  if (accountQuarter === undefined) {
    accountQuarter = { accountId: trade.accountId, qh, ...emptyTotals() };
    delta.accountQuarters.set(qk, accountQuarter);
  }
  addTradeTo(accountQuarter, trade);

  const sk = symbolMapKey(trade.accountId, trade.symbol);
  let symRow = delta.symbols.get(sk);
  if (symRow === undefined) {
    symRow = {
      accountId: trade.accountId, symbol: trade.symbol, marketType: trade.marketType,
      firstTimestamp: trade.timestamp, lastTimestamp: trade.timestamp, ...emptyTotals(),
    };
    delta.symbols.set(sk, symRow);
  }
  addTradeTo(symRow, trade);
  symRow.firstTimestamp = Math.min(symRow.firstTimestamp, trade.timestamp);
  symRow.lastTimestamp = Math.max(symRow.lastTimestamp, trade.timestamp);
}

export function tradeStatsDelta(trades: Iterable<Trade>): StatsDelta {
  const delta = emptyDelta();
  for (const trade of trades) addTradeToDelta(delta, trade);
  return delta;
}

/** Stored row (or undefined) + delta -> the row to write. Never mutates its inputs. */
export function mergeDayStats(stored: TradeDayStats | undefined, delta: TradeDayStats): TradeDayStats {
  if (stored === undefined) return { ...delta, fees: { ...delta.fees } };
  const merged: TradeDayStats = { accountId: stored.accountId, symbol: stored.symbol, day: stored.day, ...copyTotals(stored) };
  addTotals(merged, delta);
  return merged;
}

export function mergeAccountDayStats(stored: AccountDayStats | undefined, delta: AccountDayStats): AccountDayStats {
  if (stored === undefined) return { ...delta, fees: { ...delta.fees } };
  const merged: AccountDayStats = { accountId: stored.accountId, day: stored.day, ...copyTotals(stored) };
  addTotals(merged, delta);
  return merged;
}

export function mergeAccountQuarterStats(stored: AccountQuarterStats | undefined, delta: AccountQuarterStats): AccountQuarterStats {
  if (stored === undefined) return { ...delta, fees: { ...delta.fees } };
  const merged: AccountQuarterStats = { accountId: stored.accountId, qh: stored.qh, ...copyTotals(stored) };
  addTotals(merged, delta);
  return merged;
}

export function mergeSymbolStats(stored: SymbolStats | undefined, delta: SymbolStats): SymbolStats {
  if (stored === undefined) return { ...delta, fees: { ...delta.fees } };
  const merged: SymbolStats = {
    accountId: stored.accountId, symbol: stored.symbol, marketType: stored.marketType,
    firstTimestamp: Math.min(stored.firstTimestamp, delta.firstTimestamp),
    lastTimestamp: Math.max(stored.lastTimestamp, delta.lastTimestamp),
    ...copyTotals(stored),
  };
  addTotals(merged, delta);
  return merged;
}
