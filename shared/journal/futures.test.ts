import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { computeJournal } from './book';
import { FuturesBook } from './futures';
import { fill, income } from '../../testing/journal/fixtures';

describe('FuturesBook', () => {
  it('open -> increase -> partial close -> flat, with weighted entry/exit and quote fees', () => {
    const book = new FuturesBook();
    book.add(fill({ id: 1, t: 1000, side: 'buy', price: 100, amount: 1, fee: 0.1 }));
    book.add(fill({ id: 2, t: 2000, side: 'buy', price: 110, amount: 1, fee: 0.1 }));
    // avg entry = (1x100 + 1x110) / 2 = 105
    const partial = book.add(fill({ id: 3, t: 3000, side: 'sell', price: 120, amount: 0.5, fee: 0.05 }));
    // 0.5 x (120 - 105) x +1 = 7.5
    expect(partial.realizedPnl).toBeCloseTo(7.5, 10);
    expect(partial.netPnl).toBeCloseTo(7.45, 10);
    let snap = book.snapshot();
    expect(snap.positions).toHaveLength(1);
    expect(snap.positions[0]?.status).toBe('open');
    expect(snap.positions[0]?.openQty).toBeCloseTo(1.5, 12);
    const last = book.add(fill({ id: 4, t: 5000, side: 'sell', price: 100, amount: 1.5, fee: 0.15 }));
    // 1.5 x (100 - 105) = -7.5
    expect(last.realizedPnl).toBeCloseTo(-7.5, 10);
    snap = book.snapshot();
    const p = snap.positions[0];
    expect(p).toBeDefined();
    if (p === undefined) return;
    expect(p.status).toBe('closed');
    expect(p.direction).toBe('long');
    expect(p.avgEntryPrice).toBeCloseTo(105, 10);
    // avg exit = (0.5x120 + 1.5x100) / 2 = 210 / 2 = 105
    expect(p.avgExitPrice).toBeCloseTo(105, 10);
    expect(p.maxQty).toBeCloseTo(2, 12);
    expect(p.realizedPnl).toBeCloseTo(0, 10);
    // fees 0.1 + 0.1 + 0.05 + 0.15 = 0.4; net = 0 - 0.4
    expect(p.fees).toBeCloseTo(0.4, 10);
    expect(p.netPnl).toBeCloseTo(-0.4, 10);
    expect(p.openedAt).toBe(1000);
    expect(p.closedAt).toBe(5000);
    expect(p.durationMs).toBe(4000);
    expect(p.fillCount).toBe(4);
  });

  it('short positions realize qty x (exit - entry) x -1', () => {
    const book = new FuturesBook();
    book.add(fill({ id: 1, t: 1, side: 'sell', price: 200, amount: 2 }));
    const out = book.add(fill({ id: 2, t: 2, side: 'buy', price: 190, amount: 2 }));
    // 2 x (190 - 200) x -1 = +20
    expect(out.realizedPnl).toBeCloseTo(20, 10);
    const p = book.snapshot().positions[0];
    expect(p?.direction).toBe('short');
    expect(p?.status).toBe('closed');
  });

  it('splits a flip fill: closing part closes, rest opens the other way, fee pro rata', () => {
    const book = new FuturesBook();
    book.add(fill({ id: 1, t: 1, side: 'buy', price: 100, amount: 1, fee: 0 }));
    // Sell 3 @ 110, fee 0.3: closes 1 (realized 1 x 10 = 10, fee 0.3 x 1/3 = 0.1),
    // opens a 2 short @110 with fee 0.3 x 2/3 = 0.2.
    const out = book.add(fill({ id: 2, t: 2, side: 'sell', price: 110, amount: 3, fee: 0.3 }));
    expect(out.realizedPnl).toBeCloseTo(10, 10);
    expect(out.closedQty).toBeCloseTo(1, 12);
    expect(out.openedQty).toBeCloseTo(2, 12);
    expect(out.positionIds).toHaveLength(2);
    const [a, b] = book.snapshot().positions;
    expect(a?.status).toBe('closed');
    expect(a?.fees).toBeCloseTo(0.1, 12);
    expect(a?.netPnl).toBeCloseTo(9.9, 10);
    expect(b?.status).toBe('open');
    expect(b?.direction).toBe('short');
    expect(b?.openQty).toBeCloseTo(2, 12);
    expect(b?.avgEntryPrice).toBeCloseTo(110, 12);
    expect(b?.fees).toBeCloseTo(0.2, 12);
    expect(b?.openedAt).toBe(2);
    // The flip fill belongs to both; ids are the opening fills' keys.
    expect(out.positionIds).toEqual([a?.id, b?.id]);
    expect(a?.fillCount).toBe(2);
    expect(b?.fillCount).toBe(1);
    expect(b?.id).toBe(out.key);
  });

  it('splits an other-currency fee of a flip pro rata too', () => {
    const book = new FuturesBook();
    book.add(fill({ id: 1, t: 1, side: 'sell', price: 100, amount: 1 }));
    // Buy 4 @90: closes the 1 short (realized 1 x (90 - 100) x -1 = +10), opens 3 long.
    // BNB fee 0.04 -> 0.01 to the short, 0.03 to the long.
    const out = book.add(fill({ id: 2, t: 2, side: 'buy', price: 90, amount: 4, fee: 0.04, feeCurrency: 'BNB' }));
    expect(out.realizedPnl).toBeCloseTo(10, 12);
    const [a, b] = book.snapshot().positions;
    expect(a?.feesOther.BNB).toBeCloseTo(0.01, 12);
    expect(b?.feesOther.BNB).toBeCloseTo(0.03, 12);
    expect(b?.direction).toBe('long');
    expect(b?.openQty).toBe(3);
  });

  it('orders equal timestamps by numeric trade id (9 before 10), not lexically', () => {
    const trades = [
      fill({ id: 10, t: 5, side: 'sell', price: 110, amount: 1 }),
      fill({ id: 9, t: 5, side: 'buy', price: 100, amount: 1 }),
    ];
    // Lexically "10" < "9" would sell first and open a short; numerically the buy comes first.
    const j = computeJournal(trades);
    expect(j.positions).toHaveLength(1);
    expect(j.positions[0]?.direction).toBe('long');
    expect(j.positions[0]?.realizedPnl).toBeCloseTo(10, 10);
  });

  it('refuses out-of-order and repeated fills with INVALID_INPUT', () => {
    const book = new FuturesBook();
    const f2 = fill({ id: 2, t: 10, side: 'buy', price: 1, amount: 1 });
    book.add(f2);
    expect(() => book.add(fill({ id: 1, t: 10, side: 'buy', price: 1, amount: 1 }))).toThrowError(AppError);
    expect(() => book.add(f2)).toThrowError(/time order/);
    // A different symbol has its own order.
    expect(() => book.add(fill({ id: 1, t: 1, side: 'buy', price: 1, amount: 1, symbol: 'ETH/USDT:USDT' }))).not.toThrow();
  });

  it('values base-currency fees at the fill price and keeps other currencies apart', () => {
    const book = new FuturesBook();
    book.add(fill({ id: 1, t: 1, side: 'buy', price: 100, amount: 1, fee: 0.001, feeCurrency: 'BTC' }));
    book.add(fill({ id: 2, t: 2, side: 'sell', price: 100, amount: 1, fee: 0.02, feeCurrency: 'BNB' }));
    const p = book.snapshot().positions[0];
    // 0.001 BTC x 100 = 0.1 USDT; BNB stays out of quote P&L.
    expect(p?.fees).toBeCloseTo(0.1, 12);
    expect(p?.feesOther).toEqual({ BNB: 0.02 });
    expect(p?.netPnl).toBeCloseTo(-0.1, 12);

    // With a conversion price (1 BNB = 300 USDT) the BNB fee joins quote fees: 0.02 x 300 = 6.
    const priced = new FuturesBook({ convertToQuote: (currency, amount) => (currency === 'BNB' ? amount * 300 : null) });
    priced.add(fill({ id: 1, t: 1, side: 'buy', price: 100, amount: 1 }));
    priced.add(fill({ id: 2, t: 2, side: 'sell', price: 100, amount: 1, fee: 0.02, feeCurrency: 'BNB' }));
    expect(priced.snapshot().positions[0]?.fees).toBeCloseTo(6, 10);
  });

  it('attributes funding by time while open; fills at the funding instant come after it', () => {
    const book = new FuturesBook();
    // Funding can be added first (a merge walk drains it as fills pass its time).
    book.addIncome(income({ id: 'f0', t: 50, amount: 9 })); // before any position: unattributed
    book.addIncome(income({ id: 'f1', t: 200, amount: -1.5 })); // position A open
    book.addIncome(income({ id: 'f2', t: 300, amount: 0.5 })); // A closes exactly at 300: still A
    book.addIncome(income({ id: 'f3', t: 400, amount: 7 })); // flat between 300 and 500
    book.addIncome(income({ id: 'f4', t: 500, amount: 3 })); // B opens at 500: not B's
    book.addIncome(income({ id: 'x', t: 200, amount: 100, type: 'REALIZED_PNL' })); // ignored
    book.add(fill({ id: 1, t: 100, side: 'buy', price: 100, amount: 1 }));
    book.add(fill({ id: 2, t: 300, side: 'sell', price: 110, amount: 1 }));
    book.add(fill({ id: 3, t: 500, side: 'buy', price: 100, amount: 1 }));
    book.addIncome(income({ id: 'f5', t: 600, amount: -2 })); // B open (pending, tentative)
    const snap = book.snapshot();
    const [a, b] = snap.positions;
    // A: funding -1.5 + 0.5 = -1; net = 10 - 0 + (-1) = 9
    expect(a?.funding).toBeCloseTo(-1, 12);
    expect(a?.netPnl).toBeCloseTo(9, 12);
    expect(b?.funding).toBeCloseTo(-2, 12);
    expect(snap.unattributedFunding.map((u) => u.incomeKey.split('|').pop())).toEqual(['f0', 'f3', 'f4']);

    // A pending row is only tentative: a later fill before its time can close B first.
    book.add(fill({ id: 4, t: 550, side: 'sell', price: 100, amount: 1 }));
    const after = book.snapshot();
    expect(after.positions[1]?.funding).toBe(0);
    expect(after.unattributedFunding).toHaveLength(4);
  });

  it('attributes late funding rows (older than the last fill) by binary search', () => {
    const book = new FuturesBook();
    book.add(fill({ id: 1, t: 100, side: 'sell', price: 100, amount: 1 }));
    book.add(fill({ id: 2, t: 300, side: 'buy', price: 100, amount: 1 }));
    book.add(fill({ id: 3, t: 400, side: 'buy', price: 100, amount: 2 }));
    book.addIncome(income({ id: 'late1', t: 150, amount: 1 }));
    book.addIncome(income({ id: 'late2', t: 450, amount: 2 }));
    book.addIncome(income({ id: 'late3', t: 350, amount: 4 }));
    const [a, b] = book.snapshot().positions;
    expect(a?.funding).toBe(1);
    expect(b?.funding).toBe(2);
    expect(book.snapshot().unattributedFunding.map((u) => u.amount)).toEqual([4]);
  });

  it('accepts funding rows newest first', () => {
    const book = new FuturesBook();
    for (const t of [700, 500, 300, 100]) book.addIncome(income({ id: `f${t}`, t, amount: 1 }));
    book.add(fill({ id: 1, t: 200, side: 'buy', price: 100, amount: 1 }));
    book.add(fill({ id: 2, t: 600, side: 'sell', price: 100, amount: 1 }));
    // Open during (200, 600]: rows at 300 and 500; 100 and 700 match nothing.
    const snap = book.snapshot();
    expect(snap.positions[0]?.funding).toBe(2);
    expect(snap.unattributedFunding.map((u) => u.timestamp)).toEqual([100, 700]);
  });

  it('counts a funding row fed twice once', () => {
    const book = new FuturesBook();
    const row = income({ id: 'f', t: 5, amount: -1 });
    expect(book.addIncome(row)).toBe(true);
    expect(book.addIncome(row)).toBe(false);
    book.add(fill({ id: 1, t: 1, side: 'buy', price: 100, amount: 1 }));
    expect(book.snapshot().positions[0]?.funding).toBe(-1);
  });

  it('funding grace gives a row shortly after a close to the closed position', () => {
    const book = new FuturesBook({ fundingGraceMs: 1000 });
    book.add(fill({ id: 1, t: 0, side: 'buy', price: 100, amount: 1 }));
    book.add(fill({ id: 2, t: 28_800_000, side: 'sell', price: 100, amount: 1 }));
    book.addIncome(income({ id: 'g', t: 28_800_500, amount: -0.3 }));
    book.addIncome(income({ id: 'h', t: 28_802_000, amount: -0.3 }));
    const snap = book.snapshot();
    expect(snap.positions[0]?.funding).toBeCloseTo(-0.3, 12);
    expect(snap.unattributedFunding).toHaveLength(1);
  });

  it('treats float dust as flat (0.1 + 0.2 closed by 0.3)', () => {
    const book = new FuturesBook();
    book.add(fill({ id: 1, t: 1, side: 'buy', price: 10, amount: 0.1 }));
    book.add(fill({ id: 2, t: 2, side: 'buy', price: 10, amount: 0.2 }));
    const out = book.add(fill({ id: 3, t: 3, side: 'sell', price: 10, amount: 0.3 }));
    expect(out.positionIds).toHaveLength(1);
    const snap = book.snapshot();
    expect(snap.positions).toHaveLength(1);
    expect(snap.positions[0]?.status).toBe('closed');
    expect(snap.positions[0]?.openQty).toBe(0);
  });

  it('snapshots are independent copies', () => {
    const book = new FuturesBook();
    book.add(fill({ id: 1, t: 1, side: 'buy', price: 10, amount: 1 }));
    const before = book.snapshot();
    book.add(fill({ id: 2, t: 2, side: 'buy', price: 20, amount: 1 }));
    expect(before.positions[0]?.openQty).toBe(1);
    expect(before.positions[0]?.fillCount).toBe(1);
  });

  it('streams 30,000 fills in linear time', () => {
    const book = new FuturesBook();
    const started = Date.now();
    for (let i = 0; i < 30_000; i++) {
      // +1, +1, -2 cycles: a position every 3 fills.
      const phase = i % 3;
      book.add(fill({ id: i, t: i, side: phase === 2 ? 'sell' : 'buy', price: 100 + (i % 7), amount: phase === 2 ? 2 : 1 }));
      if (i % 1000 === 0) book.addIncome(income({ id: `f${i}`, t: i, amount: -0.01 }));
    }
    const snap = book.snapshot();
    expect(snap.positions.length).toBe(Math.ceil(30_000 / 3));
    // Generous bound: a quadratic scan would take minutes here.
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
