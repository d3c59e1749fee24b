import { describe, expect, it } from 'vitest';
import { compareFills, fillRef, sortFills } from './order';

const at = (tradeId: string, over: { amount?: number; exchangeClosedQty?: number | null; timestamp?: number } = {}) => ({ key: `k-${tradeId}`, tradeId, timestamp: 1000, ...over });

describe('compareFills', () => {
  it('orders by time, then by numeric trade id as digits (ids beyond 2^53 included)', () => {
    expect(compareFills(at('9', { timestamp: 1 }), at('1', { timestamp: 2 }))).toBeLessThan(0);
    expect(compareFills(at('9'), at('10'))).toBeLessThan(0);
    expect(compareFills(at('90071992547409930'), at('90071992547409921'))).toBeGreaterThan(0);
  });

  it('puts the fills of one millisecond that closed before the one that flipped, and that before fills that opened', () => {
    const opened = at('a', { amount: 2, exchangeClosedQty: 0 });
    const flipped = at('b', { amount: 2, exchangeClosedQty: 1 });
    const closed = at('c', { amount: 1, exchangeClosedQty: 1 });
    expect(sortFills([opened, flipped, closed]).map((f) => f.tradeId)).toEqual(['c', 'b', 'a']);
  });

  it('falls back to the id where the exchange does not say what a fill closed', () => {
    expect(sortFills([at('2'), at('1')]).map((f) => f.tradeId)).toEqual(['1', '2']);
    expect(compareFills(at('z', { amount: 1, exchangeClosedQty: 1 }), at('a', { timestamp: 1001 }))).toBeLessThan(0);
  });

  it('keeps what the rule needs in the reference a book stores', () => {
    expect(fillRef({ ...at('x', { amount: 3, exchangeClosedQty: 3 }) })).toEqual({ key: 'k-x', tradeId: 'x', timestamp: 1000, amount: 3, exchangeClosedQty: 3 });
    expect(fillRef(at('y', { amount: 3 }))).toEqual({ key: 'k-y', tradeId: 'y', timestamp: 1000 });
    // A stored reference orders the next fill exactly as the fill itself would.
    const closing = at('z', { amount: 1, exchangeClosedQty: 1 });
    const opening = at('a', { amount: 1, exchangeClosedQty: 0 });
    expect(compareFills(fillRef(closing), opening)).toBe(compareFills(closing, opening));
  });
});
