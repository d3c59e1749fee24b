import { assetFlowKey, incomeKey, tradeKey } from '../../shared/domain/keys';
import type { AssetFlow, AssetFlowKind, Income, MarketType, Side, Trade } from '../../shared/domain/types';
import type { Position } from '../../shared/journal/types';

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
    fillCount: 1,
  };
}

/** A small deterministic PRNG (mulberry32) so randomized tests replay exactly from their seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RandomHistory {
  fills: Trade[];
  funding: Income[];
  realizedIncome: Income[];
}

/**
 * A random but plausible history of one account+symbol: ties on timestamps, partial closes,
 * flips (futures), base and quote fees and sells beyond inventory (spot), funding rows at random
 * times (some exactly at fill times), in time order. For property tests of the P&L code.
 */
export function randomHistory(seed: number, options: { fills: number; marketType: MarketType; accountId?: string }): RandomHistory {
  const rand = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const linear = options.marketType === 'linear';
  const accountId = options.accountId ?? 'acc1';
  const symbol = linear ? 'BTC/USDT:USDT' : 'BTC/USDT';
  const fills: Trade[] = [];
  let t = 1_000;
  let price = 100;
  let inventory = 0;
  for (let i = 0; i < options.fills; i++) {
    t += pick([0, 0, 1, 2, 5, 30]);
    price = Math.max(1, price + pick([-3, -1, 0, 1, 2, 4]));
    const amount = pick([0.5, 1, 1, 1.5, 2, 3]);
    const side: Side = linear ? pick(['buy', 'sell'] as const) : (inventory > 0 && rand() < 0.45) || rand() < 0.05 ? 'sell' : 'buy';
    const baseFee = !linear && side === 'buy' && rand() < 0.3;
    // Sells size to the inventory most of the time, so round trips close (and sometimes oversell).
    const qty = !linear && side === 'sell' ? (rand() < 0.6 && inventory > 0 ? inventory : amount) : amount;
    inventory = side === 'buy' ? inventory + qty - (baseFee ? qty * 0.001 : 0) : Math.max(0, inventory - qty);
    fills.push(fill({
      id: 10_000 + i, t, side, price, amount: qty, marketType: options.marketType, symbol, accountId,
      fee: baseFee ? qty * 0.001 : Math.round(qty * price * 0.0004 * 1e6) / 1e6,
      feeCurrency: baseFee ? 'BTC' : 'USDT',
      exchangeRealizedPnl: linear && rand() < 0.5 ? pick([0, 1, -2]) : null,
    }));
  }
  const funding: Income[] = [];
  const realizedIncome: Income[] = [];
  if (linear) {
    const end = t + 50;
    for (let i = 0; i < Math.ceil(options.fills / 3); i++) {
      const at = rand() < 0.3 ? (pick(fills)?.timestamp ?? 0) : Math.floor(rand() * end);
      funding.push(income({ id: `f${i}`, t: at, amount: pick([-0.5, -0.1, 0.2, 0.3]), symbol, accountId, asset: rand() < 0.1 ? 'BNB' : 'USDT' }));
    }
    for (let i = 0; i < 5; i++) realizedIncome.push(income({ id: `r${i}`, t: Math.floor(rand() * end), amount: pick([1, -1, 2.5]), symbol, accountId, type: 'REALIZED_PNL' }));
    funding.sort((a, b) => a.timestamp - b.timestamp);
  }
  return { fills, funding, realizedIncome };
}

/** A wallet flow (convert or dust) with spot legs, keyed like the normalizer keys it. */
export function walletFlow(spec: { kind: AssetFlowKind; id: string; t: number; legs: [string, number][]; accountId?: string }): AssetFlow {
  const accountId = spec.accountId ?? 'acc1';
  return {
    key: assetFlowKey('binance', accountId, spec.kind, spec.id), accountId, exchange: 'binance', kind: spec.kind, rawType: spec.kind,
    flowId: spec.id, timestamp: spec.t, legs: spec.legs.map(([asset, amount]) => ({ wallet: 'spot', asset, amount })),
  };
}

/**
 * A random history of one pair spread over days from `start`: the generator's millisecond steps
 * scaled by `scale`; `rename` moves it to another symbol (keys suffixed so both can be stored).
 */
export function spreadHistory(start: number, seed: number, accountId: string, marketType: 'linear' | 'spot', fills: number, scale: number, rename?: string): RandomHistory {
  const h = randomHistory(seed, { fills, marketType, accountId });
  const move = <T extends Trade | Income>(row: T): T => {
    const moved = { ...row, timestamp: start + row.timestamp * scale };
    return rename === undefined ? moved : { ...moved, symbol: rename, key: `${row.key}-${rename}` };
  };
  return { fills: h.fills.map(move), funding: h.funding.map(move), realizedIncome: h.realizedIncome.map(move) };
}
