import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetFlowKind } from '../../../shared/domain/types';
import { defaultNormalizers } from '../../sync/defaultNormalizers';
import { normalizeTrades } from '../../../shared/normalize/trades';
import { startHarness, type Harness } from '../../../testing/exchange/harness';

/**
 * Recorded Binance wallet bodies (README.md says where each comes from) through the real adapter
 * (ccxt over loopback HTTP, signed) and the real normalizer. Expected legs are read off the docs.
 */

const fixture = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));

describe('Binance recorded wallet responses through the adapter and normalizers', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('binance', { history: { seed: 3, start: Date.now() - 86_400_000, end: Date.now() - 60_000, listedSpot: 2, listedLinear: 1, tradedSpot: 0, tradedLinear: 0, trades: 0, deposits: 0, withdrawals: 0 } });
  });
  afterAll(async () => h.close());

  async function replay(path: string, file: string, kind: AssetFlowKind, subtype: string, since: number, now: number) {
    h.sim.faults.inject({ kind: 'recorded', body: fixture(file) }, { match: { path } });
    const page = await h.adapter.fetchFlowsPage({ kind, subtype, cursor: null, since, limit: 100, now });
    const { valid, invalid } = defaultNormalizers.flows(page.rows, { exchange: 'binance', accountId: 'a', now: now + 1000, kind });
    expect(invalid).toEqual([]);
    return { page, valid };
  }

  it('convert: USDT out, BNB in, keyed by quoteId (orderId is above 2^53)', async () => {
    const { valid } = await replay('/sapi/v1/convert/tradeFlow', 'binance-convert-tradeflow.ccxt.json', 'convert', '', 1_623_824_139_000, 1_626_416_139_000);
    expect(valid.map((f) => [f.flowId, f.timestamp, f.legs])).toEqual([
      ['f3b91c525b2644c7bc1e1cd31b6e1aa6', 1624248872184, [{ wallet: 'spot', asset: 'USDT', amount: -20 }, { wallet: 'spot', asset: 'BNB', amount: 0.06154036 }]],
    ]);
  });

  it('dust: every small balance out, transferedAmount BNB in and the service charge out as a fee leg', async () => {
    const { valid } = await replay('/sapi/v1/asset/dribblet', 'binance-dribblet.ccxt.json', 'dust', '', 1_627_000_000_000, 1_627_600_000_000);
    expect(valid).toHaveLength(1);
    const [flow] = valid;
    expect(flow?.flowId).toBe('70899815863');
    expect(flow?.timestamp).toBe(1627575731000);
    expect(flow?.legs.slice(0, 2)).toEqual([{ wallet: 'spot', asset: 'LTC', amount: -0.000006 }, { wallet: 'spot', asset: 'GBP', amount: -0.15949157 }]);
    // totalTransferedAmount "0.00072693" = 0.00000267 + 0.00072426.
    expect(flow?.legs[2]?.asset).toBe('BNB');
    expect(flow?.legs[2]?.amount).toBeCloseTo(0.00072693, 12);
    // totalServiceChargeAmount "0.00001453" = 0.00000005 + 0.00001448, each 2% of its transferedAmount (truncated):
    // the charge is taken from transferedAmount, so the wallet gains 0.00071240 BNB.
    expect(flow?.legs[3]?.asset).toBe('BNB');
    expect(flow?.legs[3]?.amount).toBeCloseTo(-0.00001453, 12);
    expect(flow?.legs.length).toBe(4);
  });

  it('distributions: two rows with one tranId stay two records (keyed by id)', async () => {
    const { valid } = await replay('/sapi/v1/asset/assetDividend', 'binance-asset-dividend.docs.json', 'reward', '', 1_563_100_000_000, 1_563_200_000_000);
    expect(valid.map((f) => [f.flowId, f.rawType, f.timestamp, f.legs])).toEqual([
      ['1631750237', 'BHFT distribution', 1563189165000, [{ wallet: 'spot', asset: 'BHFT', amount: 10 }]],
      ['1637366104', 'BHFT distribution', 1563189166000, [{ wallet: 'spot', asset: 'BHFT', amount: 10 }]],
    ]);
    expect(new Set(valid.map((f) => f.key)).size).toBe(2);
  });

  it('transfer MAIN_UMFUTURE: out of spot, into the USD-M wallet', async () => {
    const { valid } = await replay('/sapi/v1/asset/transfer', 'binance-asset-transfer.ccxt.json', 'transfer', 'MAIN_UMFUTURE', 1_614_600_000_000, 1_614_700_000_000);
    const sent = h.sim.requestLog.entries.filter((e) => e.path === '/sapi/v1/asset/transfer').at(-1);
    expect(sent?.params['type']).toBe('MAIN_UMFUTURE');
    expect(valid.map((f) => [f.flowId, f.rawType, f.timestamp, f.legs])).toEqual([
      ['43000126248', 'MAIN_UMFUTURE', 1614640878000, [{ wallet: 'spot', asset: 'USDT', amount: -25 }, { wallet: 'linear', asset: 'USDT', amount: 25 }]],
    ]);
  });
});

describe('Binance recorded trade pages through the adapter and the trades normalizer', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('binance', { history: { seed: 3, start: Date.now() - 86_400_000, end: Date.now() - 60_000, listedSpot: 6, listedLinear: 1, tradedSpot: 0, tradedLinear: 0, trades: 0, deposits: 0, withdrawals: 0, quotes: ['USDT', 'BTC'] } });
  });
  afterAll(async () => h.close());

  async function replay(path: string, file: string, marketType: 'spot' | 'linear', symbol: string, knownSymbols: string[]) {
    h.sim.faults.inject({ kind: 'recorded', body: fixture(file) }, { match: { path } });
    const page = await h.adapter.fetchTradesPage({ marketType, symbol, cursor: { kind: 'fromId', fromId: '0' }, since: null, limit: 1000, now: 1_700_000_000_000 });
    const n = normalizeTrades(page.rows, { exchange: 'binance', accountId: 'a', marketType, now: 1_700_000_000_000, knownSymbols: new Set(knownSymbols) });
    expect(n.invalid).toEqual([]);
    return { page, valid: n.valid };
  }

  it('spot myTrades, the docs example: one BNB/BTC buy at 4.000001 for 12, fee 10.1 BNB; the next page starts after its id', async () => {
    const { page, valid } = await replay('/api/v3/myTrades', 'binance-my-trades.docs.json', 'spot', 'BNB/BTC', ['BNB/BTC']);
    expect(valid.map((t) => [t.tradeId, t.orderId, t.timestamp, t.side, t.price, t.amount, t.cost, t.feeCost, t.feeCurrency, t.takerOrMaker])).toEqual([
      ['28457', '100234', 1499865549590, 'buy', 4.000001, 12, 48.000012, 10.1, 'BNB', 'taker'],
    ]);
    expect(page.next).toEqual({ kind: 'fromId', fromId: '28458' });
    expect(page.done).toBe(true);
  });

  it('USD-M userTrades, the rows ccxt recorded: two sells in id order, each with the realized P&L it states', async () => {
    const { page, valid } = await replay('/fapi/v1/userTrades', 'binance-user-trades.ccxt.json', 'linear', 'BTC/USDT:USDT', ['BTC/USDT:USDT']);
    expect(valid.map((t) => [t.tradeId, t.side, t.price, t.amount, t.cost, t.feeCost, t.feeCurrency, t.exchangeRealizedPnl])).toEqual([
      ['698759', 'sell', 7819.01, 0.002, 0.01563, -0.0781901, 'USDT', -0.91539999],
      ['477128891', 'sell', 38479.55, 0.001, 38.47955, -0.00076959, 'USDT', -0.00009534],
    ]);
    expect(page.next).toEqual({ kind: 'fromId', fromId: '477128892' });
  });
});
