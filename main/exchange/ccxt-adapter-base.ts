import type { Balances, Exchange } from 'ccxt';
import type { ExchangeId, MarketType } from '../../shared/domain/types';
import { AppError } from '../../shared/errors';
import { assertNever } from '../../shared/never';
import type { AdapterOptions, DiscoverRequest, MarketInfo, RateObservation, RequestCost } from './adapter';
import { withCaptures, type ResponseCapture } from './capture';
import { mapExchangeError, type ExchangeFamily } from './errors';
import { installGate } from './gated-ccxt';
import { restrictMarkets } from './markets';
import { scopedGate } from './scoped-gate';
import { gateScopeOf } from '../../shared/sync/gate-scope';

/**
 * What both ccxt adapters share: the gated instance, market loading that recovers from a failed
 * load (ccxt caches the rejected promise), symbol lookup, clock resync and error mapping of
 * anything ccxt throws outside an HTTP request.
 */
export abstract class CcxtAdapterBase {
  readonly exchange: ExchangeId;
  readonly marketTypes: readonly MarketType[];
  protected readonly family: ExchangeFamily;
  protected readonly ex: Exchange;
  protected readonly accountId: string;
  /** Prefix of this adapter's bucket and breaker names: '' for production (shared/sync/gate-scope.ts). */
  protected readonly gateScope: string;
  private markets: MarketInfo[] | null = null;
  private loadFailed = false;
  /** One load at a time: concurrent callers share it instead of each sending exchangeInfo. */
  private loading: Promise<MarketInfo[]> | null = null;

  protected constructor(family: ExchangeFamily, options: AdapterOptions, ex: Exchange) {
    this.family = family;
    this.exchange = options.exchange;
    this.marketTypes = [...options.marketTypes];
    this.accountId = options.accountId;
    this.ex = ex;
    this.gateScope = gateScopeOf(options);
    installGate(ex, {
      family,
      gate: scopedGate(options.gate, this.gateScope),
      costOf: (path, params) => this.costOf(path, params),
      observationOf: (capture) => this.observationOf(capture),
      now: () => Date.now(),
    });
  }

  protected abstract costOf(urlPath: string, params: Record<string, unknown>): RequestCost;
  protected abstract observationOf(capture: ResponseCapture): RateObservation;
  /** The exchange's own notion of "held" for a market type (balances, open positions). */
  protected abstract heldSymbols(marketType: MarketType, markets: MarketInfo[]): Promise<string[]>;

  /**
   * No exchange lists the symbols a user traded: candidates are the engine's hints (previous
   * checkpoints, income, movements) plus every listed market (`all`) or the held ones (`held`).
   * `all` includes delisted markets: Binance keeps them in exchangeInfo (status BREAK, ccxt
   * `active: false`) and still serves their trades, and years of history can sit on them.
   */
  async discoverSymbols(request: DiscoverRequest): Promise<string[]> {
    this.requireMarketType(request.marketType);
    const markets = (await this.ensureMarkets()).filter((m) => m.marketType === request.marketType);
    const known = new Set(markets.map((m) => m.symbol));
    const hinted = request.hints.filter((s) => known.has(s));
    let found: string[];
    switch (request.scope) {
      case 'all':
        found = markets.map((m) => m.symbol);
        break;
      case 'held':
        found = await this.heldSymbols(request.marketType, markets);
        break;
      default:
        return assertNever(request.scope, 'symbol scope');
    }
    return [...new Set([...hinted, ...found])].sort();
  }

  /** Assets with a positive total balance. */
  protected heldAssets(balance: Balances): Set<string> {
    return new Set(Object.entries(balance.total ?? {}).filter(([, v]) => typeof v === 'number' && v > 0).map(([k]) => k));
  }

  /** Runs a ccxt call with errors mapped; returns the responses its requests received too. */
  protected async call<T>(fn: () => Promise<T>): Promise<{ value: T; captures: ResponseCapture[] }> {
    try {
      return await withCaptures(fn);
    } catch (error) {
      throw mapExchangeError(this.family, error, null, Date.now());
    }
  }

  loadMarkets(): Promise<MarketInfo[]> {
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async load(): Promise<MarketInfo[]> {
    // After a failure ccxt would hand back the same rejected promise: force a reload.
    const reload = this.loadFailed;
    try {
      await this.call(() => this.ex.loadMarkets(reload));
      this.loadFailed = false;
    } catch (error) {
      this.loadFailed = true;
      throw error;
    }
    this.markets = restrictMarkets(this.ex.markets, this.marketTypes);
    return this.markets;
  }

  protected async ensureMarkets(): Promise<MarketInfo[]> {
    if (this.markets !== null && !this.loadFailed) return this.markets;
    return this.loadMarkets();
  }

  protected async market(marketType: MarketType, symbol: string): Promise<MarketInfo> {
    const markets = await this.ensureMarkets();
    const found = markets.find((m) => m.symbol === symbol && m.marketType === marketType);
    if (found === undefined) throw new AppError('EXCHANGE_BAD_SYMBOL', `${this.label()}: the exchange does not list ${symbol} (${marketType}).`);
    return found;
  }

  protected requireMarketType(marketType: MarketType): void {
    if (!this.marketTypes.includes(marketType)) throw new AppError('INVALID_INPUT', `${this.label()}: this account does not sync ${marketType} markets.`);
  }

  async resyncClock(): Promise<void> {
    await this.call(() => this.ex.loadTimeDifference());
  }

  protected label(): string {
    return this.family === 'binance' ? 'Binance' : 'Bybit';
  }
}
