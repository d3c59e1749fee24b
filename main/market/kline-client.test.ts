import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, ExchangeId } from '../../shared/domain/types';
import { AppError } from '../../shared/errors';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { TIMEFRAME_MS, candleStart } from '../../shared/market/candles';
import { startSimulator, type Simulator } from '../../simulator/server';
import { systemClock } from '../sync/clock';
import { EngineGate } from '../sync/gate';
import { KlineClient } from './kline-client';
import { MarketDataGate } from './share-gate';

/** Real ccxt fetchOHLCV against the simulator, through the engine's gate with the market-data share. */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = Date.now();

function account(exchange: ExchangeId, baseUrl: string): Account {
  return {
    id: `acc-${exchange}`, exchange, label: exchange, marketTypes: ['spot', 'linear'], testnet: false, baseUrl, historyStart: null,
    symbolScope: 'all', credentialRef: null, status: 'active', scheduleMinutes: null, createdAt: 0, updatedAt: 0, lastAttemptAt: null, lastSuccessAt: null,
  };
}

describe('KlineClient', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({
      history: { seed: 3, start: now - 6 * DAY, end: now - HOUR, listedSpot: 2, listedLinear: 1, tradedSpot: 1, tradedLinear: 1, trades: 200, deposits: 0, withdrawals: 0 },
    });
  });
  afterAll(async () => sim.close());

  const setup = (share?: number, maxWaitMs?: number) => {
    const gate = new EngineGate(systemClock, () => DEFAULT_SETTINGS);
    const market = new MarketDataGate(gate, systemClock, share, maxWaitMs);
    const demo = { ensureStarted: async () => ({ baseUrl: sim.baseUrl, credentials: { apiKey: 'x', secret: 'y' } }) };
    return { gate, market, client: new KlineClient(market, gate, demo) };
  };

  it.each([['binance', 'BTC/USDT'], ['binance', 'BTC/USDT:USDT'], ['bybit', 'BTC/USDT'], ['bybit', 'BTC/USDT:USDT']] as const)(
    '%s %s: contiguous candles over the range, every fill inside its candle, no key sent', async (exchange, symbol) => {
      const { client } = setup();
      const marketType = symbol.includes(':') ? 'linear' : 'spot';
      const fills = sim.groundTruth().trades.filter((t) => t.marketType === marketType && t.symbol === 'BTCUSDT');
      const first = fills[0];
      if (first === undefined) throw new Error('no fills');
      const ms = TIMEFRAME_MS['15m'];
      const from = candleStart(first.time, '15m') - 10 * ms;
      const to = from + 299 * ms;
      const candles = await client.candles({ account: account(exchange, sim.baseUrl), symbol, timeframe: '15m', from, to });
      expect(candles).toHaveLength(300);
      expect(candles.every((c, i) => c.t === from + i * ms && c.l <= c.o && c.l <= c.c && c.h >= c.o && c.h >= c.c)).toBe(true);
      for (const f of fills.filter((t) => t.time >= from && t.time < to + ms)) {
        const c = candles.find((k) => k.t === candleStart(f.time, '15m'));
        expect(Number(f.price)).toBeGreaterThanOrEqual(c?.l ?? Number.NaN);
        expect(Number(f.price)).toBeLessThanOrEqual(c?.h ?? Number.NaN);
      }
      const klineRequests = sim.requestLog.entries.filter((e) => e.path.endsWith('klines') || e.path === '/v5/market/kline');
      expect(klineRequests.length).toBeGreaterThan(0);
      expect(klineRequests.every((e) => !('signature' in e.params) && !('timestamp' in e.params))).toBe(true);
    });

  it('pages past 1000 candles', async () => {
    const { client } = setup();
    const ms = TIMEFRAME_MS['1m'];
    const to = candleStart(now - 2 * HOUR, '1m');
    const from = to - 1499 * ms;
    const candles = await client.candles({ account: account('binance', sim.baseUrl), symbol: 'BTC/USDT', timeframe: '1m', from, to });
    expect(candles).toHaveLength(1500);
    expect(new Set(candles.map((c) => c.t)).size).toBe(1500);
  });

  it('waits while the bucket is spent or paused, and fails typed when it never frees up; nothing is sent', async () => {
    const { gate, market, client } = setup(0.1, 600);
    const acc = account('binance', sim.baseUrl);
    // Markets first (exchangeInfo), so the only request left is the klines one.
    const to = candleStart(now - 3 * HOUR, '1h');
    await client.candles({ account: acc, symbol: 'BTC/USDT', timeframe: '1h', from: to, to });
    const before = sim.requestLog.entries.length;
    // A sync spent this minute's 6000.
    gate.observe('binance:api', { status: 200, usedWeight: 6000 });
    expect(market.fits({ bucket: 'binance:api', weight: 2, group: 'binance:spot' })).toBe(false);
    const error = await client.candles({ account: acc, symbol: 'BTC/USDT', timeframe: '1h', from: to, to }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('EXCHANGE_RATE_LIMITED');
    expect(sim.requestLog.entries.length).toBe(before);
  });

});
