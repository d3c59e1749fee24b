import type { Exchange } from 'ccxt';
import type { Account, MarketType } from '../../shared/domain/types';
import { AppError } from '../../shared/errors';
import { BINANCE_KLINE_PATHS, binanceFuturesKlineWeight } from '../../shared/exchanges/klines';
import { TIMEFRAME_MS, type Candle, type Timeframe } from '../../shared/market/candles';
import { assertNever } from '../../shared/never';
import type { RequestCost, RequestGate } from '../exchange/adapter';
import { binanceBuckets, binanceCost } from '../exchange/binance/costs';
import { bybitBuckets, bybitCost } from '../exchange/bybit/costs';
import { createBinanceCcxt, createBybitCcxt } from '../exchange/ccxt-instance';
import { mapExchangeError, type ExchangeFamily } from '../exchange/errors';
import { installGate } from '../exchange/gated-ccxt';
import { binanceObservation, bybitObservation } from '../exchange/observe';
import type { DemoExchangePort } from '../core/ports';
import type { UsageGate } from './share-gate';
import { gateScopeOf } from '../../shared/sync/gate-scope';
import { scopedBuckets, scopedGate } from '../exchange/scoped-gate';

/**
 * Candles for charts from the exchanges' public kline endpoints, through ccxt's fetchOHLCV: no
 * key is used (the endpoints are public), every request goes through the market-data gate (a
 * small share of the engine's limiter). One ccxt instance per exchange endpoint, so markets load
 * once; a failed market load drops the instance so the next chart retries it.
 */

export interface CandleRequest {
  account: Account;
  /** Unified symbol as stored on fills (`BTC/USDT`, `BTC/USDT:USDT`). */
  symbol: string;
  timeframe: Timeframe;
  /** First candle open time (inclusive). */
  from: number;
  /** Last candle open time (inclusive). */
  to: number;
}

/** Most candles one request asks for: Binance spot's and Bybit's page limit. */
const PAGE = 1000;

function familyOf(account: Account): ExchangeFamily {
  switch (account.exchange) {
    case 'binance':
    case 'demo':
      return 'binance';
    case 'bybit':
      return 'bybit';
    default:
      return assertNever(account.exchange, 'exchange');
  }
}

function marketTypeOf(symbol: string): MarketType {
  // ccxt's unified linear symbols carry their settle currency (`BTC/USDT:USDT`); spot ones do not.
  return symbol.includes(':') ? 'linear' : 'spot';
}

export function klineCost(family: ExchangeFamily, urlPath: string, params: Record<string, unknown>): RequestCost {
  if (family === 'bybit') return bybitCost(urlPath, params);
  const cost = binanceCost(urlPath, params);
  if (urlPath !== BINANCE_KLINE_PATHS.linear) return cost;
  const limit = typeof params['limit'] === 'number' ? params['limit'] : undefined;
  return { ...cost, weight: binanceFuturesKlineWeight(limit) };
}

interface Instance {
  ex: Exchange;
  markets: Promise<unknown>;
}

export class KlineClient {
  private readonly instances = new Map<string, Instance>();

  constructor(
    private readonly gate: RequestGate,
    private readonly engineGate: Pick<UsageGate, 'register'>,
    private readonly demo: DemoExchangePort,
  ) {}

  async candles(request: CandleRequest): Promise<Candle[]> {
    const { account, symbol, timeframe, from, to } = request;
    const family = familyOf(account);
    const marketType = marketTypeOf(symbol);
    if (!account.marketTypes.includes(marketType)) throw new AppError('INVALID_INPUT', `This account does not sync ${marketType} markets.`);
    const instance = await this.instance(account, family);
    const ms = TIMEFRAME_MS[timeframe];
    const out: Candle[] = [];
    try {
      for (let since = from; since <= to;) {
        const limit = Math.min(PAGE, Math.floor((to - since) / ms) + 1);
        const rows = await instance.ex.fetchOHLCV(symbol, timeframe, since, limit);
        let last = -1;
        for (const row of rows) {
          const [t, o, h, l, c, v] = row;
          if (typeof t !== 'number' || t < since || t > to) continue;
          out.push({ t, o: Number(o), h: Number(h), l: Number(l), c: Number(c), v: Number(v ?? 0) });
          last = Math.max(last, t);
        }
        if (last < 0) break;
        since = last + ms;
      }
    } catch (error) {
      throw mapExchangeError(family, error, null, Date.now());
    }
    return out;
  }

  private async instance(account: Account, family: ExchangeFamily): Promise<Instance> {
    const baseUrl = account.exchange === 'demo' ? (await this.demo.ensureStarted()).baseUrl : account.baseUrl;
    const key = JSON.stringify([family, baseUrl, account.testnet, [...account.marketTypes].sort()]);
    const existing = this.instances.get(key);
    if (existing !== undefined) return existing;
    const options = { credentials: null, marketTypes: account.marketTypes, testnet: account.exchange === 'demo' ? false : account.testnet, baseUrl, timeoutMs: 0 };
    const ex = family === 'binance' ? createBinanceCcxt(options) : createBybitCcxt(options);
    // Demo and testnet candles spend their own servers' budgets, not production's (shared/sync/gate-scope.ts).
    const scope = gateScopeOf(account);
    this.engineGate.register(scopedBuckets(family === 'binance' ? binanceBuckets() : bybitBuckets(), scope));
    installGate(ex, {
      family,
      gate: scopedGate(this.gate, scope),
      costOf: (path, params) => klineCost(family, path, params),
      observationOf: (capture) => (family === 'binance' ? binanceObservation(capture, Date.now()) : bybitObservation(capture, Date.now())),
      now: () => Date.now(),
    });
    const instance: Instance = { ex, markets: ex.loadMarkets() };
    this.instances.set(key, instance);
    try {
      await instance.markets;
    } catch (error) {
      this.instances.delete(key);
      throw mapExchangeError(family, error, null, Date.now());
    }
    return instance;
  }
}
