import { readFileSync } from 'node:fs';
import { conversionsOf } from '../conversions';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { importTradesCsv } from './import';

/** Real published export files (origin and licence in fixtures/README.md), checked row by row. */
const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const at = (iso: string): number => Date.parse(`${iso}Z`);

describe('real export files', () => {
  it('Bybit unified spot trade history: time-first times, fee in the coin received, exchange ids', () => {
    const r = importTradesCsv(fixture('bybit-spot-unified.csv'), { accountId: 'a' });
    expect(r.format).toBe('bybit');
    expect(r.rejected).toEqual([]);
    expect(r.trades.map(({ key: _k, accountId: _a, ...t }) => t)).toEqual([
      { exchange: 'bybit', marketType: 'spot', symbol: 'TAI/USDT', tradeId: '2260000000764509753', orderId: '48816384', timestamp: at('2024-11-21T22:37:00'), side: 'buy', price: 0.30084, amount: 66.99, cost: 20.1532716, feeCost: 0.06699, feeCurrency: 'TAI', takerOrMaker: null, exchangeRealizedPnl: null },
      { exchange: 'bybit', marketType: 'spot', symbol: 'TAI/USDT', tradeId: '2260000000757622399', orderId: '63745280', timestamp: at('2024-11-27T23:18:00'), side: 'sell', price: 0.27862, amount: 35.73, cost: 9.9550926, feeCost: 0.0099550926, feeCurrency: 'USDT', takerOrMaker: null, exchangeRealizedPnl: null },
    ]);
  });

  it('Bybit unified export with its UID preamble line reads the same rows', () => {
    const plain = importTradesCsv(fixture('bybit-spot-unified.csv'), { accountId: 'a' });
    const withUid = importTradesCsv(fixture('bybit-spot-unified-uid.csv'), { accountId: 'a' });
    expect(withUid.trades).toEqual(plain.trades);
    expect(withUid.rejected).toEqual([]);
  });

  it('Bybit pre-unified spot export: unit-suffixed values, UTC column over the local one', () => {
    const r = importTradesCsv(fixture('bybit-spot-preunified.csv'), { accountId: 'a' });
    expect(r.rejected).toEqual([]);
    expect(r.trades.map(({ key: _k, accountId: _a, ...t }) => t)).toEqual([
      { exchange: 'bybit', marketType: 'spot', symbol: 'RENDER/USDT', tradeId: '83347712', orderId: '74959104', timestamp: at('2024-09-30T10:30:32'), side: 'buy', price: 6.441, amount: 16.35, cost: 105.31035, feeCost: 0.01635, feeCurrency: 'RENDER', takerOrMaker: null, exchangeRealizedPnl: null },
      { exchange: 'bybit', marketType: 'spot', symbol: 'RENDER/USDT', tradeId: '50850304', orderId: '16665088', timestamp: at('2024-09-25T03:41:22'), side: 'sell', price: 6.21, amount: 7.9, cost: 49.059, feeCost: 0.049059, feeCurrency: 'USDT', takerOrMaker: null, exchangeRealizedPnl: null },
    ]);
  });

  it('Binance transaction history: futures income, deposits, pending kinds, and every other row named', () => {
    const r = importTradesCsv(fixture('binance-statement.csv'), { accountId: 'a', mode: 'lenient' });
    expect(r.format).toBe('binance-statement');
    expect(r.trades).toEqual([]);
    expect(r.income.map((i) => [i.incomeType, i.marketType, i.asset, i.amount, i.timestamp])).toEqual([
      ['COMMISSION', 'linear', 'USDT', -0.0119187, at('2024-10-20T21:04:00')],
      ['FUNDING_FEE', 'linear', 'USDT', -0.0011924, at('2024-10-20T21:05:00')],
      ['REALIZED_PNL', 'linear', 'USDT', -0.3519, at('2024-10-20T21:06:00')],
    ]);
    expect(r.movements.map((m) => [m.type, m.currency, m.amount, m.timestamp])).toEqual([['deposit', 'SOL', 0.0215519, at('2024-10-20T21:01:19')]]);
    expect(r.pending.map((p) => [p.kind, p.wallet, p.asset, p.amount])).toEqual([
      ['convert', 'Spot', 'USDT', 3.42578053],
      ['convert', 'Spot', 'SOL', -0.0215519],
      ['transfer', 'USD-M Futures', 'USDT', -1.90294738],
      ['transfer', 'Spot', 'USDT', 1.90294738],
      ['reward', 'Funding', 'LINEA', 1.6],
      ['transfer', 'Spot', 'BTTC', -2171.4],
    ]);
    expect(new Set(r.pending.map((p) => p.key)).size).toBe(6);
    // The convert's two rows (same second, SOL out, USDT in) are one two-leg flow: a SOL/USDT sell to the books.
    expect(r.flows.filter((f) => f.kind === 'convert').map((f) => f.legs.map((l) => [l.wallet, l.asset, l.amount]))).toEqual([[['spot', 'SOL', -0.0215519], ['spot', 'USDT', 3.42578053]]]);
    expect(r.unpairedConverts).toEqual([]);
    expect(conversionsOf(r.flows).fills.map((f) => [f.symbol, f.side, f.amount, f.price, f.timestamp])).toEqual([['SOL/USDT', 'sell', 0.0215519, 3.42578053 / 0.0215519, at('2024-10-20T21:01:19')]]);
    expect(r.rejected).toEqual([
      { line: 10, reasons: ['operation "P2P Trading" in account "Funding" is not one the app can store'] },
      { line: 13, reasons: ['operation "Unknown Operation" in account "Spot" is not one the app can store'] },
    ]);
    // Re-reading gives the same keys: a re-import is idempotent.
    const again = importTradesCsv(fixture('binance-statement.csv'), { accountId: 'a', mode: 'lenient' });
    expect(again.income.map((i) => i.key)).toEqual(r.income.map((i) => i.key));
    expect(again.pending.map((p) => p.key)).toEqual(r.pending.map((p) => p.key));
  });

  it('Bybit closed P&L: each close is a summary row with its contract, direction, quantity, prices, P&L and times', () => {
    const r = importTradesCsv(fixture('bybit-closed-pnl.csv'), { accountId: 'a' });
    expect(r.format).toBe('bybit-closed-pnl');
    expect(r.trades).toEqual([]);
    expect(r.income).toEqual([]);
    expect(r.closedPnl.map((c) => [c.symbol, c.symbolId, c.closedSide, c.qty, c.entryPrice, c.exitPrice, c.closedPnl, c.openFee, c.exitType, c.orderId, c.closedAt, c.openedAt])).toEqual([
      ['OP/USDT:USDT', 'OPUSDT', 'long', 793.7, 0.6299, 0.6331, 2.01880767, null, 'Trade', '9871b976', at('2025-06-05T10:05:40'), at('2025-06-05T10:05:40')],
      ['TRX/USDT:USDT', 'TRXUSDT', 'long', 1190, 0.27301, 0.27194, -1.54566602, null, 'Trade', 'cb74bb46', at('2025-06-05T10:05:40'), at('2025-06-05T10:05:40')],
      ['OP/USDT:USDT', 'OPUSDT', 'long', 1589, 0.6292, 0.6292, -0.83983102, null, 'Trade', '1f82729a', at('2025-06-04T22:27:47'), at('2025-06-04T21:32:55')],
      ['BTC/USDT:USDT', 'BTCUSDT', 'long', 0.014, 105531, 105687, 0.94203816, null, 'Trade', 'dd8c4cad', at('2025-06-03T22:58:41'), at('2025-06-03T22:58:41')],
      ['FORM/USDT:USDT', 'FORMUSDT', 'short', 84, 2.9289, 2.9268, -0.02609085, null, 'Trade', '8e2aeef8', at('2025-06-03T19:27:11'), at('2025-06-03T19:27:11')],
      ['BTC/USDT:USDT', 'BTCUSDT', 'short', 0.024, 105861.6, 105603, 4.07483683, null, 'Trade', '477af26c', at('2025-06-03T18:11:29'), at('2025-06-03T18:11:29')],
    ]);
    expect(new Set(r.closedPnl.map((c) => c.key)).size).toBe(6);
    expect(importTradesCsv(fixture('bybit-closed-pnl.csv'), { accountId: 'a' }).closedPnl.map((c) => c.key)).toEqual(r.closedPnl.map((c) => c.key));
  });

  it('Bybit closed P&L, the layouts with fee columns (constructed rows in the published headers)', () => {
    const older = importTradesCsv(['Contracts,Closing Direction,Qty,Entry Price,Exit Price,Closed P&L,Opening Fee,Closing Fee,Funding Fee,Exit Type,Trade Time(UTC+0)', 'BTCUSDT,Sell,0.01,60000,61000,9.3,0.33,0.3355,0.0345,Trade,2024-03-05 14:07:09'].join('\n'), { accountId: 'a' });
    expect(older.closedPnl.map((c) => [c.symbol, c.closedSide, c.qty, c.closedPnl, c.openFee, c.closeFee, c.fundingFee, c.closedAt])).toEqual([['BTC/USDT:USDT', 'long', 0.01, 9.3, 0.33, 0.3355, 0.0345, at('2024-03-05T14:07:09')]]);
    // The current layout: no direction column, a time-first minute (docs/EXPORTS.md).
    const current = importTradesCsv([
      'Market,Order Quantity,Entry Price,Exit Price,Opening Fee,Closing Fee,Funding Fee,cumClosedPzOpenFeeInfo,cumClosedPzTradeFeeInfo,Trade Type,Realized P&L,Trade time',
      'ETHUSDT,0.5,3000,2950,0.825,0.81125,0.1,"{""USDT"":""0.825""}","{""USDT"":""0.81125""}",Trade,-26.73625,04:09 2026-05-29',
    ].join('\n'), { accountId: 'a' });
    expect(current.format).toBe('bybit-closed-pnl');
    expect(current.closedPnl.map((c) => [c.symbol, c.closedSide, c.qty, c.entryPrice, c.exitPrice, c.closedPnl, c.openFee, c.closeFee, c.fundingFee, c.exitType, c.closedAt, c.orderId])).toEqual([
      ['ETH/USDT:USDT', null, 0.5, 3000, 2950, -26.73625, 0.825, 0.81125, 0.1, 'Trade', at('2026-05-29T04:09:00'), null],
    ]);
  });

  it('Bybit closed P&L: a bad row is rejected with its reasons and nothing is returned in strict mode', () => {
    const text = ['Contracts,Closing Direction,Qty,Entry Price,Exit Price,Closed P&L,Exit Type,Trade Time(UTC+0)', 'BTCUSDT,Close Long,0.01,60000,61000,10,Trade,2024-03-05 14:07:09', 'BTCUSD,Sideways,-1,x,61000,10,Trade,2024-03-05 14:07:09'].join('\n');
    const lenient = importTradesCsv(text, { accountId: 'a', mode: 'lenient' });
    expect(lenient.closedPnl).toHaveLength(1);
    expect(lenient.rejected).toEqual([{ line: 3, reasons: ['Qty "-1" is not positive', 'unreadable Entry Price "x"', 'unknown closing direction "Sideways"', 'cannot tell base and quote of contract "BTCUSD" (USDT and USDC contracts are read)'] }]);
    expect(() => importTradesCsv(text, { accountId: 'a' })).toThrow(AppError);
  });

  it('Binance transaction history re-saved by a spreadsheet (day-first dates without seconds): every row refused with its reason, nothing imported', () => {
    const text = fixture('binance-statement-resaved.csv');
    expect(() => importTradesCsv(text, { accountId: 'a' })).toThrow(/5 lines of the Binance transaction history .* could not be read; nothing was imported/);
    const r = importTradesCsv(text, { accountId: 'a', mode: 'lenient' });
    expect(r.trades).toEqual([]);
    expect(r.flows).toEqual([]);
    expect(r.rejected.map((l) => [l.line, l.reasons])).toEqual([
      [2, ['unreadable time "24/12/2024 14:54"']],
      [3, ['unreadable time "24/12/2024 14:54"']],
      [4, ['unreadable time "24/12/2024 14:54"']],
      [5, ['unreadable time "20/10/2024 16:10"']],
      [6, ['unreadable time "20/10/2024 16:10"']],
    ]);
  });

  it('Binance order history: the fill sub-rows become trades with their order', () => {
    const r = importTradesCsv(fixture('binance-order-history.csv'), { accountId: 'a' });
    expect(r.format).toBe('binance-orders');
    expect(r.rejected).toEqual([]);
    expect(r.trades.map((t) => [t.symbol, t.side, t.price, t.amount, t.cost, t.feeCost, t.feeCurrency, t.orderId, t.timestamp])).toEqual([
      ['CAKE/USDT', 'buy', 1.787, 22.38, 39.99306, 0.00009936, 'BNB', '509120020', at('2023-05-12T06:03:14')],
      ['AVAX/USDT', 'buy', 15.24, 2.72, 41.4528, 0.00009952, 'BNB', '2223401489', at('2023-05-08T18:51:31')],
    ]);
    expect(r.skippedReasons).toEqual([
      { reason: 'order rows (their fills are the sub-rows)', rows: 2 },
      { reason: 'fill sub-headers', rows: 2 },
    ]);
  });
});

describe('current Binance USD-M trade history (Uid,Time,... with the offset in the file name)', () => {
  const ROWS = (offsetHours: number) => [
    ['BTC/USDC:USDC', 'buy', 73822.3, 0.01, 738.223, 0.29528919, 'USDC', 0.28699999, '419925075', '49172439177', 'taker', at('2026-03-17T09:34:12') - offsetHours * 3_600_000],
    ['BTC/USDT:USDT', 'buy', 80600.2, 0.007, 564.2014, 0.2821007, 'USDT', 97.84870666, '7161708169', '896310121516', 'taker', at('2026-01-31T13:17:22') - offsetHours * 3_600_000],
    ['COMP/USDT:USDT', 'sell', 25.23, 0.436, 11.00028, 0.00550014, 'USDT', -4.43848, '439592093', '12425682460', 'taker', at('2026-01-19T11:52:00') - offsetHours * 3_600_000],
  ];
  const read = (fileName?: string) =>
    importTradesCsv(fixture('binance-usdm-trade-history.csv'), { accountId: 'a', ...(fileName === undefined ? {} : { fileName }) }).trades.map((t) => [t.symbol, t.side, t.price, t.amount, t.cost, t.feeCost, t.feeCurrency, t.exchangeRealizedPnl, t.tradeId, t.orderId, t.takerOrMaker, t.timestamp]);

  it('reads every column, the trade ids are the exchange ids (they dedupe against the API by key)', () => {
    expect(read()).toEqual(ROWS(0));
  });

  it('takes the UTC offset the user chose from the file name', () => {
    expect(read('Binance-Futures-Trade-History-202603230520(UTC+3)-part1-of1.csv')).toEqual(ROWS(3));
    expect(read('Binance-Futures-Trade-History-202603230520(UTC--6)_2b8deebc.csv')).toEqual(ROWS(-6));
    expect(read('Binance-Futures-Trade-History-202603230520(UTC0).csv')).toEqual(ROWS(0));
  });

  it('an export with no rows is empty, not an error', () => {
    const header = fixture('binance-usdm-trade-history.csv').split('\n')[0] ?? '';
    expect(importTradesCsv(`${header}\nNo data matches the criteria.\n`, { accountId: 'a' }).trades).toEqual([]);
  });
});

describe('real export files from everytrade-io/everytrade-plugins (BSD-3-Clause)', () => {
  it('Binance older spot trade history, `;`-separated, bare numbers with a Fee Coin column', () => {
    const r = importTradesCsv(fixture('binance-spot-older-semicolon.csv'), { accountId: 'a' });
    expect([r.format, r.delimiter, r.rejected]).toEqual(['binance-spot', ';', []]);
    expect(r.trades.map((t) => [t.symbol, t.side, t.price, t.amount, t.cost, t.feeCost, t.feeCurrency, t.timestamp])).toEqual([
      ['LTC/BTC', 'buy', 0.007393, 1.61, 0.01190273, 0.00161, 'LTC', at('2020-02-04T16:19:07')],
      ['LTC/BTC', 'sell', 0.007384, 0.96, 0.00708864, 0.00000709, 'BTC', at('2020-02-04T16:18:30')],
    ]);
  });

  it('Binance order history, `;`-separated, without an OrderNo column: one trade per fill sub-row', () => {
    const r = importTradesCsv(fixture('binance-order-history-semicolon.csv'), { accountId: 'a' });
    expect([r.format, r.delimiter, r.rejected]).toEqual(['binance-orders', ';', []]);
    expect(r.trades.map((t) => [t.symbol, t.side, t.price, t.amount, t.cost, t.feeCost, t.feeCurrency, t.orderId, t.timestamp])).toEqual([
      ['BTC/USDT', 'buy', 6236.39, 0.0416, 259.433824, 0.01612653, 'BNB', null, at('2020-03-19T17:02:52')],
      ['BTC/USDT', 'sell', 5904.68, 0.092957, 548.88133876, 0.03640176, 'BNB', null, at('2020-03-19T16:07:38')],
      ['BTC/USDT', 'sell', 5904.61, 0.047943, 283.08471723, 0.01877415, 'BNB', null, at('2020-03-19T16:07:38')],
    ]);
    // Two fills of one order in one second get distinct ids.
    expect(new Set(r.trades.map((t) => t.key)).size).toBe(3);
  });

  it('Bybit unified transaction log with its UID preamble and `--` cells: trade legs skipped, the transfer recognized', () => {
    const r = importTradesCsv(fixture('bybit-uta-transaction-log.csv'), { accountId: 'a' });
    expect([r.format, r.rejected, r.income]).toEqual(['bybit-transaction-log', [], []]);
    expect(r.skippedReasons).toEqual([{ reason: 'trade rows (the fills come from the trade history export)', rows: 4 }]);
    expect(r.pending.map((p) => [p.kind, p.asset, p.amount, p.timestamp])).toEqual([['transfer', 'EUR', 17, at('2026-06-05T08:18:56')]]);
  });

  it('Bybit funding account history: a fiat deposit, and airdrop, transfer and card purchase recognized', () => {
    const r = importTradesCsv(fixture('bybit-funding-account.csv'), { accountId: 'a' });
    expect([r.format, r.rejected]).toEqual(['bybit-funding', []]);
    expect(r.movements.map((m) => [m.type, m.currency, m.amount, m.timestamp])).toEqual([['deposit', 'EUR', 17.43, at('2026-06-05T08:16:17')]]);
    expect(r.pending.map((p) => [p.kind, p.asset, p.amount])).toEqual([
      ['reward', 'BTC', 0.0003784817],
      ['transfer', 'EUR', -17],
      ['convert', 'BTC', 0.00029379],
    ]);
  });
});

describe('constructed layouts (number and time forms the real files use)', () => {
  it('Binance USD-M export with the UTC offset the user chose, in the header', () => {
    const text = ['Time(UTC+8),Symbol,Side,Price,Quantity,Amount,Fee,Realized Profit', '2024-03-05 22:07:09,BTCUSDT,SELL,62000,0.010,620.00USDT,0.248USDT,12.5USDT'].join('\n');
    const [t] = importTradesCsv(text, { accountId: 'a' }).trades;
    expect(t?.timestamp).toBe(at('2024-03-05T14:07:09'));
    const minus = importTradesCsv(text.replace('UTC+8', 'UTC-03:30'), { accountId: 'a' }).trades[0];
    expect(minus?.timestamp).toBe(at('2024-03-06T01:37:09'));
  });

  it('a `;`-separated export with decimal commas and scientific notation', () => {
    const text = ['Date(UTC);Pair;Side;Price;Executed;Amount;Fee', '2024-03-05 14:07:09;BTCUSDT;BUY;62000,5;0,5BTC;31000,25USDT;5e-4BTC'].join('\r\n');
    const r = importTradesCsv(text, { accountId: 'a' });
    expect(r.delimiter).toBe(';');
    expect(r.trades[0]).toMatchObject({ symbol: 'BTC/USDT', price: 62000.5, amount: 0.5, cost: 31000.25, feeCost: 0.0005, feeCurrency: 'BTC' });
  });

  it('Bybit unified derivatives trade history with the UID preamble: linear fills, fee in the settle coin', () => {
    const text = [
      'UID: 12345678,Company Name: ,Country: ',
      'Contracts,Direction,Exec Qty,Exec Price,Trading Fee,Order Type,Transaction ID,Transaction Time(UTC+0)',
      'BTCUSDT,Buy,0.01,60000,0.33,Market,e-1,2025-12-01 10:00:00',
      'ETHUSDT,Sell,0.5,3000,0.825,Limit,e-2,2025-12-02 10:00:00',
    ].join('\n');
    const r = importTradesCsv(text, { accountId: 'a' });
    expect(r.trades.map((t) => [t.marketType, t.symbol, t.side, t.price, t.amount, t.cost, t.feeCost, t.feeCurrency, t.tradeId, t.timestamp])).toEqual([
      ['linear', 'BTC/USDT:USDT', 'buy', 60000, 0.01, 600, 0.33, 'USDT', 'e-1', at('2025-12-01T10:00:00')],
      ['linear', 'ETH/USDT:USDT', 'sell', 3000, 0.5, 1500, 0.825, 'USDT', 'e-2', at('2025-12-02T10:00:00')],
    ]);
  });

  it('Bybit derivatives trade history, the current layout (constructed rows in the header two published parsers give, Bybit\'s "Trasaction ID" spelling included)', () => {
    const text = [
      'Market,Filled Type,Filled Quantity,Filled Price,Order Price,Fee Rate,Trading Fee,feeCoin,ExecFeeV2,Direction,Order Type,Trasaction ID,Order No.,Transaction Time(UTC+0)',
      'BTCUSDT,Trade,0.01,60000,60000,0.00055,0.33,USDT,0.33,Long,Market, e-1, o-1,10:00 2025-12-01',
      'BTCUSDT,Trade,0.01,60500,60500,0.0002,0.121,USDT,0.121,Short,Limit, e-2, o-2,14:00 2025-12-01',
      'BTCUSDT,Funding,0.01,60400,0,0.0001,0.0604,USDT,0.0604,Long,Market, e-3, o-3,16:00 2025-12-01',
    ].join('\n');
    const r = importTradesCsv(text, { accountId: 'a' });
    expect(r.format).toBe('bybit');
    expect(r.trades.map((t) => [t.marketType, t.symbol, t.side, t.price, t.amount, t.feeCost, t.feeCurrency, t.tradeId, t.orderId, t.timestamp])).toEqual([
      ['linear', 'BTC/USDT:USDT', 'buy', 60000, 0.01, 0.33, 'USDT', 'e-1', 'o-1', at('2025-12-01T10:00:00')],
      ['linear', 'BTC/USDT:USDT', 'sell', 60500, 0.01, 0.121, 'USDT', 'e-2', 'o-2', at('2025-12-01T14:00:00')],
    ]);
    expect(r.skippedReasons).toEqual([{ reason: 'funding row', rows: 1 }]);
  });

  it('Bybit transaction log (constructed rows): funding, trade rows skipped, transfers', () => {
    const log = importTradesCsv(
      [
        'Uid,Currency,Contract,Type,Direction,Quantity,Position,Filled Price,Funding,Fee Paid,Cash Flow,Change,Wallet Balance,Action,OrderId,TradeId,Time(UTC)',
        '1,USDT,BTCUSDT,SETTLEMENT,,0,0.01,,0.05,0,0,-0.05,100,,,,2024-03-05 16:00:00',
        '1,USDT,BTCUSDT,TRADE,Buy,0.01,0.01,60000,0,0.33,0,-0.33,100.05,Open,o1,t1,2024-03-05 14:07:09',
        '1,USDT,,TRANSFER_IN,,,,,,,,100,100.38,,,,2024-03-05 10:00:00',
      ].join('\n'),
      { accountId: 'a' },
    );
    expect(log.format).toBe('bybit-transaction-log');
    expect(log.income.map((i) => [i.incomeType, i.symbol, i.amount, i.timestamp])).toEqual([['FUNDING_FEE', 'BTC/USDT:USDT', -0.05, at('2024-03-05T16:00:00')]]);
    expect(log.pending.map((p) => [p.kind, p.amount])).toEqual([['transfer', 100]]);
  });

  it('an unrecognized file says which export to download and where', () => {
    try {
      importTradesCsv('foo,bar\n1,2', { accountId: 'a' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      const issues = (e as AppError).issues?.map((i) => i.message).join('\n') ?? '';
      expect(issues).toMatch(/Generate all statements/);
      expect(issues).toMatch(/Bybit trade history.*Unified Trading Order/);
    }
  });
});
