import { describe, expect, it } from 'vitest';
import { linearSymbolsWithoutFills } from './linear-evidence';

const base = {
  unasked: ['BTC/USDT:USDT', 'ETH/USDT:USDT', 'SOL/USDT:USDT', 'XRP/USDT:USDT'],
  incomeSymbols: new Set(['ETH/USDT:USDT']),
  openPositions: new Set(['SOL/USDT:USDT']),
  incomeCoveredFrom: 1_000,
  searchStart: 1_000,
};

describe('USD-M symbols the income stream proves untraded', () => {
  it('spares the symbols with no income row and no open position', () => {
    expect(linearSymbolsWithoutFills(base)).toEqual(['BTC/USDT:USDT', 'XRP/USDT:USDT']);
  });

  it('spares none when income did not cover the whole search span, or did not run to its end', () => {
    // Income is served for 3 months, fills for 6: a search that starts earlier needs the search.
    expect(linearSymbolsWithoutFills({ ...base, incomeCoveredFrom: 1_001 })).toEqual([]);
    expect(linearSymbolsWithoutFills({ ...base, incomeCoveredFrom: null })).toEqual([]);
  });
});
