import { describe, expect, it } from 'vitest';
import { tradeKey } from '../../domain/keys';
import { AppError } from '../../errors';
import { computeJournal } from '../book';
import { reconcileRealizedPnl } from '../reconcile';
import { fill, spotFill } from '../../../testing/journal/fixtures';
import { positionsToCsv, TRADE_COLUMNS, tradesToCsv } from './export';
import { detectCsvFormat, importTradesCsv } from './import';
import { parseCsv } from './rfc4180';

const T0 = Date.UTC(2024, 2, 5, 14, 7, 9);

const BINANCE_SPOT = [
  'Date(UTC),Pair,Side,Price,Executed,Amount,Fee',
  '2024-03-05 14:07:09,BTCUSDT,BUY,"62,000.00",0.5BTC,"31,000.00USDT",0.0005BTC',
  '2024-03-05 15:00:00,BTCUSDT,SELL,"63,000.00",0.4995BTC,"31,468.50USDT",31.4685USDT',
  '24-03-06 10:00:00,1INCHUSDT,BUY,0.5,100.51INCH,50.25USDT,0.01BNB',
].join('\r\n');

describe('importTradesCsv: Binance spot', () => {
  it('maps rows, splits pairs by the asset suffixes and derives stable synthetic ids', () => {
    const r = importTradesCsv('\uFEFF' + BINANCE_SPOT, { accountId: 'acc1' });
    expect(r.format).toBe('binance-spot');
    expect(r.rejected).toEqual([]);
    const [buy, sell, inch] = r.trades;
    expect(buy).toMatchObject({ exchange: 'binance', marketType: 'spot', symbol: 'BTC/USDT', side: 'buy', price: 62000, amount: 0.5, cost: 31000, feeCost: 0.0005, feeCurrency: 'BTC', timestamp: T0 });
    expect(buy?.tradeId).toBe(`csv-${T0}-buy-62000-0.5-0`);
    expect(buy?.key).toBe(tradeKey('binance', 'acc1', 'spot', 'BTC/USDT', `csv-${T0}-buy-62000-0.5-0`));
    expect(sell).toMatchObject({ side: 'sell', amount: 0.4995, feeCost: 31.4685, feeCurrency: 'USDT' });
    expect(inch).toMatchObject({ symbol: '1INCH/USDT', amount: 100.5, cost: 50.25, feeCost: 0.01, feeCurrency: 'BNB', timestamp: Date.UTC(2024, 2, 6, 10) });
    // Same file, same ids: a re-import dedupes against the first import.
    expect(importTradesCsv(BINANCE_SPOT, { accountId: 'acc1' }).trades.map((t) => t.key)).toEqual(r.trades.map((t) => t.key));
  });

  it('feeds the spot book: base fee hand-check on imported rows', () => {
    const { trades } = importTradesCsv(BINANCE_SPOT, { accountId: 'acc1' });
    const p = computeJournal(trades).positions.find((x) => x.symbol === 'BTC/USDT');
    // lot 0.5 - 0.0005 = 0.4995 BTC @62000; fee 0.0005 x 62000 = 31
    // sell 0.4995 @63000: realized 0.4995 x 1000 = 499.5; fees 31 + 31.4685 = 62.4685
    expect(p?.status).toBe('closed');
    expect(p?.realizedPnl).toBeCloseTo(499.5, 8);
    expect(p?.fees).toBeCloseTo(62.4685, 8);
    // net 437.0315 = cash: -31000 + 31468.5 - 31.4685
    expect(p?.netPnl).toBeCloseTo(437.0315, 8);
  });

  it('numbers identical rows instead of merging them', () => {
    const row = '2024-03-05 14:07:09,BTCUSDT,BUY,100,1BTC,100USDT,0.1USDT';
    const r = importTradesCsv(['Date(UTC),Pair,Side,Price,Executed,Amount,Fee', row, row].join('\n'), { accountId: 'a' });
    expect(r.trades.map((t) => t.tradeId)).toEqual([`csv-${T0}-buy-100-1-0`, `csv-${T0}-buy-100-1-1`]);
  });

  it('reads the older Market/Type/Total layout with a Fee Coin column', () => {
    const text = ['Date(UTC),Market,Type,Price,Amount,Total,Fee,Fee Coin', '2021-03-05 14:07:09,ETHBTC,SELL,0.031,2,0.062,0.000062,BTC'].join('\n');
    const r = importTradesCsv(text, { accountId: 'acc1' });
    expect(r.format).toBe('binance-spot');
    expect(r.trades[0]).toMatchObject({ symbol: 'ETH/BTC', side: 'sell', price: 0.031, amount: 2, cost: 0.062, feeCost: 0.000062, feeCurrency: 'BTC' });
  });

  it('keeps only rows older than `before` (history the API does not serve)', () => {
    const r = importTradesCsv(BINANCE_SPOT, { accountId: 'acc1', before: Date.UTC(2024, 2, 5, 15) });
    expect(r.trades).toHaveLength(1);
    expect(r.skipped.notBefore).toBe(2);
  });
});

describe('importTradesCsv: Binance USD-M futures', () => {
  const FUTURES = [
    'Time(UTC),Symbol,Side,Price,Quantity,Amount,Fee,Realized Profit',
    '2024-03-05 14:07:09,BTCUSDT,BUY,62000,0.010,620.00USDT,0.24800000USDT,0.00000000USDT',
    '2024-03-05 16:00:00,BTCUSDT,SELL,63000,0.010,630.00USDT,0.25200000USDT,10.00000000USDT',
  ].join('\n');

  it('maps rows to linear fills with the exchange realized P&L, which reconciles', () => {
    const r = importTradesCsv(FUTURES, { accountId: 'acc1' });
    expect(r.format).toBe('binance-futures');
    expect(r.trades[1]).toMatchObject({ marketType: 'linear', symbol: 'BTC/USDT:USDT', side: 'sell', price: 63000, amount: 0.01, cost: 630, feeCost: 0.252, feeCurrency: 'USDT', exchangeRealizedPnl: 10 });
    const j = computeJournal(r.trades);
    // 0.01 x (63000 - 62000) = 10; fees 0.248 + 0.252 = 0.5; net 9.5
    expect(j.positions[0]?.realizedPnl).toBeCloseTo(10, 8);
    expect(j.positions[0]?.netPnl).toBeCloseTo(9.5, 8);
    expect(reconcileRealizedPnl(r.trades, j.fills, []).differences).toEqual([]);
  });

  it('rejects dated delivery contracts instead of mis-mapping them', () => {
    const text = ['Time(UTC),Symbol,Side,Price,Quantity,Amount,Fee,Realized Profit', '2024-03-05 14:07:09,BTCUSDT_240329,BUY,62000,1,62000,1,0'].join('\n');
    const r = importTradesCsv(text, { accountId: 'acc1', mode: 'lenient' });
    expect(r.trades).toEqual([]);
    expect(r.rejected[0]?.reasons[0]).toMatch(/cannot tell base and quote/);
  });

  it('uses the export trade id so keys equal the API rows’ keys', () => {
    const text = [
      'Uid,Time(UTC),Symbol,Side,Price,Quantity,Amount,Fee,Realized Profit,Trade ID,Order ID,Maker',
      '1,2024-03-05 14:07:09,ETHUSDC,SELL,"3,500.5",2,7001,1.4002,0,98765,555,true',
    ].join('\n');
    const [t] = importTradesCsv(text, { accountId: 'acc1' }).trades;
    expect(t?.key).toBe(tradeKey('binance', 'acc1', 'linear', 'ETH/USDC:USDC', '98765'));
    expect(t).toMatchObject({ price: 3500.5, amount: 2, feeCurrency: 'USDC', orderId: '555', takerOrMaker: 'maker' });
  });
});

describe('importTradesCsv: Bybit', () => {
  it('reads a derivatives export, skipping funding rows', () => {
    const text = [
      'Contracts,Side,Filled Qty,Filled Price,Fee Paid,Trade Type,Transaction ID,Order No.,Trade Time(UTC+0)',
      'BTCUSDT,Buy,0.01,62000,0.341,Trade,a1b2-c3,ord-1,2024-03-05 14:07:09',
      'BTCUSDT,Sell,0.01,62000,0.05,Funding,f-1,,2024-03-05 16:00:00',
    ].join('\n');
    const r = importTradesCsv(text, { accountId: 'acc1' });
    expect(r.format).toBe('bybit');
    expect(r.skipped.notTrades).toBe(1);
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]).toMatchObject({ exchange: 'bybit', marketType: 'linear', symbol: 'BTC/USDT:USDT', tradeId: 'a1b2-c3', orderId: 'ord-1', feeCurrency: 'USDT', timestamp: T0 });
  });

  it('reads a spot export with a fee currency column', () => {
    const text = ['Spot Pairs,Direction,Filled Quantity,Filled Price,Fees,Fee Currency,Transaction ID,Timestamp (UTC)', 'BTCUSDT,BUY,0.1,62000,0.0001,BTC,2100000000051234567,2024-03-05 14:07:09'].join('\n');
    const [t] = importTradesCsv(text, { accountId: 'acc1' }).trades;
    expect(t).toMatchObject({ marketType: 'spot', symbol: 'BTC/USDT', side: 'buy', amount: 0.1, feeCost: 0.0001, feeCurrency: 'BTC', tradeId: '2100000000051234567' });
  });

  it('needs a market type when the export does not say', () => {
    const text = ['Symbol,Side,Exec Qty,Exec Price,Exec Fee,Exec ID,Time', 'ETHUSDT,Sell,1,3000,1.8,x-1,2024-03-05 14:07:09'].join('\n');
    expect(() => importTradesCsv(text, { accountId: 'acc1' })).toThrowError(/lacks required columns/);
    expect(importTradesCsv(text, { accountId: 'acc1', marketType: 'linear' }).trades[0]?.symbol).toBe('ETH/USDT:USDT');
  });
});

describe('importTradesCsv: malformed files', () => {
  const BAD = [
    'Date(UTC),Pair,Side,Price,Executed,Amount,Fee',
    '2024-03-05 14:07:09,BTCUSDT,BUY,62000,0.5BTC,31000USDT,0.0005BTC',
    '2024-02-30 14:07:09,BTCUSDT,BUY,62000,0.5BTC,31000USDT,0.0005BTC',
    '2024-03-05 14:07:09,BTCUSDT,HOLD,abc,0.5BTC,31000USDT,0.0005BTC',
    '2024-03-05 14:07:09,BTCUSDT,SELL,62000,0.5BTC,31000USDT,0.0005BTC,extra',
    '2024-03-05 14:07:09,BTCUSDT,SELL,62000,0.5BTC,31000USDT,"0.5',
  ].join('\n');

  it('strict: throws INVALID_INPUT listing every bad line, returns nothing', () => {
    let error: unknown;
    try {
      importTradesCsv(BAD, { accountId: 'acc1' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    if (!(error instanceof AppError)) return;
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/4 lines .* nothing was imported/);
    expect(error.issues?.map((i) => i.path)).toEqual(['line 3', 'line 4', 'line 5', 'line 6']);
    expect(error.issues?.[1]?.message).toMatch(/side must be BUY or SELL.*price must be a positive number/);
    expect(error.issues?.[3]?.message).toBe('unterminated quoted field');
  });

  it('lenient: valid rows plus rejected lines', () => {
    const r = importTradesCsv(BAD, { accountId: 'acc1', mode: 'lenient' });
    expect(r.trades).toHaveLength(1);
    expect(r.rejected.map((x) => x.line)).toEqual([3, 4, 5, 6]);
    expect(r.rejected[0]?.reasons[0]).toMatch(/unreadable time/);
  });

  it('file-level problems always throw', () => {
    expect(() => importTradesCsv('', { accountId: 'a' })).toThrowError(/no header/);
    expect(() => importTradesCsv('foo,bar\n1,2', { accountId: 'a', mode: 'lenient' })).toThrowError(/not an export the app can read/);
    expect(() => importTradesCsv('Date(UTC),Pair,Side\n', { accountId: 'a', format: 'binance-spot' })).toThrowError(/Price, Executed, Amount, Fee/);
    expect(detectCsvFormat(['foo'])).toBeNull();
  });
});

describe('CSV export', () => {
  it('round-trips trades through the own format (header, quoting, tiny numbers, nulls)', () => {
    const trades = [
      { ...fill({ id: 7, t: T0 + 123, side: 'sell', price: 62000.5, amount: 0.001, fee: 1e-8, exchangeRealizedPnl: -1.25 }), orderId: 'o,"1"', takerOrMaker: 'maker' as const },
      spotFill({ id: 'abc-1', t: T0, side: 'buy', price: 0.00001234, amount: 1234567, fee: 0, feeCurrency: null }),
    ];
    const csv = tradesToCsv(trades);
    expect(csv.split('\r\n')[0]).toBe(TRADE_COLUMNS.join(','));
    expect(csv).toContain('2024-03-05T14:07:09.123Z');
    expect(csv).toContain('0.00000001');
    const r = importTradesCsv(csv, { accountId: 'acc1' });
    expect(r.format).toBe('tradelog');
    expect(r.trades).toEqual(trades);
  });

  it('exports positions with a stable header and ISO times', () => {
    const j = computeJournal([fill({ id: 1, t: T0, side: 'buy', price: 100, amount: 1, fee: 0.02, feeCurrency: 'BNB' }), fill({ id: 2, t: T0 + 1000, side: 'sell', price: 101, amount: 1 })]);
    const { records } = parseCsv(positionsToCsv(j.positions));
    const [header, row] = records;
    const get = (name: string): string | undefined => row?.fields[header?.fields.indexOf(name) ?? -1];
    expect(header?.fields.slice(0, 3)).toEqual(['id', 'kind', 'accountId']);
    expect(get('openedAt')).toBe('2024-03-05T14:07:09.000Z');
    expect(get('closedAt')).toBe('2024-03-05T14:07:10.000Z');
    expect(get('netPnl')).toBe('1');
    expect(get('feesOther')).toBe('BNB:0.02');
    expect(get('fillCount')).toBe('2');
  });
});
