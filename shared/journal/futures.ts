import type { Income, Trade } from '../domain/types';
import { AppError } from '../errors';
import { PositionAccumulator } from './accumulator';
import type { AccumulatorState } from './accumulator';
import { splitFee } from './fees';
import { symbolCurrencies } from './symbols';
import { fillRef } from './order';
import { isDust } from './tolerance';
import type { BookOptions, CurrencyAmounts, FillOutcome, FillRef, Position, UnattributedFunding } from './types';
import { assertInOrder, assertUsableFill } from './validate';
import { firstIndexAtLeast } from '../sorted';

export interface FuturesBookOptions extends BookOptions {
  /**
   * A funding row up to this many ms after a position closed still belongs to it (exchanges
   * stamp funding rows a little after the funding instant). Default 0: only exact rules apply.
   */
  fundingGraceMs?: number;
}

export interface FuturesSnapshot {
  /** All positions, ordered by openedAt then id. */
  positions: Position[];
  unattributedFunding: UnattributedFunding[];
}

/**
 * Where one account+symbol stands after its last fill, as plain data: enough to resume the book
 * later (the next sync batch) with the same results as one uninterrupted pass. Closed positions
 * are not part of it (they never change again, except by funding; see `FuturesBook.resume`).
 */
export interface FuturesCheckpoint {
  kind: 'futures';
  lastFill: FillRef | null;
  current: AccumulatorState | null;
  /** Funding rows newer than lastFill, waiting for the fills that precede them. */
  pending: Income[];
}

interface SymbolState {
  accountId: string;
  symbol: string;
  quote: string;
  settle: string;
  base: string;
  current: PositionAccumulator | null;
  /** Every position of this account+symbol in opening order (so openedAt is non-decreasing). */
  positions: PositionAccumulator[];
  lastFill: FillRef | null;
  /** Funding rows newer than lastFill, in time order, waiting for the fills that precede them. */
  pending: Income[];
  pendingHead: number;
  /** False after an out-of-order append; see sortPending. */
  pendingSorted: boolean;
  unattributed: UnattributedFunding[];
}

/**
 * Futures (linear) position lifecycles, computed in one streaming pass.
 *
 * Fills must be added per account+symbol in time order (timestamp, then trade id; see order.ts);
 * different symbols may interleave freely. Funding rows may be added at any time:
 * - a row newer than the last fill of its symbol waits in a small queue and is attributed when
 *   the next fill arrives (merge walk of the two time-ordered streams), or tentatively at snapshot;
 * - an older row is attributed at once by binary search over the positions (O(log n)).
 *
 * Funding attribution rule: a FUNDING_FEE row at time t belongs to the position of the same
 * account+symbol that is open at t, where fills at exactly t count as happening after the
 * funding (the exchange settles funding on the position held at the funding instant, and a
 * position closed at t was still held then; one opened at t was not). Optionally a row up to
 * `fundingGraceMs` after a close still goes to the closed position. Otherwise it is reported as
 * unattributed, so totals still reconcile.
 *
 * Fee rule: quote/settle fees count in quote; base fees are valued at the fill price; other
 * currencies go through `convertToQuote` or stay in `feesOther`. A fill that crosses zero is
 * split: the closing part closes the old position, the rest opens the opposite one, and its fee
 * is split pro rata by quantity.
 */
export class FuturesBook {
  private readonly states = new Map<string, SymbolState>();
  /** Funding rows seen, so a row fed twice (re-read page, overlapping queries) counts once. */
  private readonly seenIncome = new Set<string>();
  private readonly options: FuturesBookOptions;

  constructor(options: FuturesBookOptions = {}) {
    this.options = options;
  }

  add(fill: Trade): FillOutcome {
    if (fill.marketType !== 'linear') {
      throw new AppError('INVALID_INPUT', `FuturesBook takes linear fills only (fill ${fill.key}).`);
    }
    assertUsableFill(fill);
    const state = this.stateFor(fill.accountId, fill.symbol);
    assertInOrder(state.lastFill, fill);
    this.drainPending(state, fill.timestamp);
    state.lastFill = fillRef(fill);
    return this.apply(state, fill);
  }

  /**
   * Starts an account+symbol from a checkpoint instead of from nothing. The resumed book knows
   * only the open position: a funding row at or before `lastFill` that belongs to an older,
   * closed position must not be added here (it would be reported as unattributed); the caller
   * attributes it to the stored position (see `fundingTarget`, `splitFunding`).
   */
  resume(accountId: string, symbol: string, checkpoint: FuturesCheckpoint): void {
    const k = `${accountId}|${symbol}`;
    if (this.states.has(k)) throw new AppError('INVALID_INPUT', `The book already holds ${symbol}; resume it before adding anything.`);
    const state = this.stateFor(accountId, symbol);
    state.lastFill = checkpoint.lastFill === null ? null : { ...checkpoint.lastFill };
    if (checkpoint.current !== null) {
      const acc = PositionAccumulator.fromState(checkpoint.current);
      state.current = acc;
      state.positions.push(acc);
    }
    for (const income of checkpoint.pending) this.addIncome(income);
  }

  /** The checkpoint of an account+symbol (null if the book never saw it). Pure data: safe to store. */
  checkpoint(accountId: string, symbol: string): FuturesCheckpoint | null {
    const state = this.states.get(`${accountId}|${symbol}`);
    if (state === undefined) return null;
    this.sortPending(state);
    return {
      kind: 'futures',
      lastFill: state.lastFill === null ? null : { ...state.lastFill },
      current: state.current === null ? null : state.current.toState(),
      pending: state.pending.slice(state.pendingHead).map((i) => ({ ...i })),
    };
  }

  /**
   * Funding rows this book committed as unattributed (at or before a fill, with no position open).
   * Rows still pending are not included: a later fill may still change where they go.
   */
  committedUnattributed(accountId: string, symbol: string): readonly UnattributedFunding[] {
    return this.states.get(`${accountId}|${symbol}`)?.unattributed ?? [];
  }

  /** Takes FUNDING_FEE rows of linear markets; returns false (and ignores) any other row or a repeat. */
  addIncome(income: Income): boolean {
    if (income.incomeType !== 'FUNDING_FEE' || income.marketType !== 'linear') return false;
    if (this.seenIncome.has(income.key)) return false;
    this.seenIncome.add(income.key);
    const state = this.stateFor(income.accountId, income.symbol ?? '');
    if (state.lastFill !== null && income.timestamp <= state.lastFill.timestamp) {
      this.commitFunding(state, income);
      return true;
    }
    // Append; a row older than the queue's tail marks it for one sort before the next use, so
    // newest-first input costs O(n log n), not O(n^2) insertions.
    const tail = state.pending[state.pending.length - 1];
    if (tail !== undefined && state.pending.length > state.pendingHead && tail.timestamp > income.timestamp) state.pendingSorted = false;
    state.pending.push(income);
    return true;
  }

  snapshot(): FuturesSnapshot {
    const positions: Position[] = [];
    const unattributedFunding: UnattributedFunding[] = [];
    for (const state of this.states.values()) {
      this.sortPending(state);
      // Pending rows are newer than every fill so far; attribute them on copies only, because a
      // later fill before their time could still change which position they belong to.
      const extra = new Map<PositionAccumulator, { quote: number; other: CurrencyAmounts }>();
      for (let i = state.pendingHead; i < state.pending.length; i++) {
        const income = state.pending[i];
        if (income === undefined) continue;
        const target = this.findTarget(state, income.timestamp);
        if (target === null) {
          unattributedFunding.push(toUnattributed(state, income));
          continue;
        }
        const sums = extra.get(target) ?? { quote: 0, other: {} };
        const { quote, other } = this.fundingSplit(state, income);
        sums.quote += quote;
        if (other !== null) sums.other[other.currency] = (sums.other[other.currency] ?? 0) + other.amount;
        extra.set(target, sums);
      }
      for (const acc of state.positions) {
        const sums = extra.get(acc);
        positions.push(sums === undefined ? acc.toPosition() : acc.toPosition(sums.quote, sums.other));
      }
      unattributedFunding.push(...state.unattributed);
    }
    positions.sort((a, b) => a.openedAt - b.openedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    unattributedFunding.sort((a, b) => a.timestamp - b.timestamp);
    return { positions, unattributedFunding };
  }

  private stateFor(accountId: string, symbol: string): SymbolState {
    const k = `${accountId}|${symbol}`;
    let state = this.states.get(k);
    if (state === undefined) {
      const { base, quote, settle } = symbolCurrencies(symbol);
      state = { accountId, symbol, base, quote, settle, current: null, positions: [], lastFill: null, pending: [], pendingHead: 0, pendingSorted: true, unattributed: [] };
      this.states.set(k, state);
    }
    return state;
  }

  /** Commits queued funding rows at or before `until` (a fill at `until` comes after them). */
  private sortPending(state: SymbolState): void {
    if (state.pendingSorted) return;
    state.pending = state.pending.slice(state.pendingHead).sort((a, b) => a.timestamp - b.timestamp);
    state.pendingHead = 0;
    state.pendingSorted = true;
  }

  private drainPending(state: SymbolState, until: number): void {
    this.sortPending(state);
    while (state.pendingHead < state.pending.length) {
      const income = state.pending[state.pendingHead];
      if (income === undefined || income.timestamp > until) break;
      this.commitFunding(state, income);
      state.pendingHead++;
    }
    if (state.pendingHead > 64 && state.pendingHead * 2 > state.pending.length) {
      state.pending = state.pending.slice(state.pendingHead);
      state.pendingHead = 0;
    }
  }

  private commitFunding(state: SymbolState, income: Income): void {
    const target = this.findTarget(state, income.timestamp);
    if (target === null) {
      state.unattributed.push(toUnattributed(state, income));
      return;
    }
    const { quote, other } = this.fundingSplit(state, income);
    target.addFunding(quote, other);
  }

  private fundingSplit(state: SymbolState, income: Income): FundingSplit {
    return splitFunding(state.symbol, income, this.options.convertToQuote);
  }

  /** The position open at funding time t (see the class comment), by binary search on openedAt. */
  private findTarget(state: SymbolState, t: number): PositionAccumulator | null {
    const list = state.positions;
    const candidate = list[firstIndexAtLeast(list, t, (p) => p.init.openedAt) - 1];
    if (candidate === undefined) return null;
    return fundingTarget(candidate.closedAt, t, this.options.fundingGraceMs ?? 0) ? candidate : null;
  }

  private apply(state: SymbolState, fill: Trade): FillOutcome {
    const fee = splitFee(fill, this.options.convertToQuote);
    // A base-currency fee is worth fee x price in quote at the moment of the fill.
    const feeQuote = fee.quote + fee.base * fill.price;
    const sign = fill.side === 'buy' ? 1 : -1;
    const outcome: FillOutcome = { key: fill.key, realizedPnl: 0, fee: feeQuote, netPnl: -feeQuote, closedQty: 0, openedQty: 0, unmatchedQty: 0, positionIds: [] };
    const current = state.current;

    if (current === null || (current.init.direction === 'long') === (sign > 0)) {
      // Open or increase.
      const acc = current ?? this.open(state, fill, sign);
      acc.enter(fill.amount, fill.price);
      acc.addFee(feeQuote, fee.other);
      acc.addFillKey(fill.key);
      outcome.openedQty = fill.amount;
      outcome.positionIds.push(acc.init.id);
      return outcome;
    }

    // Reduce, close, or flip.
    const exact = isDust(Math.abs(fill.amount - current.openQty), fill.amount);
    const closeQty = exact ? current.openQty : Math.min(fill.amount, current.openQty);
    const rest = exact ? 0 : fill.amount - closeQty;
    const closeShare = rest > 0 ? closeQty / fill.amount : 1;
    const direction = current.init.direction === 'long' ? 1 : -1;
    const realized = closeQty * (fill.price - current.openBasisPrice) * direction;
    current.exit(closeQty, fill.price, realized);
    current.addFee(feeQuote * closeShare, scaleOther(fee.other, closeShare));
    current.addFillKey(fill.key);
    outcome.realizedPnl = realized;
    outcome.closedQty = closeQty;
    outcome.positionIds.push(current.init.id);
    if (exact || isDust(current.openQty, current.maxQty)) {
      current.close(fill.timestamp);
      state.current = null;
    }
    if (rest > 0) {
      const opened = this.open(state, fill, sign);
      opened.enter(rest, fill.price);
      opened.addFee(feeQuote * (1 - closeShare), scaleOther(fee.other, 1 - closeShare));
      opened.addFillKey(fill.key);
      outcome.openedQty = rest;
      outcome.positionIds.push(opened.init.id);
    }
    outcome.netPnl = outcome.realizedPnl - feeQuote;
    return outcome;
  }

  private open(state: SymbolState, fill: Trade, sign: number): PositionAccumulator {
    const acc = new PositionAccumulator({
      id: fill.key,
      kind: 'futures',
      accountId: fill.accountId,
      exchange: fill.exchange,
      marketType: fill.marketType,
      symbol: fill.symbol,
      quoteCurrency: state.quote,
      direction: sign > 0 ? 'long' : 'short',
      openedAt: fill.timestamp,
    });
    state.current = acc;
    state.positions.push(acc);
    return acc;
  }
}

export interface FundingSplit {
  /** The part counted in quote (converted where possible). */
  quote: number;
  /** A row in a currency that could not be converted, kept as is. */
  other: { currency: string; amount: number } | null;
}

/** How a funding row adds to a position of `symbol`: in quote (settle/quote asset or converted), else kept per currency. */
export function splitFunding(symbol: string, income: Income, convertToQuote?: BookOptions['convertToQuote']): FundingSplit {
  const { quote, settle } = symbolCurrencies(symbol);
  if (income.asset === settle || income.asset === quote) return { quote: income.amount, other: null };
  const converted = convertToQuote?.(income.asset, income.amount, symbol, income.timestamp) ?? null;
  if (converted !== null && Number.isFinite(converted)) return { quote: converted, other: null };
  return { quote: 0, other: { currency: income.asset, amount: income.amount } };
}

/**
 * Whether funding at time t belongs to the last position opened before t (openedAt < t), given
 * when that position closed (null = still open). See the attribution rule in the class comment.
 */
export function fundingTarget(closedAt: number | null, t: number, graceMs = 0): boolean {
  if (closedAt === null || closedAt >= t) return true;
  return t - closedAt <= graceMs;
}

function scaleOther(other: { currency: string; amount: number } | null, share: number): { currency: string; amount: number } | null {
  return other === null ? null : { currency: other.currency, amount: other.amount * share };
}

function toUnattributed(state: SymbolState, income: Income): UnattributedFunding {
  return { incomeKey: income.key, accountId: state.accountId, symbol: state.symbol, asset: income.asset, amount: income.amount, timestamp: income.timestamp };
}
