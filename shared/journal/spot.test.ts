import { describe, expect, it } from 'vitest';
import { computeJournal, JournalBook } from './book';
import { SpotBook } from './spot';
import { fill, income, spotFill } from '../../testing/journal/fixtures';

describe('SpotBook', () => {
  it('fee in BASE shrinks the lot and is booked at the fill price: net equals the cash flow', () => {
    const book = new SpotBook();
    // Buy 1 BTC @100 paying 0.001 BTC: lot = 0.999 BTC @100, fee = 0.001 x 100 = 0.1 USDT.
    const buy = book.add(spotFill({ id: 1, t: 1, side: 'buy', price: 100, amount: 1, fee: 0.001, feeCurrency: 'BTC' }));
    expect(buy.openedQty).toBeCloseTo(0.999, 12);
    expect(buy.fee).toBeCloseTo(0.1, 12);
    // Sell the 0.999 @110 paying 0.10989 USDT (0.1% of 109.89).
    const sell = book.add(spotFill({ id: 2, t: 2, side: 'sell', price: 110, amount: 0.999, fee: 0.10989, feeCurrency: 'USDT' }));
    // realized = 0.999 x (110 - 100) = 9.99
    expect(sell.realizedPnl).toBeCloseTo(9.99, 10);
    const p = book.snapshot().positions[0];
    expect(p?.status).toBe('closed');
    // fees = 0.1 + 0.10989 = 0.20989; net = 9.99 - 0.20989 = 9.78011.
    expect(p?.fees).toBeCloseTo(0.20989, 10);
    expect(p?.netPnl).toBeCloseTo(9.78011, 10);
    // Cash check: paid 100 USDT, received 109.89 - 0.10989 = 109.78011 USDT -> +9.78011.
    expect(p?.netPnl).toBeCloseTo(0.999 * 110 - 0.10989 - 100, 10);
  });

  it('fee in BASE on a sell consumes lots too', () => {
    const book = new SpotBook();
    book.add(spotFill({ id: 1, t: 1, side: 'buy', price: 100, amount: 2 }));
    // Sell 1 @110 paying 0.01 BTC: consumes 1.01 BTC; realized 1.01 x 10 = 10.1; fee 0.01 x 110 = 1.1.
    const out = book.add(spotFill({ id: 2, t: 2, side: 'sell', price: 110, amount: 1, fee: 0.01, feeCurrency: 'BTC' }));
    expect(out.realizedPnl).toBeCloseTo(10.1, 10);
    expect(out.fee).toBeCloseTo(1.1, 10);
    expect(out.netPnl).toBeCloseTo(9, 10);
    const p = book.snapshot().positions[0];
    // Cash: -200 + 110, plus 0.99 BTC left at cost 100 = 99 -> +9.
    expect(p?.openQty).toBeCloseTo(0.99, 12);
    expect(p?.closedQty).toBeCloseTo(1, 12);
    expect(p?.status).toBe('open');
  });

  it('consumes lots FIFO across buys and closes the round trip at flat', () => {
    const book = new SpotBook();
    book.add(spotFill({ id: 1, t: 1, side: 'buy', price: 100, amount: 1 }));
    book.add(spotFill({ id: 2, t: 2, side: 'buy', price: 120, amount: 1 }));
    // 1 x (130 - 100) + 0.5 x (130 - 120) = 30 + 5 = 35
    expect(book.add(spotFill({ id: 3, t: 3, side: 'sell', price: 130, amount: 1.5 })).realizedPnl).toBeCloseTo(35, 10);
    // 0.5 x (110 - 120) = -5
    expect(book.add(spotFill({ id: 4, t: 4, side: 'sell', price: 110, amount: 0.5 })).realizedPnl).toBeCloseTo(-5, 10);
    book.add(spotFill({ id: 5, t: 10, side: 'buy', price: 50, amount: 3 }));
    const [a, b] = book.snapshot().positions;
    expect(a?.status).toBe('closed');
    expect(a?.realizedPnl).toBeCloseTo(30, 10);
    expect(a?.avgEntryPrice).toBeCloseTo(110, 10);
    // (1.5 x 130 + 0.5 x 110) / 2 = (195 + 55) / 2 = 125
    expect(a?.avgExitPrice).toBeCloseTo(125, 10);
    expect(a?.maxQty).toBeCloseTo(2, 12);
    expect(a?.closedAt).toBe(4);
    expect(b?.status).toBe('open');
    expect(b?.openQty).toBe(3);
    expect(b?.openedAt).toBe(10);
  });

  it('reports sells without inventory as unmatched, never as negative lots', () => {
    const book = new SpotBook();
    const orphan = book.add(spotFill({ id: 1, t: 1, side: 'sell', price: 50, amount: 2, fee: 0.1 }));
    expect(orphan.unmatchedQty).toBe(2);
    expect(orphan.realizedPnl).toBe(0);
    expect(orphan.positionIds).toEqual([]);
    book.add(spotFill({ id: 2, t: 2, side: 'buy', price: 40, amount: 1 }));
    // Sell 1.5 @60 with 1 in inventory: realized 1 x 20 = 20; 0.5 unmatched.
    // Fee 0.9 split by matched quantity: 0.9 x (1/1.5) = 0.6 to the round trip, 0.3 unmatched.
    const out = book.add(spotFill({ id: 3, t: 3, side: 'sell', price: 60, amount: 1.5, fee: 0.9 }));
    expect(out.realizedPnl).toBeCloseTo(20, 10);
    expect(out.unmatchedQty).toBeCloseTo(0.5, 12);
    const snap = book.snapshot();
    expect(snap.positions).toHaveLength(1);
    const p = snap.positions[0];
    expect(p?.status).toBe('closed');
    expect(p?.unmatchedQty).toBeCloseTo(0.5, 12);
    expect(p?.fees).toBeCloseTo(0.6, 12);
    expect(p?.netPnl).toBeCloseTo(19.4, 10);
    expect(snap.unmatchedSells.map((u) => [u.qty, u.fee])).toEqual([
      [2, 0.1],
      [expect.closeTo(0.5, 12), expect.closeTo(0.3, 12)],
    ]);
    // A buy after that starts from a clean, empty inventory.
    book.add(spotFill({ id: 4, t: 4, side: 'buy', price: 10, amount: 1 }));
    expect(book.snapshot().positions[1]?.openQty).toBe(1);
  });

  it('keeps fees in a third currency apart unless converted', () => {
    const j = computeJournal([
      spotFill({ id: 1, t: 1, side: 'buy', price: 100, amount: 1, fee: 0.001, feeCurrency: 'BNB' }),
      spotFill({ id: 2, t: 2, side: 'sell', price: 100, amount: 1, fee: 0.001, feeCurrency: 'BNB' }),
    ]);
    expect(j.positions[0]?.fees).toBe(0);
    expect(j.positions[0]?.feesOther).toEqual({ BNB: 0.002 });
  });
});

describe('SpotBook dust', () => {
  it('closes a round trip that leaves lot-size dust only when dustRatio allows it', () => {
    const trades = [
      spotFill({ id: 1, t: 1, side: 'buy', price: 100, amount: 1, fee: 0.001, feeCurrency: 'BTC' }),
      // 0.999 in inventory; the exchange's step size lets the user sell 0.9989 only.
      spotFill({ id: 2, t: 2, side: 'sell', price: 110, amount: 0.9989 }),
    ];
    expect(computeJournal(trades).positions[0]?.status).toBe('open');
    const loose = computeJournal(trades, [], { dustRatio: 0.001 }).positions[0];
    expect(loose?.status).toBe('closed');
    // dust = 0.999 - 0.9989 = 0.0001, below 0.001 x 0.999
    expect(loose?.dustQty).toBeCloseTo(0.0001, 12);
    // realized 0.9989 x 10 = 9.989; the dust realizes nothing
    expect(loose?.realizedPnl).toBeCloseTo(9.989, 10);
  });
});

describe('JournalBook / computeJournal', () => {
  it('routes by market type, keeps per-fill outcomes and ignores non-funding income', () => {
    const j = computeJournal(
      [
        fill({ id: 2, t: 2, side: 'sell', price: 110, amount: 1 }),
        fill({ id: 1, t: 1, side: 'buy', price: 100, amount: 1 }),
        spotFill({ id: 1, t: 1, side: 'buy', price: 10, amount: 1 }),
      ],
      [income({ id: 'a', t: 1, amount: 5, type: 'REALIZED_PNL' }), income({ id: 'b', t: 2, amount: -0.25 })],
    );
    expect(j.positions.map((p) => p.kind).sort()).toEqual(['futures', 'spot']);
    const futures = j.positions.find((p) => p.kind === 'futures');
    // 1 x (110 - 100) + funding -0.25 (at t=2, the closing instant: still open)
    expect(futures?.netPnl).toBeCloseTo(9.75, 12);
    expect(j.fills.size).toBe(3);
    const closing = [...j.fills.values()].find((o) => o.closedQty > 0);
    expect(closing?.realizedPnl).toBeCloseTo(10, 12);
  });

  it('handles zero fills', () => {
    const book = new JournalBook();
    expect(book.snapshot()).toEqual({ positions: [], unmatchedSells: [], unattributedFunding: [] });
  });
});
