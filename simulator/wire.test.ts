import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hmacHex } from './signing';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from './server';

/** The simulator on the wire, without ccxt: paging rules, error bodies, signatures, limits. */

const DAY = 86_400_000;
const now = Date.now();
const key = DEMO_CREDENTIALS;

function binanceUrl(sim: Simulator, path: string, params: Record<string, string | number>, secret: string = key.secret): string {
  const qs = new URLSearchParams({ ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])), timestamp: String(Date.now()), recvWindow: '5000' }).toString();
  return `${sim.baseUrl}${path}?${qs}&signature=${hmacHex(secret, qs)}`;
}

async function binance(sim: Simulator, path: string, params: Record<string, string | number>, secret?: string): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(binanceUrl(sim, path, params, secret), { headers: { 'X-MBX-APIKEY': key.apiKey } });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

async function bybit(sim: Simulator, path: string, params: Record<string, string | number>, opts: { secret?: string; timestamp?: number } = {}): Promise<{ body: Record<string, unknown>; headers: Headers }> {
  const qs = new URLSearchParams(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]))).toString();
  const ts = String(opts.timestamp ?? Date.now());
  const sign = hmacHex(opts.secret ?? key.secret, ts + key.apiKey + '5000' + qs);
  const res = await fetch(`${sim.baseUrl}${path}?${qs}`, { headers: { 'X-BAPI-API-KEY': key.apiKey, 'X-BAPI-TIMESTAMP': ts, 'X-BAPI-RECV-WINDOW': '5000', 'X-BAPI-SIGN': sign } });
  return { body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

describe('simulator wire behaviour', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({
      history: { seed: 9, start: now - 20 * DAY, end: now - 60_000, listedSpot: 3, listedLinear: 2, tradedSpot: 2, tradedLinear: 1, trades: 90, deposits: 2, withdrawals: 1 },
      // An hour-long window keeps the weight count from resetting mid-test.
      binanceLimits: { windowMs: 3_600_000, limits: { api: 10_000, fapi: 10_000, sapi: 10_000 } },
    });
  });
  afterAll(async () => sim.close());

  it('is deterministic for a seed', async () => {
    const again = await startSimulator({ history: { seed: 9, start: now - 20 * DAY, end: now - 60_000, listedSpot: 3, listedLinear: 2, tradedSpot: 2, tradedLinear: 1, trades: 90, deposits: 2, withdrawals: 1 } });
    try {
      expect(again.groundTruth()).toEqual(sim.groundTruth());
    } finally {
      await again.close();
    }
  });

  it('Binance myTrades: fromId paging ascending, limits, and the real error codes', async () => {
    const first = await binance(sim, '/api/v3/myTrades', { symbol: 'BTCUSDT', fromId: 0, limit: 5 });
    const ids = (first.body as { id: number }[]).map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids).toHaveLength(5);
    expect(first.headers.get('x-mbx-used-weight-1m')).toMatch(/^\d+$/);
    expect((await binance(sim, '/api/v3/myTrades', { fromId: 0 })).body).toMatchObject({ code: -1102 });
    expect((await binance(sim, '/api/v3/myTrades', { symbol: 'NOPEUSDT' })).body).toMatchObject({ code: -1121, msg: 'Invalid symbol.' });
    expect((await binance(sim, '/api/v3/myTrades', { symbol: 'BTCUSDT', fromId: 1, startTime: now - DAY })).body).toMatchObject({ code: -1128 });
    expect((await binance(sim, '/api/v3/myTrades', { symbol: 'BTCUSDT', startTime: now - 2 * DAY, endTime: now })).body).toMatchObject({ code: -1127 });
    expect((await binance(sim, '/api/v3/myTrades', { symbol: 'BTCUSDT', limit: 1001 })).status).toBe(400);
    expect((await binance(sim, '/fapi/v1/userTrades', { symbol: 'BTCUSDT', startTime: now - 8 * DAY, endTime: now })).body).toMatchObject({ code: -1127 });
  });

  it('Binance USD-M aggTrades: public, weight 20, f = the first trade id at a time, windows < 1 hour', async () => {
    const truth = sim.groundTruth();
    const traded = truth.trades.filter((t) => t.marketType === 'linear').sort((a, b) => a.id - b.id);
    const symbol = traded[0]?.symbol ?? '';
    const at = traded[5]?.time ?? 0;
    // Unsigned (a public endpoint): startTime alone gives the aggregates from that time on, ascending.
    const res = await fetch(`${sim.baseUrl}/fapi/v1/aggTrades?symbol=${symbol}&startTime=${at}&limit=1`);
    expect(res.status).toBe(200);
    const rows = (await res.json()) as { a: number; f: number; l: number; T: number }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]?.T).toBeGreaterThanOrEqual(at);
    expect(rows[0]?.f).toBe(traded.find((t) => t.symbol === symbol && t.time >= at)?.id);
    const logged = sim.requestLog.entries.filter((e) => e.path === '/fapi/v1/aggTrades').at(-1);
    expect(logged?.weight).toBe(20);
    const never = truth.markets.find((m) => m.marketType === 'linear' && !traded.some((t) => t.symbol === m.id))?.id ?? '';
    const quiet = (await (await fetch(`${sim.baseUrl}/fapi/v1/aggTrades?symbol=${never}&startTime=${now - DAY}&limit=2`)).json()) as { f: number; T: number }[];
    expect(quiet).toHaveLength(2);
    expect((quiet[1]?.f ?? 0) - (quiet[0]?.f ?? 0)).toBe(1);
    const tooWide = await fetch(`${sim.baseUrl}/fapi/v1/aggTrades?symbol=${symbol}&startTime=${at}&endTime=${at + 3_600_000}`);
    expect(tooWide.status).toBe(400);
    expect(await tooWide.json()).toMatchObject({ code: -1127 });
    expect(await (await fetch(`${sim.baseUrl}/fapi/v1/aggTrades?symbol=${symbol}&limit=1001`)).json()).toMatchObject({ code: -1130 });
  });

  it('Binance signature and timestamp checks: -1022, -1021, -2015', async () => {
    const bad = await binance(sim, '/api/v3/account', {}, 'not-the-secret');
    expect(bad).toMatchObject({ status: 400, body: { code: -1022 } });
    const qs = `timestamp=${Date.now() + 5000}&recvWindow=5000`;
    const ahead = await fetch(`${sim.baseUrl}/api/v3/account?${qs}&signature=${hmacHex(key.secret, qs)}`, { headers: { 'X-MBX-APIKEY': key.apiKey } });
    expect(await ahead.json()).toMatchObject({ code: -1021 });
    const unknown = await fetch(binanceUrl(sim, '/api/v3/account', {}), { headers: { 'X-MBX-APIKEY': 'unknownKey123' } });
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ code: -2015 });
  });

  it('Bybit: cursor pages newest first, windows <= 7 days, 10004 / 10002', async () => {
    const seen: string[] = [];
    let cursor = '';
    let lastTime = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 20; i++) {
      const { body } = await bybit(sim, '/v5/execution/list', { category: 'spot', symbol: 'BTCUSDT', startTime: now - 7 * DAY, endTime: now - 1, limit: 3, ...(cursor === '' ? {} : { cursor }) });
      expect(body['retCode']).toBe(0);
      const result = body['result'] as { list: { execId: string; execTime: string }[]; nextPageCursor: string };
      for (const row of result.list) {
        expect(Number(row.execTime)).toBeLessThanOrEqual(lastTime);
        lastTime = Number(row.execTime);
        seen.push(row.execId);
      }
      cursor = result.nextPageCursor;
      if (cursor === '') break;
    }
    const truth = sim.groundTruth().trades.filter((t) => t.marketType === 'spot' && t.symbol === 'BTCUSDT' && t.time >= now - 7 * DAY && t.time <= now - 1);
    expect(seen.sort()).toEqual(truth.map((t) => t.execId).sort());
    expect((await bybit(sim, '/v5/execution/list', { category: 'spot', startTime: now - 8 * DAY, endTime: now })).body['retCode']).toBe(10001);
    expect((await bybit(sim, '/v5/execution/list', { category: 'spot' }, { secret: 'wrong' })).body['retCode']).toBe(10004);
    expect((await bybit(sim, '/v5/execution/list', { category: 'spot' }, { timestamp: Date.now() - 60_000 })).body['retCode']).toBe(10002);
    const ok = await bybit(sim, '/v5/execution/list', { category: 'linear' });
    expect(ok.headers.get('x-bapi-limit')).toBe('50');
    expect(Number(ok.headers.get('x-bapi-limit-reset-timestamp'))).toBeGreaterThan(Date.now() - 1000);
  });

  it('logs every request without the signature', () => {
    const entries = sim.requestLog.entries;
    expect(entries.length).toBeGreaterThan(10);
    expect(entries.every((e) => typeof e.at === 'number' && typeof e.weight === 'number' && e.method === 'GET')).toBe(true);
    expect(entries.some((e) => e.path === '/api/v3/myTrades' && e.weight === 20 && e.status === 200)).toBe(true);
    expect(entries.every((e) => !('signature' in e.params))).toBe(true);
  });
});

describe('simulator rate limits', () => {
  it('Binance: 429 past the limit with Retry-After until the window ends, then 418 for ignoring it', async () => {
    let t = Date.UTC(2026, 10, 22, 12, 0, 30);
    const sim = await startSimulator({ clock: () => t, history: { seed: 1, start: t - DAY, end: t - 1000, trades: 10 }, binanceLimits: { limits: { api: 3, fapi: 3, sapi: 3 } } });
    try {
      const get = () => fetch(`${sim.baseUrl}/api/v3/time`);
      for (let i = 0; i < 3; i++) expect((await get()).status).toBe(200);
      const limited = await get();
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('30');
      expect(limited.headers.get('x-mbx-used-weight-1m')).toBe('4');
      const banned = await get();
      expect(banned.status).toBe(418);
      expect(Number(banned.headers.get('retry-after'))).toBe(120);
      t += 121_000;
      expect((await get()).status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it('Bybit: per-second window answers 10006 with the limit headers', async () => {
    const t = Date.now();
    const sim = await startSimulator({ clock: () => t, history: { seed: 1, start: t - DAY, end: t - 1000, trades: 10 }, bybitLimits: { limits: { execution: 50, account: 50, asset: 5, user: 10, market: 2 } } });
    try {
      const get = async () => (await fetch(`${sim.baseUrl}/v5/market/time`)).json() as Promise<{ retCode: number }>;
      expect((await get()).retCode).toBe(0);
      expect((await get()).retCode).toBe(0);
      expect((await get()).retCode).toBe(10006);
    } finally {
      await sim.close();
    }
  });
});
