import type { Balances } from 'ccxt';
import type { KeyPermissions } from '../../../shared/domain/engine';
import type { AssetFlowKind, Cursor, MarketType } from '../../../shared/domain/types';
import { BINANCE_PAGING } from '../../../shared/exchanges';
import { AppError } from '../../../shared/errors';
import type {
  AdapterOptions, BalancesResult, BucketSpec, ExchangeAdapter, FlowsPageRequest, IncomePageRequest, IncomeWindow, MarketInfo, MovementsPageRequest, Page,
  RateObservation, RequestCost, SystemStatus, TradesPageRequest,
} from '../adapter';
import type { ResponseCapture } from '../capture';
import { createBinanceCcxt } from '../ccxt-instance';
import { CcxtAdapterBase } from '../ccxt-adapter-base';
import { spotCandidates } from '../markets';
import { binanceObservation } from '../observe';
import { binanceBuckets, binanceCost } from './costs';
import { binanceIncomePage, binanceIncomeWindows } from './income';
import { binanceMovementsPage } from './movements';
import { binanceTradesPage } from './trades';
import { binanceFlowSubtypes, binanceFlowsPage } from './wallet';
import { scopedBuckets } from '../scoped-gate';
import { scopedName } from '../../../shared/sync/gate-scope';

/** Binance spot + USD-M (and the demo exchange, which is this adapter pointed at the simulator). */
export class BinanceAdapter extends CcxtAdapterBase implements ExchangeAdapter {
  /** Spot counts on `api`, USD-M on `fapi`, the wallet on `sapi` (shared/exchanges/binance.ts). */
  readonly bucketPerMarketType = true;
  /** GET /fapi/v1/income serves the last 3 months; every fill with a fee or realized P&L has a row there. */
  readonly incomeHistoryMs = BINANCE_PAGING.income.historyMs;

  constructor(options: AdapterOptions) {
    super('binance', options, createBinanceCcxt({
      credentials: options.credentials, marketTypes: options.marketTypes, testnet: options.testnet, baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs ?? 0,
    }));
  }

  protected costOf(urlPath: string, params: Record<string, unknown>): RequestCost {
    return binanceCost(urlPath, params);
  }

  protected observationOf(capture: ResponseCapture): RateObservation {
    return binanceObservation(capture, Date.now());
  }

  buckets(): BucketSpec[] {
    return scopedBuckets(binanceBuckets(), this.gateScope);
  }

  /** Spot: markets of held assets. USD-M: symbols with an open position (income adds the rest as hints). */
  protected async heldSymbols(marketType: MarketType, markets: MarketInfo[]): Promise<string[]> {
    const balance = await this.balances(marketType);
    if (marketType === 'spot') {
      return spotCandidates(markets, this.heldAssets(balance));
    }
    const info: unknown = balance.info;
    const positions = typeof info === 'object' && info !== null ? (info as Record<string, unknown>)['positions'] : undefined;
    if (!Array.isArray(positions)) return [];
    const ids = new Set(positions.filter((p: unknown) => typeof p === 'object' && p !== null && Number((p as Record<string, unknown>)['positionAmt']) !== 0)
      .map((p: unknown) => String((p as Record<string, unknown>)['symbol'])));
    return markets.filter((m) => ids.has(m.id)).map((m) => m.symbol);
  }

  async fetchTradesPage(request: TradesPageRequest): Promise<Page> {
    this.requireMarketType(request.marketType);
    const market = await this.market(request.marketType, request.symbol);
    return (await this.call(() => binanceTradesPage(this.ex, market, request))).value;
  }

  tradesPageCost(marketType: MarketType): { bucket: string; weight: number } {
    const { bucket, weight } = binanceCost(marketType === 'spot' ? '/api/v3/myTrades' : '/fapi/v1/userTrades', {});
    return { bucket: scopedName(this.gateScope, bucket), weight };
  }

  incomeWindows(request: { marketType: MarketType; cursor: Cursor | null; since: number | null; now: number }): IncomeWindow[] {
    // Spot has no income stream: one window whose page says so.
    if (request.marketType === 'spot') return [{ cursor: request.cursor ?? { kind: 'window', windowStart: request.now, pageCursor: null }, until: null }];
    return binanceIncomeWindows(request);
  }

  async fetchMovementsPage(request: MovementsPageRequest): Promise<Page> {
    await this.ensureMarkets();
    return (await this.call(() => binanceMovementsPage(this.ex, request))).value;
  }

  async fetchIncomePage(request: IncomePageRequest): Promise<Page> {
    this.requireMarketType(request.marketType);
    // Spot has no income stream on Binance.
    if (request.marketType === 'spot') return { rows: [], next: request.cursor ?? { kind: 'window', windowStart: request.now, pageCursor: null }, done: true };
    await this.ensureMarkets();
    return (await this.call(() => binanceIncomePage(this.ex, request))).value;
  }

  flowSubtypes(kind: AssetFlowKind): readonly string[] {
    return binanceFlowSubtypes(kind);
  }

  async fetchFlowsPage(request: FlowsPageRequest): Promise<Page> {
    await this.ensureMarkets();
    return (await this.call(() => binanceFlowsPage(this.ex, request))).value;
  }

  private async balances(marketType: MarketType): Promise<Balances> {
    await this.ensureMarkets();
    const params = marketType === 'spot' ? { type: 'spot' } : { type: 'swap', subType: 'linear' };
    return (await this.call(() => this.ex.fetchBalance(params))).value;
  }

  async fetchBalances(marketType: MarketType): Promise<BalancesResult> {
    this.requireMarketType(marketType);
    const raw = await this.balances(marketType);
    return { marketType, timestamp: typeof raw.timestamp === 'number' ? raw.timestamp : Date.now(), raw };
  }

  /** GET /sapi/v1/system/status: `status` 0 = normal, 1 = system maintenance; no end time is given. */
  async systemStatus(): Promise<SystemStatus> {
    const { value } = await this.call(async () => {
      const raw: unknown = await this.ex.sapiGetSystemStatus();
      return raw;
    });
    const status = typeof value === 'object' && value !== null ? Number((value as Record<string, unknown>)['status']) : Number.NaN;
    if (status !== 0 && status !== 1) throw new AppError('EXCHANGE_BAD_RESPONSE', 'Binance: the system status could not be read.');
    return { maintenance: status === 1, endsAt: null };
  }

  async checkPermissions(): Promise<KeyPermissions> {
    const { value } = await this.call(async () => {
      const raw: unknown = await this.ex.sapiGetAccountApiRestrictions();
      return raw;
    });
    if (typeof value !== 'object' || value === null) throw new AppError('EXCHANGE_BAD_RESPONSE', 'Binance: the key permissions could not be read.');
    const r = value as Record<string, unknown>;
    return {
      canRead: r['enableReading'] === true,
      canTrade: r['enableSpotAndMarginTrading'] === true || r['enableFutures'] === true || r['enableMargin'] === true,
      canWithdraw: r['enableWithdrawals'] === true,
      ipRestricted: typeof r['ipRestrict'] === 'boolean' ? r['ipRestrict'] : null,
      marketTypes: [...this.marketTypes],
      checkedAt: Date.now(),
    };
  }
}
