import { describe, expect, it } from 'vitest';
import { tradesToCsv } from '../../../../shared/journal/csv/export';
import { tradeTotals } from '../../../db/queries';
import { T0, makeTrade, newTestDb, range } from '../../../../testing/db/test-support';
import { previewImport } from './importPreview';
import { insertTrades } from '../../../db/insert-trades';

describe('CSV import write path', () => {
  it('stores new trades with stats and skips duplicates on a second import', async () => {
    const db = newTestDb('import');
    const trades = range(0, 2500).map((n) => makeTrade(n, { symbol: n % 2 === 0 ? 'BTC/USDT' : 'ETH/USDT' }));
    const progress: number[] = [];
    expect(await insertTrades(db, trades, { onProgress: (d) => progress.push(d) })).toEqual({ inserted: 2500, duplicates: 0 });
    expect(progress).toEqual([1000, 2000, 2500]);
    expect(await insertTrades(db, [...trades.slice(0, 10), makeTrade(9999)])).toEqual({ inserted: 1, duplicates: 10 });
    const totals = await tradeTotals(db, { accountId: 'acc1' });
    expect(totals.count).toBe(2501);
    // The day-range path reads the per-day stats tables: they were written in the same transactions.
    expect((await tradeTotals(db, { accountId: 'acc1', fromDay: 0, toDay: 1e6 })).count).toBe(2501);
    expect((await tradeTotals(db, { accountId: 'acc1', symbol: 'BTC/USDT', fromDay: 0, toDay: 1e6 })).count).toBe(1251);
    expect(await db.trades.count()).toBe(2501);
  });

  it('previews the app’s own export: rows ok, rejected lines with reasons, other exchanges refused', () => {
    const trades = range(0, 3).map((n) => makeTrade(n));
    const csv = tradesToCsv(trades).replace(/\r\n$/, '') + '\r\nnot,a,trade\r\n';
    const preview = previewImport(csv, { id: 'acc1', exchange: 'demo' }, { marketType: null, before: null });
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.result.trades.map((t) => t.key)).toEqual(trades.map((t) => t.key));
    expect(preview.result.rejected).toHaveLength(1);
    expect(preview.result.rejected[0]?.reasons.length).toBeGreaterThan(0);
    expect(preview.problems).toEqual([]);

    const wrong = previewImport(csv, { id: 'acc1', exchange: 'binance' }, { marketType: null, before: null });
    expect(wrong.ok && wrong.problems[0]).toContain('demo');

    const older = previewImport(csv, { id: 'acc1', exchange: 'demo' }, { marketType: null, before: T0 + 60_000 });
    expect(older.ok && older.result.trades.length).toBe(1);
  });

  it('reports a file it cannot read as an error with the reason', () => {
    const preview = previewImport('hello,world\r\n1,2\r\n', { id: 'acc1', exchange: 'demo' }, { marketType: null, before: null });
    expect(preview.ok).toBe(false);
    expect(!preview.ok && preview.message).toMatch(/not an export the app can read/);
    // The error says which exports to download and where.
    expect(!preview.ok && preview.issues.join('\n')).toMatch(/Generate all statements/);
  });
});

describe('CSV import preview of ledger exports', () => {
  it('refuses a Binance transaction history for a Bybit account (its income rows would never match)', () => {
    const text = ['User_ID,UTC_Time,Account,Operation,Coin,Change,Remark', '1,2019-07-01 08:00:00,USD-M Futures,Funding Fee,USDT,-0.12,'].join('\n');
    const preview = previewImport(text, { id: 'acc1', exchange: 'bybit' }, { marketType: null, before: null });
    expect(preview.ok && preview.problems).toEqual(['1 row is from binance, but this account is a bybit account.']);
  });
});
