import { describe, expect, it } from 'vitest';
import { emptyTotals } from '../../../db/aggregates';
import { EMPTY_FILTERS } from '../filters';
import { dashboardAccountIds, statsFilterFor, sumTotals, totalsFiltersFor } from './scope';

describe('dashboard account scope', () => {
  it('uses the multi-pick, else the filter bar account, else all accounts', () => {
    expect(dashboardAccountIds({ accountId: 'a' }, ['b', 'c'])).toEqual(['b', 'c']);
    expect(dashboardAccountIds({ accountId: 'a' }, null)).toEqual(['a']);
    expect(dashboardAccountIds({ accountId: null }, null)).toBeNull();
  });

  it('queries the stats tables once per account, with the same day range', () => {
    const filters = { ...EMPTY_FILTERS, accountId: 'ignored', symbol: 'BTC/USDT', fromDate: '1970-01-02', toDate: '1970-01-03' };
    expect(totalsFiltersFor(filters, ['a', 'b'])).toEqual([
      { accountId: 'a', symbol: 'BTC/USDT', fromDay: 1, toDay: 2 },
      { accountId: 'b', symbol: 'BTC/USDT', fromDay: 1, toDay: 2 },
    ]);
    expect(totalsFiltersFor(filters, null)).toEqual([{ symbol: 'BTC/USDT', fromDay: 1, toDay: 2 }]);
  });

  it('passes the accounts to computeStats', () => {
    expect(statsFilterFor({ ...EMPTY_FILTERS, accountId: 'x' }, ['a', 'b'])).toEqual({ accountIds: ['a', 'b'] });
    expect(statsFilterFor({ ...EMPTY_FILTERS, accountId: 'x' }, null)).toEqual({});
  });

  it('sums totals including fees per currency', () => {
    const a = { ...emptyTotals(), count: 2, volume: 10, fees: { USDT: 1 } };
    const b = { ...emptyTotals(), count: 3, volume: 5, fees: { USDT: 0.5, BNB: 0.1 } };
    expect(sumTotals([a, b])).toMatchObject({ count: 5, volume: 15, fees: { USDT: 1.5, BNB: 0.1 } });
  });
});
