import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './server';

/** The kline endpoints on the wire (no ccxt): formats, order, weights, and candles consistent with the fills. */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = Date.UTC(2026, 5, 1, 12, 0, 30);

describe('simulator klines', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({
      clock: () => now,
      history: { seed: 5, start: now - 10 * DAY, end: now - HOUR, listedSpot: 2, listedLinear: 1, tradedSpot: 1, tradedLinear: 1, trades: 300, deposits: 0, withdrawals: 0 },
      binanceLimits: { windowMs: 3_600_000 },
    });
  });
  afterAll(async () => sim.close());

  const get = async (path: string): Promise<unknown> => (await fetch(`${sim.baseUrl}${path}`)).json();

  it('Binance spot: oldest first, [openTime, "o", "h", "l", "c", "v", closeTime, ...], weight 2', async () => {
    const from = now - 5 * DAY - ((now - 5 * DAY) % HOUR);
    const rows = (await get(`/api/v3/klines?symbol=BTCUSDT&interval=1h&startTime=${from}&limit=3`)) as unknown[][];
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r[0])).toEqual([from, from + HOUR, from + 2 * HOUR]);
    expect(rows[0]?.[6]).toBe(from + HOUR - 1);
    for (const r of rows) expect(r.slice(1, 6).every((v) => typeof v === 'string')).toBe(true);
    expect(rows[1]?.[1]).toBe(rows[0]?.[4]);
    const logged = sim.requestLog.entries.filter((e) => e.path === '/api/v3/klines');
    expect(logged.at(-1)?.weight).toBe(2);
  });

  it('Binance USD-M: weight by limit; without times the newest candles up to now', async () => {
    const rows = (await get('/fapi/v1/klines?symbol=BTCUSDT&interval=1m&limit=50')) as unknown[][];
    expect(rows).toHaveLength(50);
    expect(rows.at(-1)?.[0]).toBe(now - (now % 60_000));
    await get('/fapi/v1/klines?symbol=BTCUSDT&interval=1m&limit=600');
    const weights = sim.requestLog.entries.filter((e) => e.path === '/fapi/v1/klines').map((e) => e.weight);
    expect(weights).toEqual([1, 5]);
    const bad = (await fetch(`${sim.baseUrl}/fapi/v1/klines?symbol=BTCUSDT&interval=7m`));
    expect(bad.status).toBe(400);
  });

  it('Bybit: result.list newest first, all strings', async () => {
    const start = now - 2 * DAY - ((now - 2 * DAY) % (15 * 60_000));
    const body = (await get(`/v5/market/kline?category=linear&symbol=BTCUSDT&interval=15&start=${start}&limit=4`)) as { retCode: number; result: { list: string[][] } };
    expect(body.retCode).toBe(0);
    expect(body.result.list.map((r) => Number(r[0]))).toEqual([start + 45 * 60_000, start + 30 * 60_000, start + 15 * 60_000, start]);
    expect(body.result.list.flat().every((v) => typeof v === 'string')).toBe(true);
    const bad = (await get('/v5/market/kline?category=option&symbol=BTCUSDT&interval=15')) as { retCode: number };
    expect(bad.retCode).toBe(10001);
  });

  it('every fill lies within the high/low of its candle, at 1m and at 1h', async () => {
    const truth = sim.groundTruth();
    for (const marketType of ['spot', 'linear'] as const) {
      const fills = truth.trades.filter((t) => t.marketType === marketType && t.symbol === 'BTCUSDT');
      expect(fills.length).toBeGreaterThan(20);
      for (const [interval, ms] of [['1m', 60_000], ['1h', HOUR]] as const) {
        for (const f of fills.slice(0, 25)) {
          const open = f.time - (f.time % ms);
          const path = marketType === 'spot' ? '/api/v3/klines' : '/fapi/v1/klines';
          const [row] = (await get(`${path}?symbol=BTCUSDT&interval=${interval}&startTime=${open}&limit=1`)) as string[][];
          expect(Number(row?.[0])).toBe(open);
          expect(Number(f.price)).toBeGreaterThanOrEqual(Number(row?.[3]));
          expect(Number(f.price)).toBeLessThanOrEqual(Number(row?.[2]));
        }
      }
    }
  });
});
