import { afterEach, describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../shared/errors';
import type { Fault } from '../../simulator/faults';
import { DEMO_CREDENTIALS } from '../../simulator/server';
import { startHarness, type Harness } from '../../testing/exchange/harness';

/**
 * Every fault the simulator can inject, through real ccxt, must surface as the right AppError
 * code with a safe message (no key, no secret, no signature, no URL).
 */

const DAY = 86_400_000;
const history = { seed: 3, start: Date.now() - 30 * DAY, end: Date.now() - 60_000, listedSpot: 3, listedLinear: 2, tradedSpot: 1, tradedLinear: 1, trades: 20, deposits: 1, withdrawals: 1 };

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw new Error(`expected an AppError, got ${String(error)}`);
  }
  throw new Error('expected a failure');
}

function expectSafe(error: AppError, secret: string): void {
  for (const bad of [DEMO_CREDENTIALS.apiKey, DEMO_CREDENTIALS.secret, secret, 'signature', 'http://', 'timestamp=']) {
    expect(error.message).not.toContain(bad);
  }
}

const CASES: { name: string; fault: Fault; code: ErrorCode; retryAfterMs?: number; persists?: boolean }[] = [
  { name: '5xx burst', fault: { kind: 'http', status: 502 }, code: 'EXCHANGE_TRANSIENT' },
  { name: 'connection reset', fault: { kind: 'reset' }, code: 'EXCHANGE_TRANSIENT' },
  { name: 'hang (client timeout)', fault: { kind: 'hang' }, code: 'EXCHANGE_TRANSIENT' },
  { name: '429 storm', fault: { kind: 'rateLimit', retryAfterMs: 7000 }, code: 'EXCHANGE_RATE_LIMITED', retryAfterMs: 7000 },
  // A ban outlives the one response that announced it.
  { name: 'IP ban', fault: { kind: 'ban', retryAfterMs: 120_000 }, code: 'EXCHANGE_RATE_LIMITED', retryAfterMs: 120_000, persists: true },
  { name: 'truncated JSON', fault: { kind: 'malformed' }, code: 'EXCHANGE_BAD_RESPONSE' },
  { name: 'maintenance', fault: { kind: 'maintenance' }, code: 'EXCHANGE_MAINTENANCE' },
];

for (const exchange of ['binance', 'bybit'] as const) {
  describe(`${exchange}: faults map to AppError codes`, () => {
    let h: Harness | null = null;
    afterEach(async () => {
      await h?.close();
      h = null;
    });
    const tradesPage = (x: Harness) => x.adapter.fetchTradesPage({ marketType: 'spot', symbol: 'BTC/USDT', cursor: null, since: Date.now() - 6 * DAY, limit: 50, now: Date.now() });

    for (const c of CASES) {
      it(`${c.name} -> ${c.code}`, async () => {
        // Only the hang case needs a short client timeout; elsewhere a short one turns a slow but
        // healthy response on a loaded machine into a false EXCHANGE_TRANSIENT.
        h = await startHarness(exchange, { history }, { timeoutMs: c.fault.kind === 'hang' ? 400 : 10_000 });
        await h.adapter.loadMarkets();
        h.sim.faults.inject(c.fault, { match: { path: exchange === 'binance' ? 'myTrades' : 'execution' } });
        const error = await failure(tradesPage(h));
        expect(error.code).toBe(c.code);
        if (c.retryAfterMs !== undefined) expect(error.retryAfterMs).toBe(c.retryAfterMs);
        expectSafe(error, DEMO_CREDENTIALS.secret);
        if (c.persists === true) {
          expect((await failure(tradesPage(h))).code).toBe(c.code);
        } else {
          // The fault is gone: the next request succeeds (no retry inside the adapter).
          await expect(tradesPage(h)).resolves.toBeDefined();
        }
      });
    }

    it('bad signature (wrong secret) -> EXCHANGE_AUTH, and the echoed payload never reaches the message', async () => {
      h = await startHarness(exchange, { history }, { credentials: { apiKey: DEMO_CREDENTIALS.apiKey, secret: 'wrong-secret-value' } });
      const error = await failure(tradesPage(h));
      expect(error.code).toBe('EXCHANGE_AUTH');
      expectSafe(error, 'wrong-secret-value');
      expect(h.sim.requestLog.entries.at(-1)?.errorCode).toBe(exchange === 'binance' ? -1022 : 10004);
    });

    it('no credentials -> EXCHANGE_AUTH before anything is sent', async () => {
      h = await startHarness(exchange, { history }, { credentials: null });
      await h.adapter.loadMarkets();
      const sent = h.sim.requestLog.entries.length;
      expect((await failure(tradesPage(h))).code).toBe('EXCHANGE_AUTH');
      expect(h.sim.requestLog.entries.length).toBe(sent);
    });

    it('key revoked after N requests -> EXCHANGE_AUTH', async () => {
      h = await startHarness(exchange, { history });
      await h.adapter.loadMarkets();
      h.sim.revokeKey(DEMO_CREDENTIALS.apiKey, 1);
      await tradesPage(h);
      const error = await failure(tradesPage(h));
      expect(error.code).toBe('EXCHANGE_AUTH');
    });

    it('clock skew -> EXCHANGE_CLOCK_SKEW, fixed by resyncClock()', async () => {
      h = await startHarness(exchange, { history });
      await h.adapter.loadMarkets();
      // Server clock 30 s behind: our timestamps look like they come from the future.
      h.sim.setClockSkew(-30_000);
      const error = await failure(tradesPage(h));
      expect(error.code).toBe('EXCHANGE_CLOCK_SKEW');
      await h.adapter.resyncClock();
      await expect(tradesPage(h)).resolves.toBeDefined();
    });

    it('a failed market load is retried with a forced reload', async () => {
      h = await startHarness(exchange, { history });
      h.sim.faults.inject({ kind: 'http', status: 500 }, { match: { path: exchange === 'binance' ? 'exchangeInfo' : 'instruments-info' } });
      expect((await failure(h.adapter.loadMarkets())).code).toBe('EXCHANGE_TRANSIENT');
      expect((await h.adapter.loadMarkets()).length).toBeGreaterThan(0);
    });

    it('a market the exchange delisted -> EXCHANGE_BAD_SYMBOL', async () => {
      h = await startHarness(exchange, { history });
      await h.adapter.loadMarkets();
      const markets = h.sim.state.history.markets;
      markets.splice(markets.findIndex((m) => m.marketType === 'spot' && m.id === 'BTCUSDT'), 1);
      const error = await failure(tradesPage(h));
      expect(error.code).toBe('EXCHANGE_BAD_SYMBOL');
      expect((await failure(h.adapter.fetchTradesPage({ marketType: 'spot', symbol: 'NOPE/USDT', cursor: null, since: null, limit: 10, now: Date.now() }))).code).toBe('EXCHANGE_BAD_SYMBOL');
    });
  });
}

describe('real rate limits', () => {
  it('Binance: weight over the minute -> 429 with Retry-After; sending anyway -> 418 ban; headers reach the gate', async () => {
    const h = await startHarness('binance', { history, binanceLimits: { windowMs: 3_600_000, limits: { api: 70, fapi: 2400, sapi: 12000 } } });
    try {
      await h.adapter.loadMarkets(); // exchangeInfo 20 + time 1
      const page = () => h.adapter.fetchTradesPage({ marketType: 'spot', symbol: 'BTC/USDT', cursor: null, since: null, limit: 10, now: Date.now() });
      await page(); // 41
      await page(); // 61
      const limited = await failure(page()); // 81 > 70
      expect(limited.code).toBe('EXCHANGE_RATE_LIMITED');
      expect(limited.retryAfterMs).toBeGreaterThan(0);
      const banned = await failure(page());
      expect(banned.code).toBe('EXCHANGE_RATE_LIMITED');
      expect(banned.message).toContain('banned');
      const statuses = h.gate.observations.filter((o) => o.bucket === 'binance:api').map((o) => o.observation.status);
      expect(statuses.slice(-2)).toEqual([429, 418]);
      expect(h.gate.observations.at(-2)?.observation.usedWeight).toBe(81);
      expect(h.gate.observations.at(-1)?.observation.retryAfterMs).toBe(120_000);
    } finally {
      await h.close();
    }
  });

  it('Bybit: per-second limit -> 10006 with the reset time as retryAfterMs', async () => {
    const h = await startHarness('bybit', { history, bybitLimits: { limits: { execution: 2, account: 50, asset: 5, user: 10, market: 120 }, windowMs: 60_000 } });
    try {
      const page = () => h.adapter.fetchTradesPage({ marketType: 'spot', symbol: 'BTC/USDT', cursor: null, since: Date.now() - DAY, limit: 10, now: Date.now() });
      await page();
      await page();
      const limited = await failure(page());
      expect(limited.code).toBe('EXCHANGE_RATE_LIMITED');
      expect(limited.retryAfterMs).toBeGreaterThan(50_000);
      const last = h.gate.observations.at(-1)?.observation;
      expect(last).toMatchObject({ remaining: 0, limit: 2 });
    } finally {
      await h.close();
    }
  });
});

describe('market loading', () => {
  it('concurrent first calls share one load', async () => {
    const h = await startHarness('binance', { history });
    try {
      await Promise.all([
        h.adapter.loadMarkets(),
        h.adapter.fetchTradesPage({ marketType: 'spot', symbol: 'BTC/USDT', cursor: null, since: null, limit: 10, now: Date.now() }),
        h.adapter.fetchTradesPage({ marketType: 'spot', symbol: 'ETH/USDT', cursor: null, since: null, limit: 10, now: Date.now() }),
      ]);
      expect(h.sim.requestLog.count('/api/v3/exchangeInfo')).toBe(1);
      expect(h.sim.requestLog.count('/fapi/v1/exchangeInfo')).toBe(1);
    } finally {
      await h.close();
    }
  });
});
