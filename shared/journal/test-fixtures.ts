import { incomeKey, tradeKey } from '../domain/keys';
import type { Income, MarketType, Side, Trade } from '../domain/types';
import type { Position } from './types';

/** Builders for tests: short to write, complete records. Not used by production code. */
export interface FillSpec {
  id: string | number;
  t: number;
  side: Side;
  price: number;
  amount: number;
  fee?: number;
  feeCurrency?: string | null;
  symbol?: string;
  marketType?: MarketType;
  accountId?: string;
  exchangeRealizedPnl?: number | null;
}

export function fill(spec: FillSpec): Trade {
  const marketType = spec.marketType ?? 'linear';
  const symbol = spec.symbol ?? (marketType === 'linear' ? 'BTC/USDT:USDT' : 'BTC/USDT');
  const accountId = spec.accountId ?? 'acc1';
  const tradeId = String(spec.id);
  return {
    key: tradeKey('binance', accountId, marketType, symbol, tradeId),
    accountId,
    exchange: 'binance',
    marketType,
    symbol,
    tradeId,
    orderId: null,
    timestamp: spec.t,
    side: spec.side,
    price: spec.price,
    amount: spec.amount,
    cost: spec.price * spec.amount,
    feeCost: spec.fee ?? 0,
    feeCurrency: spec.feeCurrency === undefined ? 'USDT' : spec.feeCurrency,
    takerOrMaker: null,
    exchangeRealizedPnl: spec.exchangeRealizedPnl ?? null,
  };
}

export function spotFill(spec: Omit<FillSpec, 'marketType'>): Trade {
  return fill({ ...spec, marketType: 'spot' });
}

export interface IncomeSpec {
  id: string | number;
  t: number;
  amount: number;
  type?: Income['incomeType'];
  symbol?: string | null;
  asset?: string;
  accountId?: string;
}

export function income(spec: IncomeSpec): Income {
  const accountId = spec.accountId ?? 'acc1';
  const incomeType = spec.type ?? 'FUNDING_FEE';
  return {
    key: incomeKey('binance', accountId, incomeType, String(spec.id)),
    accountId,
    exchange: 'binance',
    marketType: 'linear',
    symbol: spec.symbol === undefined ? 'BTC/USDT:USDT' : spec.symbol,
    incomeType,
    rawType: incomeType,
    incomeId: String(spec.id),
    asset: spec.asset ?? 'USDT',
    amount: spec.amount,
    timestamp: spec.t,
  };
}

/** A closed position with just the fields stats read; netPnl is taken as given. */
export function closedPosition(spec: { id: string; closedAt: number | null; netPnl: number; symbol?: string; accountId?: string; fees?: number; funding?: number; quoteCurrency?: string }): Position {
  return {
    id: spec.id,
    kind: 'futures',
    accountId: spec.accountId ?? 'acc1',
    exchange: 'binance',
    marketType: 'linear',
    symbol: spec.symbol ?? 'BTC/USDT:USDT',
    quoteCurrency: spec.quoteCurrency ?? 'USDT',
    direction: 'long',
    status: spec.closedAt === null ? 'open' : 'closed',
    openedAt: 0,
    closedAt: spec.closedAt,
    durationMs: spec.closedAt,
    openQty: 0,
    maxQty: 1,
    entryQty: 1,
    avgEntryPrice: 1,
    closedQty: 1,
    avgExitPrice: 1,
    realizedPnl: spec.netPnl + (spec.fees ?? 0) - (spec.funding ?? 0),
    fees: spec.fees ?? 0,
    feesOther: {},
    funding: spec.funding ?? 0,
    fundingOther: {},
    netPnl: spec.netPnl,
    unmatchedQty: 0,
    dustQty: 0,
    fillKeys: [],
  };
}
