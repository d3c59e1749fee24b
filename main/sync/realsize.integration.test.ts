import { afterEach, describe, expect, it } from 'vitest';
import type { SimulatorOptions } from '../../simulator';
import { binanceTodayHistory } from '../../simulator/scenarios';
import { SIM_TEST_SETTINGS, simSession, type SimSession } from '../../testing/sync/simSession';

/**
 * A real-size Binance account (simulator/scenarios.ts `binanceTodayHistory`: ~2,500 listed spot
 * symbols, a few hundred of them delisted, ~50 traded over two years in five quote assets, bases
 * sold to zero, USD-M perpetuals): the real engine, real ccxt and real Dexie on fake-indexeddb
 * store exactly the simulator's ground truth, every fill once, on a first sync and on re-syncs,
 * while exchangeInfo announces a weight limit below the default the engine would assume: not one
 * 429 or 418 (the simulator's request log). Windows are 1 s so the limit binds within a test.
 * Fills (6,000) and the USD-M listing (40) are scaled down to keep the test near a minute; the
 * spot listing is not. Speed is the bench's business (bench/realsize.ts, docs/BENCHMARKS.md).
 */

const now = Date.now();
const history = binanceTodayHistory({ end: now - 60_000, trades: 6_000, listedLinear: 40 });
/** A tenth of Binance's spot 6,000 and a fifth of USD-M's 2,400 per window (shared/exchanges/binance.ts). */
const announced = { windowMs: 1000, limits: { api: 1200, fapi: 480, sapi: 1e6 } };
const settings = SIM_TEST_SETTINGS;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c().catch(() => undefined);
});

async function session(dbName: string, limits: SimulatorOptions['binanceLimits']): Promise<SimSession> {
  const s = await simSession({ sim: { history, binanceLimits: limits }, settings, dbName });
  cleanups.push(() => s.close());
  return s;
}

const rateLimited = (s: SimSession) => s.sim.requestLog.entries.filter((e) => e.status === 429 || e.status === 418);

/** Stored keys equal the ground truth: every fill, none twice (keys are sorted, so a duplicate would show). */
async function expectExact(s: SimSession): Promise<void> {
  const stored = await s.stored();
  expect(stored.length).toBe(s.sim.groundTruth().trades.length);
  expect(stored).toEqual(s.truth());
}

describe('a real-size Binance account', () => {
  it('first sync and re-syncs store exactly the ground truth (delisted, non-USDT quotes, sold-out bases, USD-M), 0 x 429/418 under a lower announced limit', async () => {
    const s = await session('realsize-1', announced);
    const truth = s.sim.groundTruth();
    const spot = truth.markets.filter((m) => m.marketType === 'spot');
    expect(spot.length).toBeGreaterThanOrEqual(2_400);
    const tradedSpot = new Set(truth.trades.filter((t) => t.marketType === 'spot').map((t) => t.symbol));
    const quotes = new Set(spot.filter((m) => tradedSpot.has(m.id)).map((m) => m.quote));
    expect([...quotes].sort()).toEqual(['BNB', 'BTC', 'BUSD', 'ETH', 'FDUSD', 'USDT']);
    const balances = s.sim.state.wallets().binanceSpot;
    const soldOut = [...new Set(spot.filter((m) => tradedSpot.has(m.id)).map((m) => m.base))].filter((b) => Math.abs(balances.get(b) ?? 0) < 1e-9);
    expect(soldOut.length).toBe(3);

    const first = await s.finished(await s.request(), 150_000);
    expect(first.error).toBeNull();
    expect(first.status).toBe('SUCCEEDED');
    await expectExact(s);
    expect(s.sim.requestLog.count('/api/v3/myTrades')).toBeGreaterThanOrEqual(spot.length);
    expect(rateLimited(s)).toEqual([]);
    expect(s.engine.status().limiters.find((l) => l.bucket === 'binance:api')).toMatchObject({ limit: 1200, windowMs: 1000 });

    // Nothing new, then new fills on three symbols: a BTC-quoted one, a round trip on a sold-out
    // base (its balance stays 0) and a USD-M one. All found, once.
    expect((await s.sync()).status).toBe('SUCCEEDED');
    await expectExact(s);
    const btcQuoted = spot.find((m) => m.quote === 'BTC' && tradedSpot.has(m.id));
    const soldOutMarket = spot.find((m) => soldOut.includes(m.base) && tradedSpot.has(m.id));
    const linear = truth.trades.find((t) => t.marketType === 'linear');
    if (btcQuoted === undefined || soldOutMarket === undefined || linear === undefined) throw new Error('scenario lacks a market the test needs');
    s.sim.addTrades({ marketType: 'spot', symbol: btcQuoted.id, count: 3 });
    s.sim.state.addRoundTrip(soldOutMarket.id);
    s.sim.addTrades({ marketType: 'linear', symbol: linear.symbol, count: 2 });
    expect(Math.abs(s.sim.state.wallets().binanceSpot.get(soldOutMarket.base) ?? 0)).toBeLessThan(1e-9);
    const again = await s.sync();
    expect(again.status).toBe('SUCCEEDED');
    await expectExact(s);
    expect(rateLimited(s)).toEqual([]);
  }, 240_000);
});
