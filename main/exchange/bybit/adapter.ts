import type { Balances, Trade, Transaction } from 'ccxt';
import type { KeyPermissions } from '../../../shared/domain/engine';
import type { MarketType } from '../../../shared/domain/types';
import { BYBIT_PAGING } from '../../../shared/exchanges';
import { AppError } from '../../../shared/errors';
import type {
  AdapterOptions, BalancesResult, BucketSpec, ExchangeAdapter, FlowsPageRequest, IncomePageRequest, MarketInfo, MovementsPageRequest, Page, RateObservation, RequestCost, SystemStatus, TradesPageRequest,
} from '../adapter';
import type { ResponseCapture } from '../capture';
import { createBybitCcxt } from '../ccxt-instance';
import { CcxtAdapterBase } from '../ccxt-adapter-base';
import { spotCandidates } from '../markets';
import { bybitObservation } from '../observe';
import { bybitBuckets, bybitCost } from './costs';
import { bodyCursor, bodyList, envelopeResult } from './cursor';
import { windowedPage } from './paging';
import { scopedBuckets } from '../scoped-gate';

const byTime = <T extends { timestamp?: number | undefined }>(rows: T[]): T[] => [...rows].sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));

/** Bybit v5 unified account: spot + linear (USDT/USDC perpetuals). */
export class BybitAdapter extends CcxtAdapterBase implements ExchangeAdapter {
  constructor(options: AdapterOptions) {
    super('bybit', options, createBybitCcxt({
      credentials: options.credentials, marketTypes: options.marketTypes, testnet: options.testnet, baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs ?? 0,
    }));
  }

  protected costOf(urlPath: string, params: Record<string, unknown>): RequestCost {
    return bybitCost(urlPath, params);
  }

  protected observationOf(capture: ResponseCapture): RateObservation {
    return bybitObservation(capture, Date.now());
  }

  buckets(): BucketSpec[] {
    return scopedBuckets(bybitBuckets(), this.gateScope);
  }

  /** Spot: markets of held assets. Linear activity shows up in the transaction log, which the engine passes back as hints. */
  protected async heldSymbols(marketType: MarketType, markets: MarketInfo[]): Promise<string[]> {
    return marketType === 'spot' ? spotCandidates(markets, this.heldAssets(await this.balances())) : [];
  }

  async fetchTradesPage(request: TradesPageRequest): Promise<Page> {
    this.requireMarketType(request.marketType);
    const market = await this.market(request.marketType, request.symbol);
    const p = BYBIT_PAGING.execution;
    const limit = Math.max(1, Math.min(request.limit, p.maxLimit));
    return windowedPage(request, p, async (startTime, endTime, cursor) => {
      // Not ccxt's fetchMyTrades: it always sends execType=Trade, which leaves out liquidations
      // (BustTrade), auto-deleverages (AdlTrade) and deliveries. Without the filter Bybit returns
      // every type; funding rows come along and the trade normalizer keeps them out of fills.
      const params = { category: request.marketType, symbol: market.id, startTime, endTime, limit, ...(cursor === null ? {} : { cursor }) };
      const { value, captures } = await this.call(async () => {
        const raw: unknown = await this.ex.privateGetV5ExecutionList(params);
        return raw;
      });
      const list = bodyList(value);
      if (list === null) throw new AppError('EXCHANGE_BAD_RESPONSE', 'Bybit: the execution list could not be read.');
      const rows = this.ex.parseTrades(list, this.ex.market(market.symbol));
      return { rows: byTime<Trade>(rows), captures, next: bodyCursor(value) };
    });
  }

  async fetchMovementsPage(request: MovementsPageRequest): Promise<Page> {
    await this.ensureMarkets();
    const p = BYBIT_PAGING.movements;
    const limit = Math.max(1, Math.min(request.limit, p.maxLimit));
    return windowedPage(request, p, async (startTime, endTime, cursor) => {
      const params = { endTime, ...(cursor === null ? {} : { cursor }) };
      const { value, captures } = await this.call(() => (request.type === 'deposit'
        ? this.ex.fetchDeposits(undefined, startTime, limit, params)
        : this.ex.fetchWithdrawals(undefined, startTime, limit, params)));
      // ccxt copies the page cursor into the first wire row's `info` (its addPaginationCursorToResult).
      const next = value.map((t) => (t.info as Record<string, unknown> | undefined)?.['nextPageCursor']).find((c): c is string => typeof c === 'string' && c !== '') ?? null;
      return { rows: byTime<Transaction>(value), captures, next };
    });
  }

  async fetchIncomePage(request: IncomePageRequest): Promise<Page> {
    this.requireMarketType(request.marketType);
    // Funding and settlement exist for derivatives only.
    if (request.marketType === 'spot') return { rows: [], next: request.cursor ?? { kind: 'window', windowStart: request.now, pageCursor: null }, done: true };
    await this.ensureMarkets();
    const p = BYBIT_PAGING.transactionLog;
    const limit = Math.max(1, Math.min(request.limit, p.maxLimit));
    return windowedPage(request, p, async (startTime, endTime, cursor) => {
      const params = { accountType: 'UNIFIED', category: 'linear', startTime, endTime, limit, ...(cursor === null ? {} : { cursor }) };
      const { value, captures } = await this.call(async () => {
        const raw: unknown = await this.ex.privateGetV5AccountTransactionLog(params);
        return raw;
      });
      const rows = bodyList(value);
      if (rows === null) throw new AppError('EXCHANGE_BAD_RESPONSE', 'Bybit: the transaction log could not be read.');
      // Newest first on the wire; oldest first for the engine.
      return { rows: [...rows].reverse(), captures, next: bodyCursor(value) };
    });
  }

  /**
   * One page of linear closed P&L records (docs "Get Closed PnL": 7-day windows over 730 days,
   * limit <= 100, its own rate-limit bucket), oldest first. A reconciliation source read on
   * demand (closed-pnl.ts in this folder), not a stored stream.
   */
  async fetchClosedPnlPage(request: { cursor: IncomePageRequest['cursor']; since: number | null; now: number; limit: number }): Promise<Page> {
    this.requireMarketType('linear');
    await this.ensureMarkets();
    const p = BYBIT_PAGING.closedPnl;
    const limit = Math.max(1, Math.min(request.limit, p.maxLimit));
    return windowedPage(request, p, async (startTime, endTime, cursor) => {
      const params = { category: 'linear', startTime, endTime, limit, ...(cursor === null ? {} : { cursor }) };
      const { value, captures } = await this.call(async () => {
        const raw: unknown = await this.ex.privateGetV5PositionClosedPnl(params);
        return raw;
      });
      const rows = bodyList(value);
      if (rows === null) throw new AppError('EXCHANGE_BAD_RESPONSE', 'Bybit: the closed P&L list could not be read.');
      return { rows: [...rows].reverse(), captures, next: bodyCursor(value) };
    });
  }

    /** Bybit's converts, earn and transfers are not imported: the transaction log carries what reaches the unified wallet. */
  flowSubtypes(): readonly string[] {
    return [];
  }

  fetchFlowsPage(request: FlowsPageRequest): Promise<Page> {
    return Promise.resolve({ rows: [], next: request.cursor ?? { kind: 'window', windowStart: request.now, pageCursor: null }, done: true });
  }

  private async balances(): Promise<Balances> {
    await this.ensureMarkets();
    return (await this.call(() => this.ex.fetchBalance({ accountType: 'UNIFIED' }))).value;
  }

  async fetchBalances(marketType: MarketType): Promise<BalancesResult> {
    this.requireMarketType(marketType);
    // One unified wallet serves both market types.
    const raw = await this.balances();
    return { marketType, timestamp: typeof raw.timestamp === 'number' ? raw.timestamp : Date.now(), raw };
  }

  /**
   * GET /v5/system/status: maintenance records with begin/end (ms as strings; end is the expected
   * end while one runs). A record not "completed" whose window holds now is maintenance in progress.
   */
  async systemStatus(): Promise<SystemStatus> {
    const { value } = await this.call(async () => {
      const raw: unknown = await this.ex.publicGetV5SystemStatus();
      return raw;
    });
    const rows = bodyList(value);
    if (rows === null) throw new AppError('EXCHANGE_BAD_RESPONSE', 'Bybit: the system status could not be read.');
    const now = Date.now();
    for (const row of rows) {
      if (typeof row !== 'object' || row === null) continue;
      const r = row as Record<string, unknown>;
      const begin = Number(r['begin']);
      const end = r['end'] === '' || r['end'] === undefined ? null : Number(r['end']);
      const state = String(r['state'] ?? '');
      if (state === 'completed' || state === 'canceled' || !(begin <= now) || (end !== null && Number.isFinite(end) && end <= now)) continue;
      return { maintenance: true, endsAt: end !== null && Number.isFinite(end) ? end : null };
    }
    return { maintenance: false, endsAt: null };
  }

  async checkPermissions(): Promise<KeyPermissions> {
    const { value } = await this.call(async () => {
      const raw: unknown = await this.ex.privateGetV5UserQueryApi();
      return raw;
    });
    const result = envelopeResult(value);
    if (result === null) throw new AppError('EXCHANGE_BAD_RESPONSE', 'Bybit: the key permissions could not be read.');
    const r = result as Record<string, unknown>;
    const perms = typeof r['permissions'] === 'object' && r['permissions'] !== null ? (r['permissions'] as Record<string, unknown>) : {};
    const list = (name: string): string[] => (Array.isArray(perms[name]) ? (perms[name] as unknown[]).map(String) : []);
    const tradeGroups = ['ContractTrade', 'Spot', 'Options', 'Derivatives', 'CopyTrading', 'BlockTrade', 'Exchange'];
    const ips = Array.isArray(r['ips']) ? (r['ips'] as unknown[]).map(String) : null;
    return {
      canRead: true,
      canTrade: Number(r['readOnly']) === 0 || tradeGroups.some((g) => list(g).length > 0),
      canWithdraw: list('Wallet').includes('Withdraw'),
      ipRestricted: ips === null ? null : !(ips.length === 1 && ips[0] === '*'),
      marketTypes: [...this.marketTypes],
      checkedAt: Date.now(),
    };
  }
}
