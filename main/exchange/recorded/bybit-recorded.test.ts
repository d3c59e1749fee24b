import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultNormalizers } from '../../sync/defaultNormalizers';
import { indexMarkets } from '../../sync/normalizers';
import { startHarness, type Harness } from '../../../testing/exchange/harness';

/**
 * Recorded Bybit bodies (see README.md for where each comes from) through the real adapter (ccxt
 * over loopback HTTP) and the real normalizers. Expected records are read off the docs by hand.
 */

const fixture = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));
const NOW = 1_800_000_000_000;

describe('Bybit recorded responses through the adapter and normalizers', () => {
  let h: Harness;
  beforeAll(async () => {
    // XRP and ETH are listed linear markets of the simulator (the fixtures name XRPUSDT; ETHPERP and XMRUSDT are parsed against the requested market).
    h = await startHarness('bybit', { history: { seed: 3, start: Date.now() - 86_400_000, end: Date.now() - 60_000, listedSpot: 2, listedLinear: 5, tradedSpot: 0, tradedLinear: 0, trades: 0, deposits: 0, withdrawals: 0 } });
  });
  afterAll(async () => h.close());

  async function linearIndex() {
    return indexMarkets(await h.adapter.loadMarkets(), 'linear');
  }

  it('transaction log (docs example): funding paid stays negative, fees become negative commissions, rows without id key on tradeId', async () => {
    h.sim.faults.inject({ kind: 'recorded', body: fixture('bybit-transaction-log.docs.json') }, { match: { path: '/v5/account/transaction-log' } });
    const page = await h.adapter.fetchIncomePage({ marketType: 'linear', cursor: null, since: 1_672_100_000_000, limit: 50, now: 1_672_132_481_405 });
    // The recorded page says more follow: the adapter keeps the exchange's cursor inside the window.
    expect(page.done).toBe(false);
    expect(page.next).toMatchObject({ kind: 'window', pageCursor: '21963%3A1%2C14954%3A1' });
    const { valid, invalid } = defaultNormalizers.income(page.rows, { exchange: 'bybit', accountId: 'a', now: NOW, marketType: 'linear', markets: await linearIndex() });
    expect(invalid).toEqual([]);
    const got = valid.map((i) => [i.incomeType, i.rawType, i.incomeId, i.symbol, i.asset, i.amount, i.timestamp]);
    // Written from the docs: `funding` "-0.003676" is a payment (change = cashFlow + funding - fee = -0.003676);
    // each TRADE row's `fee` is paid (positive), cashFlow 0 = nothing realized.
    expect(got).toEqual(expect.arrayContaining([
      ['FUNDING_FEE', 'SETTLEMENT', '534c0003-4bf7-486f-aa02-78cee36825e4', 'XRP/USDT:USDT', 'USDT', -0.003676, 1672128000000],
      ['COMMISSION', 'TRADE', '5184f079-88ec-54c7-8774-5173cafd2b4e', 'XRP/USDT:USDT', 'USDT', -0.0190872, 1672121182224],
      ['COMMISSION', 'TRADE', '8569c10f-5061-5891-81c4-a54929847eb3', 'XRP/USDT:USDT', 'USDT', -0.0026028, 1672121182224],
    ]));
    expect(got).toHaveLength(3);
    // Every record's amount is the row's `change`: nothing lost between the wire and the journal.
    expect(valid.reduce((s, i) => s + i.amount, 0)).toBeCloseTo(-0.003676 - 0.0190872 - 0.0026028, 10);
  });

  it('execution list (docs example, no execType filter): a Trade row becomes one fill', async () => {
    h.sim.faults.inject({ kind: 'recorded', body: fixture('bybit-execution-list.docs.json') }, { match: { path: '/v5/execution/list' } });
    const page = await h.adapter.fetchTradesPage({ marketType: 'linear', symbol: 'ETH/USDT:USDT', cursor: null, since: 1_672_280_000_000, limit: 100, now: 1_672_283_754_510 });
    const sent = h.sim.requestLog.entries.filter((e) => e.path === '/v5/execution/list').at(-1);
    // Every execution type is asked for: liquidations and auto-deleverages are fills too.
    expect(sent?.params['execType']).toBeUndefined();
    const { valid, invalid } = defaultNormalizers.trades(page.rows, { exchange: 'bybit', accountId: 'a', now: NOW, marketType: 'linear', symbol: 'ETH/USDT:USDT', markets: await linearIndex() });
    expect(invalid).toEqual([]);
    expect(valid.map((t) => [t.tradeId, t.orderId, t.side, t.price, t.amount, t.feeCost, t.takerOrMaker, t.timestamp])).toEqual([
      ['e0cbe81d-0f18-5866-9415-cf319b5dab3b', '8c065341-7b52-4ca9-ac2c-37e31ac55c94', 'buy', 1190.15, 0.1, 0.071409, 'taker', 1672282722429],
    ]);
  });

  it('execution list (ccxt recording): a Funding row is not a fill and not an error', async () => {
    h.sim.faults.inject({ kind: 'recorded', body: fixture('bybit-execution-funding.ccxt.json') }, { match: { path: '/v5/execution/list' } });
    const page = await h.adapter.fetchTradesPage({ marketType: 'linear', symbol: 'ETH/USDT:USDT', cursor: null, since: 1_710_900_000_000, limit: 100, now: 1_710_950_401_000 });
    // ccxt parses it as a trade (a buy or sell of 0.98 at 137.11) ...
    expect(page.rows).toHaveLength(1);
    const { valid, invalid } = defaultNormalizers.trades(page.rows, { exchange: 'bybit', accountId: 'a', now: NOW, marketType: 'linear', symbol: 'ETH/USDT:USDT', markets: await linearIndex() });
    // ... but it moved no position: the journal gets its money from the transaction log's SETTLEMENT row.
    expect(valid).toEqual([]);
    expect(invalid).toEqual([]);
  });
});
