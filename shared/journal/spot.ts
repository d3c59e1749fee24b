import type { Trade } from '../domain/types';
import { AppError } from '../errors';
import { PositionAccumulator } from './accumulator';
import type { AccumulatorState } from './accumulator';
import type { WriteOff } from './conversions';
import { splitFee } from './fees';
import { symbolCurrencies } from './symbols';
import { fillRef } from './order';
import { isDust, RELATIVE_QTY_EPSILON } from './tolerance';
import type { BookOptions, FillOutcome, FillRef, Position, UnmatchedSell } from './types';

export interface SpotBookOptions extends BookOptions {
  /**
   * Inventory at or below this fraction of the round trip's largest inventory counts as flat
   * (default 1e-9, float noise only). Exchanges' lot sizes often leave real dust (sell 0.9989 of
   * 0.999 BTC): raise it (e.g. 0.001) to close such round trips. The dust left at a close is
   * written off from the lots (reported as `dustQty`, realizing nothing): a later sale of it
   * shows up as unmatched.
   */
  dustRatio?: number;
}
import { assertInOrder, assertUsableFill } from './validate';

export interface SpotSnapshot {
  /** Round trips, ordered by openedAt then id. */
  positions: Position[];
  unmatchedSells: UnmatchedSell[];
}

export interface Lot {
  qty: number;
  price: number;
}

/** Where one account+symbol stands after its last fill (see FuturesCheckpoint): live lots and the open round trip. */
export interface SpotCheckpoint {
  kind: 'spot';
  lastFill: FillRef | null;
  current: AccumulatorState | null;
  /**
   * Live lots, oldest first, as two parallel arrays (quantity, price). Packed because an
   * accumulating account can hold 100k+ unsold lots, and the store rewrites the checkpoint on
   * every batch: a Float64Array clones as one memory copy, an array of objects one object at a time.
   */
  lotQty: Float64Array;
  lotPrice: Float64Array;
  inventory: number;
}

interface SymbolState {
  quote: string;
  /** FIFO queue: lots[head..] are live; the consumed prefix is dropped now and then. */
  lots: Lot[];
  head: number;
  inventory: number;
  current: PositionAccumulator | null;
  positions: PositionAccumulator[];
  unmatched: UnmatchedSell[];
  lastFill: FillRef | null;
}

/**
 * Spot FIFO round trips, computed in one streaming pass (fills per account+symbol in time order).
 *
 * - A buy adds a lot at the fill price. A sell consumes lots oldest first; realized P&L of a sell
 *   = sum over consumed lots of qty x (sell price - lot price).
 * - A round trip runs from flat inventory to flat again (or is still open).
 * - Fee rule for a fee in BASE: it is treated as disposing of that base quantity at the fill
 *   price and paying its value as a quote fee. So a buy of 1 BTC @100 with a 0.001 BTC fee
 *   leaves a lot of 0.999 BTC @100 and books a fee of 0.1; a sell with a base fee consumes
 *   amount + fee from the lots (the fee part realizes fee x (price - lot price)) and books
 *   fee x price. Net P&L then equals the real quote cash flow (see spot.test.ts).
 *   Quote fees subtract as they are; other currencies as in fees.ts.
 * - A sell that finds no inventory (history starts mid-way) is never a negative lot: its
 *   quantity is reported as unmatched (on the round trip it ended, if any, and in
 *   `unmatchedSells`), with the fee share of that part. Unmatched quantity realizes nothing,
 *   because its cost basis is unknown.
 * - Inventory below `dustRatio` (default 1e-9) of the round trip's largest inventory counts as
 *   flat (see SpotBookOptions).
 * - A write-off (dust converted to BNB, a convert without a price: conversions.ts) consumes lots
 *   FIFO at their own cost, realizing nothing, and adds to the round trip's `dustQty`; quantity
 *   beyond the inventory is ignored (it had no cost basis here). It closes the round trip at flat.
 */
export class SpotBook {
  private readonly states = new Map<string, SymbolState>();
  private readonly options: SpotBookOptions;

  constructor(options: SpotBookOptions = {}) {
    this.options = options;
  }

  add(fill: Trade): FillOutcome {
    if (fill.marketType !== 'spot') {
      throw new AppError('INVALID_INPUT', `SpotBook takes spot fills only (fill ${fill.key}).`);
    }
    assertUsableFill(fill);
    const state = this.stateFor(fill);
    assertInOrder(state.lastFill, fill);
    state.lastFill = fillRef(fill);
    return fill.side === 'buy' ? this.buy(state, fill) : this.sell(state, fill);
  }

  /** A conversion taking `w.amount` of the base out of the pair at cost (see the class comment). */
  writeOff(w: WriteOff): FillOutcome {
    if (!(Number.isFinite(w.amount) && w.amount > 0 && Number.isFinite(w.timestamp))) {
      throw new AppError('INVALID_INPUT', `Conversion ${w.key} cannot be used for P&L.`, { issues: [{ path: w.key, message: 'amount must be a positive number' }] });
    }
    const state = this.stateFor(w);
    assertInOrder(state.lastFill, w);
    state.lastFill = { key: w.key, timestamp: w.timestamp, tradeId: w.tradeId };
    const outcome: FillOutcome = { key: w.key, realizedPnl: 0, fee: 0, netPnl: 0, closedQty: 0, openedQty: 0, unmatchedQty: 0, positionIds: [] };
    let consumed = 0;
    while (state.head < state.lots.length && !isDust(w.amount - consumed, w.amount)) {
      const lot = state.lots[state.head];
      if (lot === undefined) break;
      const take = Math.min(lot.qty, w.amount - consumed);
      consumed += take;
      lot.qty -= take;
      if (isDust(lot.qty, take)) state.head++;
    }
    this.compactLots(state);
    state.inventory -= consumed;
    const acc = state.current;
    if (acc === null || consumed <= 0) return outcome;
    acc.writeOff(consumed);
    acc.openQty = state.inventory;
    acc.addFillKey(w.key);
    outcome.positionIds.push(acc.init.id);
    if (state.inventory <= (this.options.dustRatio ?? RELATIVE_QTY_EPSILON) * acc.maxQty) {
      acc.dustQty += Math.max(0, state.inventory);
      state.lots = [];
      state.head = 0;
      state.inventory = 0;
      acc.close(w.timestamp);
      state.current = null;
    }
    return outcome;
  }

  /** Starts an account+symbol from a checkpoint; the snapshot then holds the open round trip and what follows. */
  resume(accountId: string, symbol: string, checkpoint: SpotCheckpoint): void {
    const k = `${accountId}|${symbol}`;
    if (this.states.has(k)) throw new AppError('INVALID_INPUT', `The book already holds ${symbol}; resume it before adding anything.`);
    const current = checkpoint.current === null ? null : PositionAccumulator.fromState(checkpoint.current);
    this.states.set(k, {
      quote: symbolCurrencies(symbol).quote,
      lots: Array.from(checkpoint.lotQty, (qty, i) => ({ qty, price: checkpoint.lotPrice[i] ?? 0 })),
      head: 0,
      inventory: checkpoint.inventory,
      current,
      positions: current === null ? [] : [current],
      unmatched: [],
      lastFill: checkpoint.lastFill === null ? null : { ...checkpoint.lastFill },
    });
  }

  /** The checkpoint of an account+symbol (null if the book never saw it). Pure data: safe to store. */
  checkpoint(accountId: string, symbol: string): SpotCheckpoint | null {
    const state = this.states.get(`${accountId}|${symbol}`);
    if (state === undefined) return null;
    return {
      kind: 'spot',
      lastFill: state.lastFill === null ? null : { ...state.lastFill },
      current: state.current === null ? null : state.current.toState(),
      lotQty: Float64Array.from(state.lots.slice(state.head), (l) => l.qty),
      lotPrice: Float64Array.from(state.lots.slice(state.head), (l) => l.price),
      inventory: state.inventory,
    };
  }

  snapshot(): SpotSnapshot {
    const positions: Position[] = [];
    const unmatchedSells: UnmatchedSell[] = [];
    for (const state of this.states.values()) {
      for (const acc of state.positions) positions.push(acc.toPosition());
      unmatchedSells.push(...state.unmatched.map((u) => ({ ...u })));
    }
    positions.sort((a, b) => a.openedAt - b.openedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    unmatchedSells.sort((a, b) => a.timestamp - b.timestamp);
    return { positions, unmatchedSells };
  }

  private stateFor(fill: Pick<Trade, 'accountId' | 'symbol'>): SymbolState {
    const k = `${fill.accountId}|${fill.symbol}`;
    let state = this.states.get(k);
    if (state === undefined) {
      state = { quote: symbolCurrencies(fill.symbol).quote, lots: [], head: 0, inventory: 0, current: null, positions: [], unmatched: [], lastFill: null };
      this.states.set(k, state);
    }
    return state;
  }

  private buy(state: SymbolState, fill: Trade): FillOutcome {
    const fee = splitFee(fill, this.options.convertToQuote);
    const received = fill.amount - fee.base;
    if (!(received > 0)) {
      throw new AppError('INVALID_INPUT', `Fill ${fill.key}: the base fee is not smaller than the amount bought.`, {
        issues: [{ path: fill.key, message: 'feeCost in base >= amount' }],
      });
    }
    const feeQuote = fee.quote + fee.base * fill.price;
    const acc = state.current ?? this.open(state, fill);
    state.lots.push({ qty: received, price: fill.price });
    state.inventory += received;
    acc.enter(received, fill.price);
    acc.addFee(feeQuote, fee.other);
    acc.addFillKey(fill.key);
    return { key: fill.key, realizedPnl: 0, fee: feeQuote, netPnl: -feeQuote, closedQty: 0, openedQty: received, unmatchedQty: 0, positionIds: [acc.init.id] };
  }

  private sell(state: SymbolState, fill: Trade): FillOutcome {
    const fee = splitFee(fill, this.options.convertToQuote);
    const feeQuote = fee.quote + fee.base * fill.price;
    const need = fill.amount + fee.base;
    const outcome: FillOutcome = { key: fill.key, realizedPnl: 0, fee: feeQuote, netPnl: -feeQuote, closedQty: 0, openedQty: 0, unmatchedQty: 0, positionIds: [] };

    // Consume FIFO: the sold amount first, then the base fee quantity.
    let consumed = 0;
    let realized = 0;
    while (state.head < state.lots.length && !isDust(need - consumed, need)) {
      const lot = state.lots[state.head];
      if (lot === undefined) break;
      const take = Math.min(lot.qty, need - consumed);
      realized += take * (fill.price - lot.price);
      consumed += take;
      lot.qty -= take;
      if (isDust(lot.qty, take)) state.head++;
    }
    if (isDust(need - consumed, need)) consumed = need;
    this.compactLots(state);
    state.inventory -= consumed;

    const matchedShare = consumed / need;
    const matchedSold = Math.min(fill.amount, consumed);
    const unmatchedSold = fill.amount - matchedSold;
    const acc = state.current;
    if (acc !== null && consumed > 0) {
      acc.exit(matchedSold, fill.price, realized);
      // exit() reduced openQty by the sold part only; the base fee part left inventory too.
      acc.openQty = state.inventory;
      acc.addFee(feeQuote * matchedShare, fee.other === null ? null : { currency: fee.other.currency, amount: fee.other.amount * matchedShare });
      acc.addFillKey(fill.key);
      acc.unmatchedQty += unmatchedSold;
      outcome.positionIds.push(acc.init.id);
      if (state.inventory <= (this.options.dustRatio ?? RELATIVE_QTY_EPSILON) * acc.maxQty) {
        // Drop the dust left in the lots so the next buy starts a clean round trip.
        acc.dustQty = Math.max(0, state.inventory);
        state.lots = [];
        state.head = 0;
        state.inventory = 0;
        acc.close(fill.timestamp);
        state.current = null;
      }
    }
    if (unmatchedSold > 0) {
      state.unmatched.push({
        fillKey: fill.key,
        accountId: fill.accountId,
        symbol: fill.symbol,
        timestamp: fill.timestamp,
        qty: unmatchedSold,
        price: fill.price,
        fee: feeQuote * (1 - matchedShare),
      });
    }
    outcome.realizedPnl = realized;
    outcome.netPnl = realized - feeQuote;
    outcome.closedQty = matchedSold;
    outcome.unmatchedQty = unmatchedSold;
    return outcome;
  }

  private open(state: SymbolState, fill: Trade): PositionAccumulator {
    const acc = new PositionAccumulator({
      id: fill.key,
      kind: 'spot',
      accountId: fill.accountId,
      exchange: fill.exchange,
      marketType: fill.marketType,
      symbol: fill.symbol,
      quoteCurrency: state.quote,
      direction: 'long',
      openedAt: fill.timestamp,
    });
    state.current = acc;
    state.positions.push(acc);
    return acc;
  }

  /** Drops the consumed prefix once it dominates, keeping the queue O(live lots) in memory. */
  private compactLots(state: SymbolState): void {
    if (state.head > 1024 && state.head * 2 > state.lots.length) {
      state.lots = state.lots.slice(state.head);
      state.head = 0;
    }
  }
}
