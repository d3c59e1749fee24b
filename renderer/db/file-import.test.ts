import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assetFlowKey, tradeKey } from '../../shared/domain/keys';
import type { AssetFlow, Trade } from '../../shared/domain/types';
import { importTradesCsv } from '../../shared/journal/csv/import';
import { purgeCategory } from './account-admin';
import { readCoverage } from './coverage';
import { storeFileImport } from './file-import';
import { readSummaryOnlyPnl } from './closed-pnl-store';
import { UNPAIRED_CONVERT_REASON } from '../../shared/journal/csv/convert-pairs';
import { insertTrades } from './insert-trades';
import { tradeTotals } from './queries';
import { makeAccount, makeCheckpoint, newTestDb } from '../../testing/db/test-support';

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

    // The file's copy of the oldest stored (API) row, in whole seconds, is not older than it: not stored again.
    const apiFunding = NOW - 80 * DAY + 12;
    await db.income.put({ key: 'binance|acc1|FUNDING_FEE|api-1', accountId: 'acc1', exchange: 'binance', marketType: 'linear', symbol: 'BTC/USDT:USDT', incomeType: 'FUNDING_FEE', rawType: 'FUNDING_FEE', incomeId: 'api-1', asset: 'USDT', amount: -0.1, timestamp: apiFunding });
    await db.income.delete((await db.income.toArray()).find((r) => r.incomeId.startsWith('csv-'))?.key ?? '');
    const copy = ['User_ID,UTC_Time,Account,Operation,Coin,Change,Remark', `1,${iso(apiFunding)},USD-M Futures,Funding Fee,USDT,-0.1,`, `1,${iso(apiFunding - 8 * 3_600_000)},USD-M Futures,Funding Fee,USDT,-0.2,`].join('\n');
    const again = await storeFileImport(db, account, importTradesCsv(copy, { accountId: 'acc1' }), { now: NOW });
    expect(again.income).toEqual({ inserted: 1, duplicates: 0, leftToSync: 1 });
    db.close();
  });

  it('converts, dust, rewards and transfers from a statement: stored where sync cannot deliver them, once, and on the map with the API rows', async () => {
    const db = newTestDb('file-import-flows');
    await db.accounts.put(account);
    // Sync stored one convert 100 days ago (its oldest), inside the converts' one-year look-back.
    const synced: AssetFlow = { key: assetFlowKey('binance', 'acc1', 'convert', '9001'), accountId: 'acc1', exchange: 'binance', kind: 'convert', rawType: 'convert', flowId: '9001', timestamp: NOW - 100 * DAY, legs: [{ wallet: 'spot', asset: 'USDT', amount: -10 }, { wallet: 'spot', asset: 'BTC', amount: 0.001 }] };
    await db.assetFlows.put(synced);
    await db.checkpoints.put({ ...makeCheckpoint('acc1', '', '0', { lastTimestamp: NOW - 100 * DAY, updatedAt: NOW - DAY }), key: 'acc1|converts||', stream: 'converts', marketType: null });
    const statement = [
      'User_ID,UTC_Time,Account,Operation,Coin,Change,Remark',
      // Two years ago: before every horizon.
      `1,${iso(NOW - 700 * DAY)},Spot,Binance Convert,USDT,-20,`,
      `1,${iso(NOW - 700 * DAY)},Spot,Binance Convert,ETH,0.01,`,
      // Inside the one-year look-back but older than sync's oldest convert: sync has nothing there.
      `1,${iso(NOW - 200 * DAY)},Spot,Binance Convert,USDT,-5,`,
      // Newer than sync's oldest: sync holds it (or will): left to sync.
      `1,${iso(NOW - 100 * DAY)},Spot,Binance Convert,USDT,-10,`,
      // Dust before 2020-12-01 (never served) and after it with no dust synced (left to sync).
      `1,2020-06-01 10:00:00,Spot,Small Assets Exchange BNB,BNB,0.002,`,
      `1,${iso(NOW - 50 * DAY)},Spot,Small Assets Exchange BNB,BNB,0.003,`,
      // Distributions: five years of look-back, so a recent one is left to sync.
      `1,${iso(NOW - 20 * DAY)},Spot,Distribution,LINEA,1.6,`,
      // Transfers: six months of look-back.
      `1,${iso(NOW - 300 * DAY)},Spot,Transfer Between Spot and UM Futures,USDT,-3,`,
    ].join('\n');
    const parsed = importTradesCsv(statement, { accountId: 'acc1' });
    // The convert's two rows of one second are one two-leg flow (shared/journal/csv/convert-pairs.ts).
    expect(parsed.flows).toHaveLength(7);
    expect(parsed.unpairedConverts).toEqual([{ reason: UNPAIRED_CONVERT_REASON.unmatched, rows: 2 }]);
    const first = await storeFileImport(db, account, parsed, { now: NOW });
    expect(first.flows).toEqual({ inserted: 4, duplicates: 0, leftToSync: 3 });
    const stored = await db.assetFlows.where('[accountId+timestamp]').between(['acc1', 0], ['acc1', NOW]).toArray();
    expect(stored.map((f) => [f.kind, f.timestamp, f.legs])).toEqual([
      ['dust', Date.UTC(2020, 5, 1, 10), [{ wallet: 'spot', asset: 'BNB', amount: 0.002 }]],
      ['convert', NOW - 700 * DAY, [{ wallet: 'spot', asset: 'USDT', amount: -20 }, { wallet: 'spot', asset: 'ETH', amount: 0.01 }]],
      ['transfer', NOW - 300 * DAY, [{ wallet: 'spot', asset: 'USDT', amount: -3 }]],
      ['convert', NOW - 200 * DAY, [{ wallet: 'spot', asset: 'USDT', amount: -5 }]],
      ['convert', NOW - 100 * DAY, synced.legs],
    ]);

    // Re-importing changes nothing.
    const again = await storeFileImport(db, account, importTradesCsv(statement, { accountId: 'acc1' }), { now: NOW });
    expect(again.flows).toEqual({ inserted: 0, duplicates: 4, leftToSync: 3 });
    expect(await db.assetFlows.count()).toBe(5);

    const map = await readCoverage(db, account, NOW);
    const converts = map.find((s) => s.kind.id === 'converts');
    expect(converts?.horizon).toBe(NOW - 365 * DAY);
    expect(converts?.rows.filter((r) => r.key !== '').map((r) => [r.key, r.sources, r.rows, r.lastVerified])).toEqual([
      ['BTC', ['api'], 1, NOW - DAY],
      ['ETH', ['file'], 1, NOW - DAY],
      ['USDT', ['api', 'file'], 3, NOW - DAY],
    ]);
    // The file reaches back past the converts' horizon: no before-horizon gap left.
    expect(converts?.rows.find((r) => r.key === '')).toBeUndefined();
    const dust = map.find((s) => s.kind.id === 'dust');
    expect(dust?.horizon).toBe(Date.UTC(2020, 11, 1));
    expect(dust?.rows.map((r) => [r.key, r.sources])).toEqual([['BNB', ['file']]]);
    const rewards = map.find((s) => s.kind.id === 'rewards');
    expect(rewards?.rows[0]?.gaps.map((g) => [g.type, g.action.kind === 'export' ? g.action.exportId : ''])).toEqual([['before-horizon', 'binance-statement']]);
    db.close();
  });

  it('Bybit: funding-account rows are always stored (sync does not read that account); unified transaction-log rows only before its 2-year horizon', async () => {
    const db = newTestDb('file-import-bybit-flows');
    const bybit = makeAccount('acc2', { exchange: 'bybit', lastSuccessAt: NOW - DAY });
    await db.accounts.put(bybit);
    const funding = ['Uid,Date & Time(UTC),Coin,QTY,Type,Account Balance,Description', `1,${iso(NOW - 10 * DAY)},BTC,0.0003,Airdrop,0.0003,Airdrop`].join('\n');
    const log = [
      'Uid,Currency,Contract,Type,Direction,Quantity,Position,Filled Price,Funding,Fee Paid,Cash Flow,Change,Wallet Balance,Action,OrderId,TradeId,Time(UTC)',
      `1,USDT,,TRANSFER_IN,--,0,0,0,0,0,0,100,100,--,--,--,${iso(NOW - 10 * DAY)}`,
      `1,USDT,,TRANSFER_IN,--,0,0,0,0,0,0,50,150,--,--,--,${iso(NOW - 800 * DAY)}`,
    ].join('\n');
    const a = await storeFileImport(db, bybit, importTradesCsv(funding, { accountId: 'acc2' }), { now: NOW });
    const b = await storeFileImport(db, bybit, importTradesCsv(log, { accountId: 'acc2' }), { now: NOW });
    expect([a.flows, b.flows]).toEqual([{ inserted: 1, duplicates: 0, leftToSync: 0 }, { inserted: 1, duplicates: 0, leftToSync: 1 }]);
    expect((await db.assetFlows.toArray()).map((f) => [f.kind, f.legs[0]?.wallet, f.legs[0]?.amount]).sort()).toEqual([['reward', 'funding', 0.0003], ['transfer', 'spot', 50]]);
    db.close();
  });

  it('Bybit closed P&L: stored as summaries (no fills, no income), once across re-imports, and closes without stored fills are coverage gaps', async () => {
    const db = newTestDb('file-import-closed-pnl');
    const bybit = makeAccount('acc3', { exchange: 'bybit', lastSuccessAt: NOW - DAY });
    await db.accounts.put(bybit);
    // The closing fill of the BTCUSDT long closed 2025-06-03 22:58:41 (fixtures/bybit-closed-pnl.csv) is stored; nothing else is.
    const closeAt = Date.UTC(2025, 5, 3, 22, 58, 41, 250);
    await insertTrades(db, [{ key: tradeKey('bybit', 'acc3', 'linear', 'BTC/USDT:USDT', 'e1'), accountId: 'acc3', exchange: 'bybit', marketType: 'linear', symbol: 'BTC/USDT:USDT', tradeId: 'e1', orderId: null, timestamp: closeAt, side: 'sell', price: 105687, amount: 0.014, cost: 1479.618, feeCost: 0.8, feeCurrency: 'USDT', takerOrMaker: 'taker', exchangeRealizedPnl: 2.1 }]);
    const file = readFileSync(new URL('../../shared/journal/csv/fixtures/bybit-closed-pnl.csv', import.meta.url), 'utf8');
    const first = await storeFileImport(db, bybit, importTradesCsv(file, { accountId: 'acc3' }), { now: NOW });
    expect(first.closedPnl).toEqual({ inserted: 6, duplicates: 0 });
    expect([first.trades.inserted, first.income.inserted]).toEqual([0, 0]);
    const again = await storeFileImport(db, bybit, importTradesCsv(file, { accountId: 'acc3' }), { now: NOW });
    expect(again.closedPnl).toEqual({ inserted: 0, duplicates: 6 });
    expect([await db.closedPnlRecords.count(), await db.trades.count(), await db.income.count()]).toEqual([6, 1, 0]);

    const futures = (await readCoverage(db, bybit, NOW)).find((s) => s.kind.id === 'futuresFills');
    const gapsOf = (key: string) => futures?.rows.find((r) => r.key === key)?.gaps.filter((g) => g.type === 'closed-pnl-without-fills').map((g) => [g.message, g.action.kind === 'export' ? [g.action.exportId, g.action.from, g.action.to] : null]);
    // The BTC short closed at 18:11:29 has no fill; the long closed at 22:58:41 has its closing fill.
    expect(gapsOf('BTC/USDT:USDT')).toEqual([[expect.stringContaining('1 closed P&L record of BTC/USDT:USDT'), ['bybit', Date.UTC(2025, 5, 3, 18, 11, 29), Date.UTC(2025, 5, 3, 18, 11, 29)]]]);
    // The stored fill derived a position (an open short from its time): it overlaps the BTC long's close, which is not summary-only; the other five are.
    expect((await db.positions.toArray()).map((p) => [p.symbol, p.openedAt, p.closedAt])).toEqual([['BTC/USDT:USDT', closeAt, null]]);
    const summary = await readSummaryOnlyPnl(db, 'acc3');
    expect(summary?.rows.map((r) => r.orderId)).toEqual(['477af26c', '8e2aeef8', '1f82729a', '9871b976', 'cb74bb46']);
    expect(summary?.bySymbol.find((b) => b.symbol === 'BTC/USDT:USDT')).toEqual({ symbol: 'BTC/USDT:USDT', closedPnl: 4.07483683, rows: 1 });
    expect(gapsOf('OP/USDT:USDT')).toEqual([[expect.stringContaining('2 closed P&L records of OP/USDT:USDT from 2025-06-04 to 2025-06-05'), ['bybit', Date.UTC(2025, 5, 4, 22, 27, 47), Date.UTC(2025, 5, 5, 10, 5, 40)]]]);
    db.close();
  });
});
