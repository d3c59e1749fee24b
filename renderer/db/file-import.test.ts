import { describe, expect, it } from 'vitest';
import { tradeKey } from '../../shared/domain/keys';
import type { Trade } from '../../shared/domain/types';
import { importTradesCsv } from '../../shared/journal/csv/import';
import { purgeCategory } from './account-admin';
import { readCoverage } from './coverage';
import { storeFileImport } from './file-import';
import { insertTrades } from './insert-trades';
import { tradeTotals } from './queries';
import { makeAccount, makeCheckpoint, newTestDb } from './test-support';

const NOW = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const account = makeAccount('acc1', { exchange: 'binance', lastSuccessAt: NOW - DAY });

function apiFill(id: number, timestamp: number, price: number, amount: number, side: 'buy' | 'sell' = 'buy'): Trade {
  const tradeId = String(id);
  return { key: tradeKey('binance', 'acc1', 'spot', 'BTC/USDT', tradeId), accountId: 'acc1', exchange: 'binance', marketType: 'spot', symbol: 'BTC/USDT', tradeId, orderId: null, timestamp, side, price, amount, cost: price * amount, feeCost: 0, feeCurrency: 'USDT', takerOrMaker: 'taker', exchangeRealizedPnl: null };
}

const iso = (t: number): string => new Date(t).toISOString().replace('T', ' ').slice(0, 19);
const A = NOW - 300 * DAY + 1_234;
const B = NOW - 200 * DAY + 5_678;

/** A Binance spot export (whole seconds): an older fill, the two API fills, and one newer than sync's last. */
const FILE = [
  'Date(UTC),Pair,Side,Price,Executed,Amount,Fee',
  `${iso(NOW - 400 * DAY)},BTCUSDT,BUY,100,1BTC,100USDT,0.001BTC`,
  `${iso(A)},BTCUSDT,SELL,110,0.5BTC,55USDT,0.055USDT`,
  `${iso(B)},BTCUSDT,BUY,120,2BTC,240USDT,0.002BTC`,
  `${iso(NOW - 10 * DAY)},BTCUSDT,SELL,130,1BTC,130USDT,0.13USDT`,
].join('\n');

describe('storeFileImport + coverage map (real Dexie on fake-indexeddb)', () => {
  it('a file overlapping synced fills stores only what sync does not have, and the map shows both sources', async () => {
    const db = newTestDb('file-import-1');
    await db.accounts.put(account);
    await insertTrades(db, [apiFill(7, A, 110, 0.5, 'sell'), apiFill(8, B, 120, 2)]);
    await db.checkpoints.put(makeCheckpoint('acc1', 'BTC/USDT', '9', { lastTimestamp: B, updatedAt: NOW - DAY }));

    const parsed = importTradesCsv(FILE, { accountId: 'acc1' });
    const first = await storeFileImport(db, account, parsed, { now: NOW });
    expect(first.trades).toEqual({ inserted: 1, duplicates: 0, matched: 2, leftToSync: 1 });
    expect((await tradeTotals(db, { accountId: 'acc1' })).count).toBe(3);

    // Re-importing changes nothing.
    const again = await storeFileImport(db, account, importTradesCsv(FILE, { accountId: 'acc1' }), { now: NOW });
    expect(again.trades).toMatchObject({ inserted: 0, matched: 3, leftToSync: 1 });
    expect((await tradeTotals(db, { accountId: 'acc1' })).count).toBe(3);

    const map = await readCoverage(db, account, NOW);
    const btc = map.find((s) => s.kind.id === 'spotFills')?.rows.find((r) => r.key === 'BTC/USDT');
    expect(btc).toMatchObject({ sources: ['api', 'file'], first: NOW - 400 * DAY, last: B, rows: 3, fileFirst: NOW - 400 * DAY, fileLast: NOW - 400 * DAY, lastVerified: NOW - DAY, gaps: [] });

    // Purge + re-fetch: the file row stays (sync cannot give it back), the API rows come back once.
    await purgeCategory(db, 'acc1', 'trades');
    expect((await db.trades.toArray()).map((t) => t.tradeId)).toEqual([expect.stringMatching(/^csv-/)]);
    expect((await tradeTotals(db, { accountId: 'acc1' })).count).toBe(1);
    await insertTrades(db, [apiFill(7, A, 110, 0.5, 'sell'), apiFill(8, B, 120, 2)]);
    expect((await tradeTotals(db, { accountId: 'acc1' })).count).toBe(3);
    db.close();
  });

  it('the map of an API-only account shows the horizons and what to download; a statement file fills the income gap', async () => {
    const db = newTestDb('file-import-2');
    await db.accounts.put(account);
    const before = await readCoverage(db, account, NOW);
    const income = before.find((s) => s.kind.id === 'income');
    expect(income?.horizon).toBe(NOW - 90 * DAY);
    expect(income?.rows[0]?.gaps[0]?.action).toMatchObject({ kind: 'export', exportId: 'binance-statement', to: NOW - 90 * DAY });

    const statement = ['User_ID,UTC_Time,Account,Operation,Coin,Change,Remark', `1,${iso(NOW - 200 * DAY)},USD-M Futures,Funding Fee,USDT,-0.5,`, `1,${iso(NOW - 10 * DAY)},USD-M Futures,Funding Fee,USDT,-0.25,`].join('\n');
    const out = await storeFileImport(db, account, importTradesCsv(statement, { accountId: 'acc1' }), { now: NOW });
    // The newer row is inside the API's 3 months: left to sync.
    expect(out.income).toEqual({ inserted: 1, duplicates: 0, leftToSync: 1 });
    const after = (await readCoverage(db, account, NOW)).find((s) => s.kind.id === 'income');
    expect(after?.rows.map((r) => [r.key, r.sources, r.gaps.length])).toEqual([['USDT', ['file'], 0]]);
    db.close();
  });
});
