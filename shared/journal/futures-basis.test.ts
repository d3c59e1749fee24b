import { describe, expect, it } from 'vitest';
import { FuturesBook } from './futures';
import { fill } from '../../testing/journal/fixtures';

describe('FuturesBook: adding to a position after a partial close', () => {
  it('measures later closes against the open cost basis, not the lifetime average entry', () => {
    const book = new FuturesBook();
    // buy 2 @100; sell 1 @110: +10, 1 left at basis 100.
    book.add(fill({ id: 1, t: 1, side: 'buy', price: 100, amount: 2 }));
    expect(book.add(fill({ id: 2, t: 2, side: 'sell', price: 110, amount: 1 })).realizedPnl).toBeCloseTo(10, 9);
    // buy 1 @120: open 2 at basis (100 + 120) / 2 = 110 (lifetime average would be 320 / 3 = 106.67).
    book.add(fill({ id: 3, t: 3, side: 'buy', price: 120, amount: 1 }));
    // sell 2 @115: 2 x (115 - 110) = +10 (the lifetime average would claim +16.67).
    const last = book.add(fill({ id: 4, t: 4, side: 'sell', price: 115, amount: 2 }));
    expect(last.realizedPnl).toBeCloseTo(10, 9);
    // Cash flow check: -200 + 110 - 120 + 230 = +20, the sum of both closes.
    const [position] = book.snapshot().positions;
    expect(position?.realizedPnl).toBeCloseTo(20, 9);
    expect(position?.status).toBe('closed');
    // The displayed entry stays the lifetime average of all entries.
    expect(position?.avgEntryPrice).toBeCloseTo(320 / 3, 9);
  });

  it('a short increased after a partial cover uses the same running basis', () => {
    const book = new FuturesBook();
    book.add(fill({ id: 1, t: 1, side: 'sell', price: 50, amount: 4 }));
    // cover 2 @45: 2 x (50 - 45) = +10; 2 left short at 50.
    expect(book.add(fill({ id: 2, t: 2, side: 'buy', price: 45, amount: 2 })).realizedPnl).toBeCloseTo(10, 9);
    // sell 2 more @40: short 4 at basis (100 + 80) / 4 = 45.
    book.add(fill({ id: 3, t: 3, side: 'sell', price: 40, amount: 2 }));
    // cover 4 @42: 4 x (45 - 42) = +12. Cash: +200 - 90 + 80 - 168 = +22 = 10 + 12.
    expect(book.add(fill({ id: 4, t: 4, side: 'buy', price: 42, amount: 4 })).realizedPnl).toBeCloseTo(12, 9);
  });
});
