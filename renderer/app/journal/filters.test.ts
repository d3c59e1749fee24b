import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, dateRange, filtersKey, matchesTrade, parseDateInput, toStatsFilter, toTotalsFilter, toTradeFilter } from './filters';

const DAY = 86_400_000;

describe('journal filters -> query params', () => {
  it('parses date inputs as UTC days and refuses impossible dates', () => {
    expect(parseDateInput('2026-03-05')).toBe(Date.UTC(2026, 2, 5));
    expect(parseDateInput('2026-02-30')).toBeNull();
    expect(parseDateInput('')).toBeNull();
    expect(parseDateInput('5.3.2026')).toBeNull();
  });

  it('empty filters give empty query params', () => {
    expect(toTradeFilter(EMPTY_FILTERS)).toEqual({});
    expect(toTotalsFilter(EMPTY_FILTERS)).toEqual({});
    expect(toStatsFilter(EMPTY_FILTERS)).toEqual({});
  });

  it('maps account, symbol, side and an inclusive day range onto newestTrades', () => {
    const f = { ...EMPTY_FILTERS, accountId: 'a1', symbol: 'BTC/USDT', side: 'sell' as const, fromDate: '2026-01-01', toDate: '2026-01-31' };
    expect(toTradeFilter(f)).toEqual({ accountId: 'a1', symbol: 'BTC/USDT', side: 'sell', from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 1, 1) - 1 });
  });

  it('maps the range onto stats-table day numbers (inclusive) and computeStats ms (to exclusive)', () => {
    const f = { ...EMPTY_FILTERS, fromDate: '2026-01-01', toDate: '2026-01-01' };
    const day = Date.UTC(2026, 0, 1) / DAY;
    expect(toTotalsFilter(f)).toEqual({ fromDay: day, toDay: day });
    expect(toStatsFilter(f)).toEqual({ from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 0, 2) });
    expect(toStatsFilter({ ...EMPTY_FILTERS, accountId: 'a', symbol: 's' })).toEqual({ accountIds: ['a'], symbols: ['s'] });
  });

  it('keeps one open end of the range', () => {
    expect(dateRange({ fromDate: '', toDate: '2026-01-01' })).toEqual({ to: Date.UTC(2026, 0, 2) - 1 });
    expect(dateRange({ fromDate: '2026-01-01', toDate: 'nonsense' })).toEqual({ from: Date.UTC(2026, 0, 1) });
  });

  it('matchesTrade applies the same bounds as the index query', () => {
    const filter = toTradeFilter({ ...EMPTY_FILTERS, side: 'buy', fromDate: '2026-01-01', toDate: '2026-01-01' });
    const base = { accountId: 'a', symbol: 'X', side: 'buy' as const, timestamp: Date.UTC(2026, 0, 1, 23, 59, 59, 999) };
    expect(matchesTrade(filter, base)).toBe(true);
    expect(matchesTrade(filter, { ...base, timestamp: Date.UTC(2026, 0, 2) })).toBe(false);
    expect(matchesTrade(filter, { ...base, side: 'sell' })).toBe(false);
  });

  it('filtersKey changes with every field', () => {
    const keys = new Set([
      EMPTY_FILTERS, { ...EMPTY_FILTERS, accountId: 'a' }, { ...EMPTY_FILTERS, symbol: 'a' }, { ...EMPTY_FILTERS, side: 'buy' as const },
      { ...EMPTY_FILTERS, fromDate: '2026-01-01' }, { ...EMPTY_FILTERS, toDate: '2026-01-01' }, { ...EMPTY_FILTERS, tag: 'a' },
    ].map(filtersKey));
    expect(keys.size).toBe(7);
  });
});

describe('date filters in the trader\'s zone', () => {
  it('a day means that zone\'s midnight to midnight', () => {
    expect(dateRange({ fromDate: '2024-03-02', toDate: '2024-03-02' }, 'Asia/Shanghai')).toEqual({
      from: Date.parse('2024-03-01T16:00:00Z'), to: Date.parse('2024-03-02T16:00:00Z') - 1,
    });
    expect(dateRange({ fromDate: '2024-07-04', toDate: '' }, 'America/New_York')).toEqual({ from: Date.parse('2024-07-04T04:00:00Z') });
    expect(toStatsFilter({ ...EMPTY_FILTERS, fromDate: '2024-03-02', toDate: '2024-03-02' }, 'Asia/Shanghai')).toEqual({
      from: Date.parse('2024-03-01T16:00:00Z'), to: Date.parse('2024-03-02T16:00:00Z'),
    });
  });
});
