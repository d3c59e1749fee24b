import { describe, expect, it } from 'vitest';
import { computeJournal } from './book';
import { conversionEvents, conversionsOf, isConvertFill, pairOf, writeOffSymbol } from './conversions';
import { spotFill, walletFlow } from '../../testing/journal/fixtures';

describe('conversionEvents', () => {
  it('a convert from a quote asset is a buy on the pair at from/to, with no fee', () => {
    const { fills, writeOffs } = conversionEvents(walletFlow({ kind: 'convert', id: 'q1', t: 5, legs: [['USDT', -1000], ['BTC', 0.02]] }));
    expect(writeOffs).toEqual([]);
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({ key: 'binance|acc1|convert|q1', symbol: 'BTC/USDT', marketType: 'spot', side: 'buy', amount: 0.02, cost: 1000, feeCost: 0, timestamp: 5 });
    expect(fills[0]?.price).toBeCloseTo(50_000, 9);
    expect(isConvertFill(fills[0] ?? spotFill({ id: 1, t: 1, side: 'buy', price: 1, amount: 1 }))).toBe(true);
  });

  it('a convert into a quote asset is a sell of the amount given', () => {
    const [sell] = conversionEvents(walletFlow({ kind: 'convert', id: 'q2', t: 5, legs: [['ETH', -2], ['BTC', 0.1]] })).fills;
    // BTC ranks above ETH as a quote: the pair is ETH/BTC, selling 2 ETH at 0.05.
    expect(sell).toMatchObject({ symbol: 'ETH/BTC', side: 'sell', amount: 2, cost: 0.1 });
    expect(sell?.price).toBeCloseTo(0.05, 12);
  });

  it('a convert between two non-quote assets writes the given asset off its USDT pair; dust writes off every small asset', () => {
    expect(pairOf('DOGE', 'SHIB')).toBeNull();
    const c = conversionEvents(walletFlow({ kind: 'convert', id: 'q3', t: 7, legs: [['DOGE', -100], ['SHIB', 5e6]] }));
    expect(c.fills).toEqual([]);
    expect(c.writeOffs).toEqual([{ key: 'binance|acc1|convert|q3#DOGE', accountId: 'acc1', exchange: 'binance', symbol: 'DOGE/USDT', timestamp: 7, tradeId: 'convert-q3', amount: 100 }]);
    const d = conversionEvents(walletFlow({ kind: 'dust', id: 'd1', t: 9, legs: [['ADA', -0.5], ['USDT', -0.01], ['BNB', 0.0003]] }));
    // USDT is cash (no position); BNB is what came in.
    expect(d.writeOffs.map((w) => [w.symbol, w.amount])).toEqual([['ADA/USDT', 0.5]]);
    expect(writeOffSymbol('USDC')).toBeNull();
    expect(conversionEvents(walletFlow({ kind: 'reward', id: 'r', t: 1, legs: [['BTC', 1]] }))).toEqual({ fills: [], writeOffs: [] });
  });
});

describe('spot books with converts and dust', () => {
  it('bought by convert, sold on spot: realized P&L by hand', () => {
    const flows = [
      // t1: 1000 USDT -> 0.02 BTC by Convert: a buy of 0.02 @ 50,000.
      walletFlow({ kind: 'convert', id: 'c1', t: 1, legs: [['USDT', -1000], ['BTC', 0.02]] }),
      // t4: dust 0.005 BTC -> BNB: the rest leaves at cost.
      walletFlow({ kind: 'dust', id: 'd1', t: 4, legs: [['BTC', -0.005], ['BNB', 0.0009]] }),
    ];
    const conv = conversionsOf(flows);
    const trades = [
      // t2: buy 0.01 @ 40,000 on the spot book, fee 0.4 USDT.
      spotFill({ id: 2, t: 2, side: 'buy', price: 40_000, amount: 0.01, fee: 0.4 }),
      // t3: sell 0.025 @ 60,000, fee 1.5 USDT.
      spotFill({ id: 3, t: 3, side: 'sell', price: 60_000, amount: 0.025, fee: 1.5 }),
    ];
    const j = computeJournal([...trades, ...conv.fills], [], {}, conv.writeOffs);
    // FIFO: 0.02 x (60,000 - 50,000) = 200, then 0.005 x (60,000 - 40,000) = 100 -> 300.
    expect(j.fills.get(trades[1]?.key ?? '')?.realizedPnl).toBeCloseTo(300, 9);
    expect(j.positions).toHaveLength(1);
    const p = j.positions[0];
    expect(p?.id).toBe('binance|acc1|convert|c1');
    expect(p?.realizedPnl).toBeCloseTo(300, 9);
    // fees 0.4 + 1.5; the convert has none.
    expect(p?.fees).toBeCloseTo(1.9, 9);
    expect(p?.netPnl).toBeCloseTo(298.1, 9);
    // The dust left 0.005 BTC (cost 200 USDT) out at cost: closed, nothing realized, no oversell.
    expect(p?.status).toBe('closed');
    expect(p?.closedAt).toBe(4);
    expect(p?.openQty).toBe(0);
    expect(p?.dustQty).toBeCloseTo(0.005, 12);
    expect(p?.fillCount).toBe(4);
    expect(j.unmatchedSells).toEqual([]);
    expect(p?.entryQty).toBeCloseTo(0.03, 12);
    // (0.02 x 50,000 + 0.01 x 40,000) / 0.03
    expect(p?.avgEntryPrice).toBeCloseTo(1400 / 0.03, 6);
  });

  it('sold by convert: the convert closes what spot bought', () => {
    const conv = conversionsOf([walletFlow({ kind: 'convert', id: 'c2', t: 2, legs: [['BTC', -1], ['USDT', 110]] })]);
    const buy = spotFill({ id: 1, t: 1, side: 'buy', price: 100, amount: 1, fee: 0.1 });
    const j = computeJournal([buy, ...conv.fills]);
    expect(j.fills.get('binance|acc1|convert|c2')?.realizedPnl).toBeCloseTo(10, 12);
    expect(j.positions[0]).toMatchObject({ status: 'closed', closedAt: 2, openQty: 0 });
    expect(j.positions[0]?.netPnl).toBeCloseTo(9.9, 12);
  });

  it('a write-off without inventory changes nothing and a negative amount is refused', () => {
    const w = { key: 'w', accountId: 'acc1', exchange: 'binance' as const, symbol: 'BTC/USDT', timestamp: 1, tradeId: 'dust-1', amount: 1 };
    expect(computeJournal([], [], {}, [w]).positions).toEqual([]);
    expect(() => computeJournal([], [], {}, [{ ...w, amount: -1 }])).toThrow(/cannot be used for P&L/);
  });
});
