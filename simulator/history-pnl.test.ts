import { describe, expect, it } from 'vitest';
import { tradeKey } from '../shared/domain/keys';
import type { Trade } from '../shared/domain/types';
import { computeJournal } from '../shared/journal/book';
import { demoSimulatorOptions } from './demo';
import { generateHistory } from './history';
import type { HistoryOptions } from './history';

/**
 * Two independent implementations must agree: the simulated exchange's REALIZED_PNL per fill
 * (what Binance reports) and the journal's own futures P&L computed from the same fills. The
 * simulator is the ground truth every sync test compares against, so a wrong P&L there would
 * make the reconciliation report cry wolf (it did: flips kept the old entry price).
 */
function asTrade(t: { symbol: string; id: number; time: number; side: 'BUY' | 'SELL'; price: string; qty: string; quoteQty: string; commission: string; commissionAsset: string; realizedPnl: string; orderId: number }): Trade {
  return {
    key: tradeKey('binance', 'acc', 'linear', t.symbol, String(t.id)), accountId: 'acc', exchange: 'binance', marketType: 'linear',
    symbol: t.symbol, tradeId: String(t.id), orderId: String(t.orderId), timestamp: t.time, side: t.side === 'BUY' ? 'buy' : 'sell',
    price: Number(t.price), amount: Number(t.qty), cost: Number(t.quoteQty), feeCost: Number(t.commission), feeCurrency: t.commissionAsset,
    takerOrMaker: null, exchangeRealizedPnl: Number(t.realizedPnl),
  };
}

/**
 * The same fill as Bybit's execution list gives it: the id is the execId (a UUID, no order) and
 * `closedSize` says how much of it closed. Fills of one order share a millisecond.
 */
function asBybitTrade(t: Parameters<typeof asTrade>[0] & { execId: string; closedQty: string }): Trade {
  const base = asTrade(t);
  return { ...base, key: tradeKey('bybit', 'acc', 'linear', t.symbol, t.execId), exchange: 'bybit', tradeId: t.execId, exchangeClosedQty: Number(t.closedQty) };
}

function check(options: HistoryOptions, as: 'binance' | 'bybit' = 'binance'): number {
  const history = generateHistory(options);
  const linear = history.trades.filter((t) => t.marketType === 'linear').map(as === 'binance' ? asTrade : asBybitTrade);
  expect(linear.length).toBeGreaterThan(0);
  const computed = computeJournal(linear);
  let flips = 0;
  for (const trade of linear) {
    const outcome = computed.fills.get(trade.key);
    expect(outcome, trade.key).toBeDefined();
    if (outcome === undefined) continue;
    expect(trade.exchangeRealizedPnl ?? 0, `${trade.symbol} #${trade.tradeId}`).toBeCloseTo(outcome.realizedPnl, 6);
    if (outcome.closedQty > 0 && outcome.openedQty > 0) flips += 1;
  }
  // REALIZED_PNL income rows carry the same numbers as the fills.
  const incomeByTrade = new Map(history.income.filter((i) => i.incomeType === 'REALIZED_PNL').map((i) => [`${i.symbol}#${i.tradeId}`, Number(i.income)]));
  for (const trade of linear) {
    if (as === 'bybit') continue;
    const income = incomeByTrade.get(`${trade.symbol}#${trade.tradeId}`);
    if (income !== undefined) expect(income).toBeCloseTo(trade.exchangeRealizedPnl ?? 0, 8);
  }
  return flips;
}

describe('simulated futures P&L', () => {
  it('equals the journal computation fill by fill, flips included (demo history)', () => {
    const flips = check(demoSimulatorOptions(Date.UTC(2026, 10, 22)).history as HistoryOptions);
    // The demo has flips: the case this test exists for is exercised.
    expect(flips).toBeGreaterThan(0);
  });

  it('equals the journal computation on other seeds', () => {
    const end = Date.UTC(2026, 10, 22);
    for (const seed of [1, 7, 42]) {
      check({ seed, start: end - 60 * 86_400_000, end, listedSpot: 2, listedLinear: 3, tradedSpot: 1, tradedLinear: 3, trades: 300, deposits: 0, withdrawals: 0 });
    }
  });

  it('equals it with Bybit ids too: the fills of one millisecond of a flipping order close before they open', () => {
    // UUID ids put a flipping order's opening fill first about half of the time; closedSize says
    // which fills closed. Many seeds, so that same-millisecond flips are surely among them.
    const end = Date.UTC(2026, 10, 22);
    let sameMsFlips = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const options = { seed, start: end - 60 * 86_400_000, end, listedSpot: 1, listedLinear: 3, tradedSpot: 0, tradedLinear: 3, trades: 300, deposits: 0, withdrawals: 0 };
      check(options, 'bybit');
      const trades = generateHistory(options).trades.filter((t) => t.marketType === 'linear');
      sameMsFlips += trades.filter((t) => Number(t.closedQty) > 0 && Number(t.closedQty) < Number(t.qty) && trades.some((o) => o !== t && o.orderId === t.orderId && o.time === t.time)).length;
    }
    expect(sameMsFlips).toBeGreaterThan(0);
  });
});
