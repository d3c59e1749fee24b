import { balanceSnapshotKey, incomeKey, movementKey, tradeKey } from '../../shared/domain/keys';
import type { ExchangeId, MarketType, Trade } from '../../shared/domain/types';
import { AppError } from '../../shared/errors';
import type { BucketSpec, ExchangeAdapter, MarketInfo, Page, RequestGate, TradesPageRequest } from '../../main/exchange/adapter';
import type { Normalizers } from '../../main/sync/normalizers';

/** A raw fake trade row, as a ccxt-like object. */
export interface RawTrade {
  id: number;
  symbol: string;
  timestamp: number;
}

export interface FakeExchangeOptions {
  /** symbol -> number of trades (ids 1..n, one per minute from t0). */
  history: Record<string, number>;
  t0?: number;
  pageLimit?: number;
}

export type Fault = (call: { method: string; symbol?: string; n: number }) => AppError | null;

/**
 * Scripted exchange for unit tests: spot symbols with id-sequenced trades (Binance-like), every
 * call charged through the gate like a real adapter, faults injected per call.
 */
export class FakeExchange {
  readonly calls: { method: string; symbol?: string; at: number }[] = [];
  fault: Fault = () => null;
  /** While set, every call waits for it (a slow exchange). */
  block: Promise<void> | null = null;
  resyncs = 0;
  private n = 0;

  constructor(readonly options: FakeExchangeOptions, private readonly now: () => number) {}

  groundTruth(): string[] {
    const keys: string[] = [];
    for (const [symbol, count] of Object.entries(this.options.history)) {
      for (let id = 1; id <= count; id++) keys.push(tradeKey('demo', 'acc1', 'spot', symbol, String(id)));
    }
    return keys.sort();
  }

  adapter(gate: RequestGate): ExchangeAdapter {
    const cost = { bucket: 'demo:api', weight: 10, group: 'demo:spot' };
    const call = <T>(method: string, symbol: string | undefined, fn: () => T): Promise<T> =>
      gate.run(cost, async () => {
        if (this.block) await this.block;
        this.calls.push({ method, ...(symbol === undefined ? {} : { symbol }), at: this.now() });
        const err = this.fault({ method, ...(symbol === undefined ? {} : { symbol }), n: ++this.n });
        if (err) throw err;
        return fn();
      });
    const markets = (): MarketInfo[] => Object.keys(this.options.history).map((symbol) => {
      const [base = '', quote = ''] = symbol.split('/');
      return { symbol, id: symbol.replace('/', ''), marketType: 'spot' as MarketType, base, quote, settle: null, active: true };
    });
    const empty = (): Page => ({ rows: [], next: { kind: 'window', windowStart: this.now(), pageCursor: null }, done: true });
    const buckets: BucketSpec[] = [{ bucket: 'demo:api', limit: 100_000, windowMs: 60_000, kind: 'fixed' }];
    return {
      exchange: 'demo' as ExchangeId,
      marketTypes: ['spot'],
      loadMarkets: () => call('loadMarkets', undefined, markets),
      discoverSymbols: (req) => call('discover', undefined, () => [...new Set([...req.hints, ...Object.keys(this.options.history)])]),
      fetchTradesPage: (req) => call('trades', req.symbol, () => this.tradesPage(req)),
      fetchMovementsPage: () => call('movements', undefined, empty),
      fetchIncomePage: () => call('income', undefined, empty),
      flowSubtypes: () => [],
      fetchFlowsPage: () => call('flows', undefined, empty),
      fetchBalances: (marketType) => call('balances', undefined, () => ({ marketType, timestamp: this.now(), raw: { USDT: { free: 1, used: 0, total: 1 } } })),
      checkPermissions: () => Promise.resolve({ canRead: true, canTrade: false, canWithdraw: false, ipRestricted: null, marketTypes: ['spot'], checkedAt: this.now() }),
      resyncClock: () => {
        this.resyncs++;
        return Promise.resolve();
      },
      buckets: () => buckets,
    };
  }

  private tradesPage(req: TradesPageRequest): Page {
    const count = this.options.history[req.symbol];
    if (count === undefined) throw new AppError('EXCHANGE_BAD_SYMBOL', `Invalid symbol ${req.symbol}`);
    const from = req.cursor?.kind === 'fromId' ? Number(req.cursor.fromId) : 1;
    const limit = Math.min(req.limit, this.options.pageLimit ?? 1000);
    const t0 = this.options.t0 ?? Date.UTC(2026, 0, 1);
    const rows: RawTrade[] = [];
    for (let id = from; id <= count && rows.length < limit; id++) rows.push({ id, symbol: req.symbol, timestamp: t0 + id * 60_000 });
    const last = rows[rows.length - 1];
    return { rows, next: { kind: 'fromId', fromId: String(last ? last.id + 1 : from) }, done: rows.length < limit };
  }
}

/** Normalizers for the fake rows (the real ones live in shared/normalize). */
export const fakeNormalizers: Normalizers = {
  trades(raw, ctx) {
    const rows: Trade[] = [];
    let bad = 0;
    for (const r of raw as RawTrade[]) {
      if (r.id < 0) {
        bad++;
        continue;
      }
      rows.push({
        key: tradeKey(ctx.exchange, ctx.accountId, ctx.marketType, ctx.symbol, String(r.id)), accountId: ctx.accountId, exchange: ctx.exchange,
        marketType: ctx.marketType, symbol: ctx.symbol, tradeId: String(r.id), orderId: null, timestamp: r.timestamp, side: 'buy', price: 1,
        amount: 1, cost: 1, feeCost: 0, feeCurrency: null, takerOrMaker: null, exchangeRealizedPnl: null,
      });
    }
    return { valid: rows, invalid: bad > 0 ? [{ reason: 'negative id', count: bad, samples: [] }] : [] };
  },
  movements: (raw, ctx) => ({
    valid: (raw as { id: string; timestamp: number }[]).map((r) => ({
      key: movementKey(ctx.exchange, ctx.accountId, ctx.type, r.id), accountId: ctx.accountId, exchange: ctx.exchange, type: ctx.type, movementId: r.id,
      currency: 'USDT', amount: 1, fee: 0, network: null, txid: null, status: 'ok' as const, timestamp: r.timestamp,
    })),
    invalid: [],
  }),
  income: (raw, ctx) => ({
    valid: (raw as { id: string; timestamp: number }[]).map((r) => ({
      key: incomeKey(ctx.exchange, ctx.accountId, 'FUNDING_FEE', r.id), accountId: ctx.accountId, exchange: ctx.exchange, marketType: ctx.marketType,
      symbol: null, incomeType: 'FUNDING_FEE' as const, rawType: 'FUNDING_FEE', incomeId: r.id, asset: 'USDT', amount: 1, timestamp: r.timestamp,
    })),
    invalid: [],
  }),
  flows: () => ({ valid: [], invalid: [] }),
  balances: (result, ctx) => ({
    key: balanceSnapshotKey(ctx.accountId, result.marketType, result.timestamp), accountId: ctx.accountId, marketType: result.marketType,
    timestamp: result.timestamp, balances: [{ currency: 'USDT', free: 1, used: 0, total: 1 }],
  }),
};
