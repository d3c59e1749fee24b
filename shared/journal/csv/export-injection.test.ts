import { describe, expect, it } from 'vitest';
import { parseCsv } from './rfc4180';
import { safeText, tradesToCsv } from './export';
import { fill } from '../../../testing/journal/fixtures';

describe('CSV export against formula injection', () => {
  it('neutralizes text cells that a spreadsheet would run as a formula', () => {
    for (const hostile of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(safeText(hostile).startsWith("'")).toBe(true);
    }
    expect(safeText('BTC/USDT')).toBe('BTC/USDT');
  });

  it('keeps numbers numeric (negative P&L is not prefixed) while hostile ids are', () => {
    const trade = fill({ id: '=cmd|calc!A1', side: 'sell', price: 100, amount: 1, t: 1_700_000_000_000, exchangeRealizedPnl: -5.5 });
    const records = parseCsv(tradesToCsv([trade])).records.map((r) => r.fields);
    const header = records[0] ?? [];
    const row = records[1] ?? [];
    expect(row[header.indexOf('tradeId')]).toBe("'=cmd|calc!A1");
    expect(row.some((cell) => cell === '-5.5')).toBe(true);
  });
});
