import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarketType } from '../../../shared/domain/types';
import type { SimTrade } from '../../../simulator/types';
import { field, infoField, startHarness, walk, type Harness } from '../../../testing/exchange/harness';

const DAY = 86_400_000;
const now = Date.now();
const start = now - 80 * DAY;

function truthIds(trades: SimTrade[], marketType: MarketType, symbol: string): string[] {
  return trades.filter((t) => t.marketType === marketType && t.symbol === symbol).map((t) => String(t.id)).sort();
}

describe('Binance adapter against the simulator (real ccxt over loopback HTTP)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('binance', {
      // Real limits are exercised in the error tests; here the walks must not trip them.
      binanceLimits: { limits: { api: 1_000_000, fapi: 1_000_000, sapi: 1_000_000 } },
      history: {
        seed: 7, start, end: now - 3_600_000, listedSpot: 6, listedLinear: 4, tradedSpot: 2, tradedLinear: 2, trades: 260,
        // A page-size multiple (pages of 100) and fills sitting exactly on window edges.
        exactCounts: { 'spot:ETHUSDT': 200, 'linear:ETHUSDT': 100 },
        edgeTimes: [start + 7 * DAY, start + 7 * DAY - 1, start + 14 * DAY],
        deposits: 9, withdrawals: 4,
      },
    });
  });
  afterAll(async () => h.close());

  it('loads only spot and linear markets and keeps ids colliding across symbols', async () => {
    const markets = await h.adapter.loadMarkets();
    expect(markets.filter((m) => m.marketType === 'spot')).toHaveLength(6);
    expect(markets.filter((m) => m.marketType === 'linear')).toHaveLength(4);
    expect(markets.find((m) => m.symbol === 'BTC/USDT:USDT')?.settle).toBe('USDT');
    const truth = h.sim.groundTruth().trades;
    const btc = new Set(truthIds(truth, 'spot', 'BTCUSDT'));
    expect(truthIds(truth, 'spot', 'ETHUSDT').some((id) => btc.has(id))).toBe(true);
  });

  for (const [marketType, symbol, id] of [['spot', 'BTC/USDT', 'BTCUSDT'], ['spot', 'ETH/USDT', 'ETHUSDT'], ['linear', 'BTC/USDT:USDT', 'BTCUSDT'], ['linear', 'ETH/USDT:USDT', 'ETHUSDT']] as const) {
    it(`walks ${marketType} ${symbol} fully, then incrementally after new fills`, async () => {
      const fetch = (cursor: Parameters<typeof h.adapter.fetchTradesPage>[0]['cursor']) =>
        h.adapter.fetchTradesPage({ marketType, symbol, cursor, since: null, limit: 100, now: Date.now() });
      const full = await walk(fetch, null);
      const got = full.rows.map((r) => String(field(r, 'id'))).sort();
      expect(got).toEqual(truthIds(h.sim.groundTruth().trades, marketType, id));
      expect(new Set(got).size).toBe(got.length);
      expect(full.rows.every((r) => field(r, 'symbol') === symbol)).toBe(true);
      const added = h.sim.addTrades({ marketType, symbol: id, count: 3 });
      const inc = await walk(fetch, full.cursor);
      expect(inc.rows.map((r) => String(field(r, 'id'))).sort()).toEqual(added.map((t) => String(t.id)).sort());
      expect(inc.pages).toBe(1);
    });
  }

  it('filters by since without skipping the cursor past unreturned rows', async () => {
    const since = start + 40 * DAY;
    const fetch = (cursor: Parameters<typeof h.adapter.fetchTradesPage>[0]['cursor']) =>
      h.adapter.fetchTradesPage({ marketType: 'spot', symbol: 'BTC/USDT', cursor, since, limit: 50, now: Date.now() });
    const res = await walk(fetch, null);
    const expected = h.sim.groundTruth().trades.filter((t) => t.marketType === 'spot' && t.symbol === 'BTCUSDT' && t.time >= since);
    expect(res.rows.map((r) => String(field(r, 'id'))).sort()).toEqual(expected.map((t) => String(t.id)).sort());
  });

  it('walks USD-M income in 7-day windows, rows sharing timestamps included exactly once', async () => {
    const t = Date.now();
    const res = await walk((cursor) => h.adapter.fetchIncomePage({ marketType: 'linear', cursor, since: null, limit: 7, now: t }), null, 2000);
    const got = res.rows.map((r) => `${String(field(r, 'incomeType'))}|${String(field(r, 'tranId'))}`).sort();
    const truth = h.sim.groundTruth().income.filter((i) => i.time >= t - 90 * DAY).map((i) => `${i.incomeType}|${i.tranId}`).sort();
    expect(got).toEqual(truth);
    expect(new Set(got).size).toBe(got.length);
    // Pnl and commission of one fill share a tranId: unique only with the type.
    expect(new Set(res.rows.map((r) => String(field(r, 'tranId')))).size).toBeLessThan(got.length);
  });

  it('pages income correctly when more rows share one timestamp than fit a page', async () => {
    const t = Date.now();
    const truth = h.sim.groundTruth().income.filter((i) => i.time >= t - 90 * DAY);
    const perMs = new Map<number, number>();
    for (const i of truth) perMs.set(i.time, (perMs.get(i.time) ?? 0) + 1);
    expect(Math.max(...perMs.values())).toBeGreaterThan(2);
    const res = await walk((cursor) => h.adapter.fetchIncomePage({ marketType: 'linear', cursor, since: null, limit: 2, now: t }), null, 5000);
    const got = res.rows.map((r) => `${String(field(r, 'incomeType'))}|${String(field(r, 'tranId'))}`).sort();
    expect(got).toEqual(truth.map((i) => `${i.incomeType}|${i.tranId}`).sort());
  });

  it('walks deposits and withdrawals in 90-day windows with offset pages', async () => {
    const t = Date.now();
    for (const type of ['deposit', 'withdrawal'] as const) {
      const res = await walk((cursor) => h.adapter.fetchMovementsPage({ type, cursor, since: start - DAY, limit: 2, now: t }), null);
      const truth = h.sim.groundTruth().movements.filter((m) => m.type === type).map((m) => m.id).sort();
      expect(res.rows.map((r) => String(field(r, 'id'))).sort()).toEqual(truth);
      expect(res.rows.every((r) => field(r, 'type') === type)).toBe(true);
    }
  });

  it('reads balances, permissions and charges the right buckets with the exchange weights', async () => {
    const spot = await h.adapter.fetchBalances('spot');
    expect(field(field(spot.raw, 'total'), 'USDT')).toBeGreaterThan(0);
    const linear = await h.adapter.fetchBalances('linear');
    // The USD-M wallet is the sum of every income row (transfers in, P&L, fees, funding).
    const incomeSum = h.sim.groundTruth().income.reduce((n, i) => n + Number(i.income), 0);
    expect(field(field(linear.raw, 'total'), 'USDT')).toBeCloseTo(incomeSum, 6);
    const perms = await h.adapter.checkPermissions();
    expect(perms).toMatchObject({ canRead: true, canTrade: false, canWithdraw: false, ipRestricted: false });
    const held = await h.adapter.discoverSymbols({ marketType: 'spot', scope: 'held', hints: ['XRP/USDT', 'NOPE/USDT'] });
    expect(held).toEqual(expect.arrayContaining(['BTC/USDT', 'ETH/USDT', 'XRP/USDT']));
    expect(held).not.toContain('NOPE/USDT');
    const myTrades = h.gate.costs.filter((c) => c.bucket === 'binance:api' && c.weight === 20);
    expect(myTrades.length).toBeGreaterThan(0);
    expect(h.gate.costs.some((c) => c.bucket === 'binance:fapi' && c.weight === 30 && c.group === 'binance:linear')).toBe(true);
    expect(h.gate.costs).toHaveLength(h.sim.requestLog.entries.length);
  });

  it('feeds X-MBX-USED-WEIGHT-1M of each response to its own bucket, even for concurrent requests', async () => {
    h.gate.observations.length = 0;
    h.sim.faults.inject({ kind: 'latency', ms: 150 }, { match: { path: '/api/v3/myTrades' } });
    await Promise.all([
      h.adapter.fetchTradesPage({ marketType: 'spot', symbol: 'BTC/USDT', cursor: null, since: null, limit: 10, now: Date.now() }),
      h.adapter.fetchTradesPage({ marketType: 'linear', symbol: 'BTC/USDT:USDT', cursor: { kind: 'fromId', fromId: '0' }, since: null, limit: 10, now: Date.now() }),
    ]);
    const api = h.gate.observations.find((o) => o.bucket === 'binance:api');
    const fapi = h.gate.observations.find((o) => o.bucket === 'binance:fapi');
    const t = Date.now();
    expect(api?.observation.usedWeight).toBe(h.sim.binanceLimiter.usedWeight('api', t));
    expect(fapi?.observation.usedWeight).toBe(h.sim.binanceLimiter.usedWeight('fapi', t));
    expect(api?.observation.usedWeight).not.toBe(fapi?.observation.usedWeight);
  });

  it('never logs a signature in the request log', () => {
    expect(h.sim.requestLog.entries.every((e) => !('signature' in e.params))).toBe(true);
    expect(infoField({ info: { a: 1 } }, 'a')).toBe(1);
  });
});
