import type { MarketType } from '../shared/domain/types';
import { createRng, type Rng } from './random';
import type { SimHistory, SimIncome, SimMarket, SimMovement, SimTrade } from './types';
import { makeWalletHistory, outflows } from './wallet-history';
import { makeDelistedMarkets, makeMarkets, makeQuotedMarkets } from './markets';
import { sellOut, soldOutBases } from './sold-out';

/**
 * Deterministic seeded history: listed markets, a few traded ones with realistic fills (partial
 * fills sharing an order and a timestamp, maker/taker fees, linear positions that open and close
 * with REALIZED_PNL / COMMISSION / FUNDING_FEE income), deposits and withdrawals.
 */

const HOUR_MS = 3_600_000;
const FUNDING_INTERVAL_MS = 8 * HOUR_MS;

export interface HistoryOptions {
  seed: number;
  start: number;
  end: number;
  listedSpot: number;
  listedLinear: number;
  tradedSpot: number;
  tradedLinear: number;
  /** Total fills over the traded symbols that have no exact count. */
  trades: number;
  /** Exact fill counts for some symbols, keyed `spot:BTCUSDT` / `linear:ETHUSDT` (e.g. a multiple of a page size). */
  exactCounts?: Record<string, number>;
  /** Times where fills must sit exactly (window edges), given to the first traded symbol of each type. */
  edgeTimes?: number[];
  deposits: number;
  withdrawals: number;
  /**
   * Delisted spot markets (`<BASE>BUSD`, status BREAK from `delistedAt` on, at 60% of the span):
   * `listed` of them, the first `traded` with fills before their delisting. Added after the
   * listed ones, so a history without them is what it always was.
   */
  delistedSpot?: { listed: number; traded: number };
  /**
   * Spot quote assets, highest rank first (e.g. USDT, FDUSD, BTC, ETH, BNB): every base is listed
   * against each quote ranked above itself (ETHBTC, BNBETH, never BTCETH), as Binance pairs them.
   * Absent: every listed spot market is quoted in USDT.
   */
  quotes?: readonly string[];
  /**
   * How many traded spot bases the account sold to zero: their last traded market gets a final
   * sell of everything left, so the exchange reports no balance of them although they hold fills.
   */
  soldOut?: number;
  /** Linear fills start here (USD-M userTrades serves only its last 6 months); default `start`. */
  linearSince?: number;
}

export const DEFAULT_HISTORY: Omit<HistoryOptions, 'start' | 'end'> = {
  seed: 42,
  listedSpot: 12,
  listedLinear: 8,
  tradedSpot: 4,
  tradedLinear: 3,
  trades: 400,
  deposits: 6,
  withdrawals: 3,
};

export function marketKey(marketType: MarketType, symbol: string): string {
  return `${marketType}:${symbol}`;
}

/** Counters shared by everything generated in one simulator, so appended rows stay unique. */
export class IdSource {
  private seqValue = 0;
  private tranValue = 9_000_000;
  private orderValue = 100_000;
  private readonly lastTradeId = new Map<string, number>();
  constructor(readonly rng: Rng) {}
  seq(): number {
    return ++this.seqValue;
  }
  tranId(): number {
    return ++this.tranValue;
  }
  orderId(): number {
    this.orderValue += this.rng.int(1, 7);
    return this.orderValue;
  }
  /** Per-symbol trade ids, like Binance: they start low, so they collide across symbols. */
  tradeId(marketType: MarketType, symbol: string): number {
    const key = marketKey(marketType, symbol);
    const next = (this.lastTradeId.get(key) ?? this.rng.int(0, 20)) + 1;
    this.lastTradeId.set(key, next);
    return next;
  }
  uuid(): string {
    const h = this.rng.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}

/** Open position of one linear symbol, for realized P&L. */
interface Position {
  qty: number;
  entry: number;
}

/** Generates fills for one market; keeps its price and position so appends continue them. */
export class MarketTape {
  private price: number;
  private readonly position: Position = { qty: 0, entry: 0 };
  private lastFundingAt: number | null = null;
  /** Fills that left the position flat: candidates for a forced close (see `markForcedCloses`). */
  readonly flattening = new Set<SimTrade>();

  constructor(readonly market: SimMarket, private readonly ids: IdSource) {
    this.price = market.basePrice;
  }

  /** Open linear position (signed quantity, entry price, last price), for account endpoints. */
  openPosition(): { qty: number; entry: number; mark: number } {
    return { qty: this.position.qty, entry: this.position.entry, mark: this.price };
  }

  private fmtPrice(p: number): string {
    return p.toFixed(this.market.pricePrecision);
  }
  private fmtQty(q: number): string {
    return q.toFixed(this.market.qtyPrecision);
  }

  /** One order filled in 1..3 parts at `time` (partial fills share the order and the timestamp). */
  fillOrder(time: number, maxFills: number, out: { trades: SimTrade[]; income: SimIncome[] }): void {
    const rng = this.ids.rng;
    const m = this.market;
    this.price = this.price * (1 + (rng.next() - 0.5) * 0.02);
    // 50..4050 USD worth, in the quote asset.
    const notional = (50 + rng.next() * 4000) / (m.quoteUsd ?? 1);
    const minQty = 10 ** -m.qtyPrecision;
    const total = Math.max(minQty, Number(this.fmtQty(notional / this.price)));
    const parts = Math.max(1, Math.min(maxFills, rng.int(1, 3)));
    let side: 'BUY' | 'SELL' = rng.chance(0.5) ? 'BUY' : 'SELL';
    let orderQty = total;
    if (m.marketType === 'linear' && this.position.qty !== 0 && rng.chance(0.6)) {
      // Reduce or close the open position.
      side = this.position.qty > 0 ? 'SELL' : 'BUY';
      orderQty = Math.min(total, Math.abs(this.position.qty));
      if (rng.chance(0.5)) orderQty = Math.abs(this.position.qty);
    }
    const orderId = this.ids.orderId();
    const isMaker = rng.chance(0.4);
    let left = Number(this.fmtQty(orderQty));
    const orderQtyStr = this.fmtQty(left);
    // A taker order's fills are one match against several makers: on Bybit they share one `seq`
    // (SimTrade.crossSeq). A maker order's parts are matches with different takers: each its own.
    let takerCrossSeq: number | null = null;
    for (let part = 0; part < parts && left > 0; part++) {
      const last = part === parts - 1;
      const raw = last ? left : Number(this.fmtQty(left * (0.3 + rng.next() * 0.4)));
      const qty = raw <= 0 ? left : Math.min(raw, left);
      left = Number(this.fmtQty(left - qty));
      const priceStr = this.fmtPrice(this.price * (1 + (rng.next() - 0.5) * 0.0005));
      const qtyStr = this.fmtQty(qty);
      const price = Number(priceStr);
      const q = Number(qtyStr);
      const quote = price * q;
      const trade = this.makeTrade(time, side, isMaker, priceStr, qtyStr, quote, orderId, orderQtyStr, this.fmtQty(left), takerCrossSeq);
      if (!isMaker) takerCrossSeq = trade.crossSeq;
      out.trades.push(trade);
      if (m.marketType === 'linear') this.linearIncome(trade, price, q, out.income);
    }
  }

  /** One spot SELL fill of exactly `qty` (a string with the market's lot decimals) at `time`. */
  sellExact(time: number, qty: string, out: { trades: SimTrade[] }): SimTrade {
    const rng = this.ids.rng;
    this.price = this.price * (1 + (rng.next() - 0.5) * 0.02);
    const priceStr = this.fmtPrice(this.price);
    const trade = this.makeTrade(time, 'SELL', false, priceStr, qty, Number(priceStr) * Number(qty), this.ids.orderId(), qty, this.fmtQty(0));
    out.trades.push(trade);
    return trade;
  }

  /**
   * A buy and a sell of the same size at `time` (two orders), fees paid in BNB as Binance's "pay
   * fees with BNB" option does: the base balance ends where it was, only the quote (and BNB) move.
   */
  roundTrip(time: number, bnbUsd: number, out: { trades: SimTrade[] }): SimTrade[] {
    const rng = this.ids.rng;
    const m = this.market;
    const qty = this.fmtQty(Math.max(10 ** -m.qtyPrecision, (50 + rng.next() * 2000) / (m.quoteUsd ?? 1) / this.price));
    const made: SimTrade[] = [];
    for (const side of ['BUY', 'SELL'] as const) {
      this.price = this.price * (1 + (rng.next() - 0.5) * 0.01);
      const priceStr = this.fmtPrice(this.price);
      const quote = Number(priceStr) * Number(qty);
      const trade = this.makeTrade(time, side, false, priceStr, qty, quote, this.ids.orderId(), qty, this.fmtQty(0));
      // BNB fee discount: 0.075% of the notional, in BNB.
      trade.commission = ((quote * (m.quoteUsd ?? 1) * 0.00075) / bnbUsd).toFixed(8);
      trade.commissionAsset = 'BNB';
      made.push(trade);
    }
    out.trades.push(...made);
    return made;
  }

  private makeTrade(time: number, side: 'BUY' | 'SELL', isMaker: boolean, price: string, qty: string, quote: number,
    orderId: number, orderQty: string, leavesQty: string, crossSeq: number | null = null): SimTrade {
    const m = this.market;
    let commission: number;
    let commissionAsset: string;
    if (m.marketType === 'spot') {
      // Spot fees are taken from what you receive.
      const rate = isMaker ? 0.00075 : 0.001;
      commission = side === 'BUY' ? Number(qty) * rate : quote * rate;
      commissionAsset = side === 'BUY' ? m.base : m.quote;
    } else {
      commission = quote * (isMaker ? 0.0002 : 0.0005);
      commissionAsset = m.quote;
    }
    const seq = this.ids.seq();
    return {
      marketType: m.marketType, execType: 'Trade', symbol: m.id, id: this.ids.tradeId(m.marketType, m.id), execId: this.ids.uuid(),
      seq, crossSeq: crossSeq ?? seq, orderId, time, side, isMaker, price, qty, quoteQty: quote.toFixed(8),
      commission: commission.toFixed(8), commissionAsset, realizedPnl: '0', closedQty: '0', orderQty, leavesQty,
    };
  }

  private linearIncome(trade: SimTrade, price: number, qty: number, income: SimIncome[]): void {
    const pos = this.position;
    const signed = trade.side === 'BUY' ? qty : -qty;
    let pnl = 0;
    if (pos.qty !== 0 && Math.sign(signed) !== Math.sign(pos.qty)) {
      const closed = Math.min(Math.abs(signed), Math.abs(pos.qty));
      pnl = (price - pos.entry) * closed * Math.sign(pos.qty);
      trade.closedQty = this.fmtQty(closed);
      const before = pos.qty;
      pos.qty += signed;
      if (Math.abs(pos.qty) < 1e-12) pos.qty = 0;
      if (pos.qty === 0) pos.entry = 0;
      // A flip: the part beyond flat opens a new position at this fill's price.
      else if (Math.sign(pos.qty) !== Math.sign(before)) pos.entry = price;
      if (pos.qty === 0) this.flattening.add(trade);
    } else {
      const newQty = pos.qty + signed;
      pos.entry = (pos.entry * Math.abs(pos.qty) + price * qty) / Math.abs(newQty);
      pos.qty = newQty;
    }
    trade.realizedPnl = pnl.toFixed(8);
    const tranId = this.ids.tranId();
    const base = { asset: this.market.quote, symbol: trade.symbol, time: trade.time, tradeId: String(trade.id), tranId };
    if (pnl !== 0) {
      income.push({ ...base, logId: this.ids.uuid(), seq: this.ids.seq(), incomeType: 'REALIZED_PNL', income: trade.realizedPnl });
    }
    income.push({ ...base, logId: this.ids.uuid(), seq: this.ids.seq(), incomeType: 'COMMISSION', income: (-Number(trade.commission)).toFixed(8) });
  }

  /** FUNDING_FEE rows at each 8h boundary in (lastFundingAt, upTo] while a position is open. */
  funding(upTo: number, income: SimIncome[]): void {
    const from = this.lastFundingAt;
    this.lastFundingAt = upTo;
    if (from === null || this.position.qty === 0) return;
    for (let t = Math.floor(from / FUNDING_INTERVAL_MS + 1) * FUNDING_INTERVAL_MS; t <= upTo; t += FUNDING_INTERVAL_MS) {
      const rate = (this.ids.rng.next() - 0.4) * 0.0002;
      const amount = -this.position.qty * this.price * rate;
      income.push({
        tranId: this.ids.tranId(), logId: this.ids.uuid(), seq: this.ids.seq(), incomeType: 'FUNDING_FEE',
        symbol: this.market.id, asset: this.market.quote, income: amount.toFixed(8), time: t, tradeId: '',
        funding: { qty: this.fmtQty(this.position.qty), price: this.fmtPrice(this.price), rate: rate.toFixed(8) },
      });
    }
  }
}

/**
 * Turns the first single-fill order that closed a linear position into a liquidation (BustTrade)
 * and the next into an auto-deleverage (AdlTrade), so every default history holds both. Relabels
 * only: prices, P&L and the random sequence stay as generated.
 */
function markForcedCloses(tape: MarketTape, trades: readonly SimTrade[]): void {
  const fillsPerOrder = new Map<number, number>();
  for (const t of trades) fillsPerOrder.set(t.orderId, (fillsPerOrder.get(t.orderId) ?? 0) + 1);
  const kinds: SimTrade['execType'][] = ['BustTrade', 'AdlTrade'];
  for (const t of trades) {
    const kind = kinds[0];
    if (kind === undefined) return;
    if (!tape.flattening.has(t) || fillsPerOrder.get(t.orderId) !== 1) continue;
    t.execType = kind;
    kinds.shift();
  }
}

function spreadTimes(rng: Rng, count: number, start: number, end: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(start + Math.floor(rng.next() * (end - start)));
  return times.sort((a, b) => a - b);
}

function makeMovements(ids: IdSource, options: HistoryOptions): SimMovement[] {
  const rng = ids.rng;
  const out: SimMovement[] = [];
  const coins: readonly (readonly [string, string, number])[] = [['USDT', 'TRX', 1], ['BTC', 'BTC', 0.0002], ['ETH', 'ETH', 0.002]];
  const add = (type: SimMovement['type'], count: number): void => {
    for (const time of spreadTimes(rng, count, options.start, options.end)) {
      const [coin, network, fee] = rng.pick(coins);
      const amount = coin === 'USDT' ? rng.int(100, 20_000) : rng.int(1, 200) / 100;
      out.push({
        id: rng.hex(32), seq: ids.seq(), type, coin, amount: amount.toFixed(8), fee: type === 'withdrawal' ? fee.toFixed(8) : '0',
        network, address: `addr${rng.hex(24)}`, txId: rng.hex(64), time,
      });
    }
  };
  add('deposit', options.deposits);
  add('withdrawal', options.withdrawals);
  return out.sort((a, b) => a.time - b.time || a.seq - b.seq);
}

export interface GeneratedHistory extends SimHistory {
  ids: IdSource;
  tapes: Map<string, MarketTape>;
}

export function generateHistory(options: HistoryOptions): GeneratedHistory {
  const rng = createRng(options.seed);
  const ids = new IdSource(rng);
  const delistedAt = options.start + Math.floor((options.end - options.start) * 0.6);
  const delisted = makeDelistedMarkets(options.delistedSpot?.listed ?? 0, delistedAt);
  const listedSpot = options.quotes === undefined ? makeMarkets(options.listedSpot, 'spot') : makeQuotedMarkets(options.listedSpot, options.quotes);
  const spot = [...listedSpot, ...delisted];
  const linear = makeMarkets(options.listedLinear, 'linear');
  const traded = [...spot.slice(0, options.tradedSpot), ...linear.slice(0, options.tradedLinear), ...delisted.slice(0, options.delistedSpot?.traded ?? 0)];
  const exact = options.exactCounts ?? {};
  const free = traded.filter((m) => exact[marketKey(m.marketType, m.id)] === undefined);
  const tapes = new Map<string, MarketTape>();
  const trades: SimTrade[] = [];
  const income: SimIncome[] = [];
  const firstOfType = new Set<string>();
  for (const m of traded) {
    const key = marketKey(m.marketType, m.id);
    const tape = new MarketTape(m, ids);
    tapes.set(key, tape);
    const target = exact[key] ?? Math.floor(options.trades / Math.max(1, free.length));
    const from = m.marketType === 'linear' ? Math.max(options.start, options.linearSince ?? options.start) : options.start;
    let times = spreadTimes(rng, target, from, m.delistedAt ?? options.end);
    if (!firstOfType.has(m.marketType)) {
      firstOfType.add(m.marketType);
      const edges = (options.edgeTimes ?? []).filter((t) => t >= options.start && t <= options.end);
      times = [...times.slice(edges.length), ...edges].sort((a, b) => a - b);
    }
    const out = { trades: [] as SimTrade[], income };
    let i = 0;
    while (out.trades.length < target) {
      const time = times[Math.min(i, times.length - 1)] ?? options.start;
      tape.funding(time, income);
      tape.fillOrder(time, target - out.trades.length, out);
      i++;
    }
    if (m.marketType === 'linear') markForcedCloses(tape, out.trades);
    trades.push(...out.trades);
  }
  const movements = makeMovements(ids, options);
  const spotById = new Map(spot.map((m) => [m.id, m]));
  const soldOut = soldOutBases(traded, options.soldOut ?? 0, options.quotes ?? ['USDT']);
  // Wallet kinds and opening balances come from their own random stream: the fills, income and
  // movements of a seed stay what they always were. Sold-out bases get no wallet flows.
  const walletRng = createRng(options.seed * 7919 + 17);
  const walletBases = spot.slice(0, options.tradedSpot).map((m) => m.base).filter((b) => !soldOut.has(b));
  const wallet = makeWalletHistory(walletRng, () => ids.seq(), { start: options.start, end: options.end, spotBases: walletBases });
  const openingDeposits = sellOut(soldOut, trades, tapes, options.end);
  openingBalances(walletRng, ids, options, {
    trades, income, movements, wallet, linearTraded: options.tradedLinear > 0, openingDeposits,
    baseOf: (id) => spotById.get(id)?.base ?? id, quoteOf: (id) => spotById.get(id)?.quote ?? 'USDT',
  });
  return {
    markets: [...spot, ...linear],
    trades: trades.sort((a, b) => a.time - b.time || a.seq - b.seq),
    income: income.sort((a, b) => a.time - b.time || a.seq - b.seq),
    movements: movements.sort((a, b) => a.time - b.time || a.seq - b.seq),
    ...wallet,
    ids,
    tapes,
  };
}

/**
 * The account's opening balance, as history: a deposit per asset (an hour before `start`) that
 * covers every later outflow, and a transfer from spot into the USD-M wallet (half an hour before
 * `start`) that covers every futures loss, fee and funding payment. Balances then never go
 * negative, and they are exactly what the history adds up to.
 */
function openingBalances(rng: Rng, ids: IdSource, options: HistoryOptions, h: {
  trades: SimTrade[]; income: SimIncome[]; movements: SimMovement[]; wallet: ReturnType<typeof makeWalletHistory>; linearTraded: boolean;
  baseOf: (id: string) => string; quoteOf: (id: string) => string; openingDeposits: ReadonlyMap<string, string>;
}): void {
  if (h.linearTraded) {
    const losses = h.income.reduce((n, i) => n + Math.max(0, -Number(i.income)), 0);
    const amount = (Math.ceil(losses) + 1000).toFixed(8);
    const time = options.start - 1_800_000;
    const tranId = ids.tranId();
    h.wallet.transfers.unshift({ tranId, seq: ids.seq(), time, type: 'MAIN_UMFUTURE', asset: 'USDT', amount });
    h.income.push({ tranId, logId: `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`, seq: ids.seq(), incomeType: 'TRANSFER', symbol: '', asset: 'USDT', income: amount, time, tradeId: '' });
  }
  const need = outflows(h.trades, h.income, h.movements, h.wallet, h.baseOf, h.quoteOf);
  for (const [coin, amount] of [...need.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    h.movements.push({
      id: rng.hex(32), seq: ids.seq(), type: 'deposit', coin, amount: h.openingDeposits.get(coin) ?? (Math.ceil(amount) + 10).toFixed(8), fee: '0', network: coin === 'USDT' ? 'TRX' : coin,
      address: `addr${rng.hex(24)}`, txId: rng.hex(64), time: options.start - 3_600_000,
    });
  }
}
