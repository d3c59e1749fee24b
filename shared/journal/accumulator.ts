import type { ExchangeId, MarketType } from '../domain/types';
import { addTo } from './fees';
import type { CurrencyAmounts, Direction, Position } from './types';

export interface AccumulatorInit {
  id: string;
  kind: Position['kind'];
  accountId: string;
  exchange: ExchangeId;
  marketType: MarketType;
  symbol: string;
  quoteCurrency: string;
  direction: Direction;
  openedAt: number;
}

/**
 * Running sums of one position. Mutable on purpose (one object per position, updated in place
 * while streaming); `toPosition` hands out an independent copy, so snapshots never change later.
 */
export class PositionAccumulator {
  readonly init: AccumulatorInit;
  closedAt: number | null = null;
  openQty = 0;
  maxQty = 0;
  entryQty = 0;
  entryNotional = 0;
  closedQty = 0;
  exitNotional = 0;
  realizedPnl = 0;
  fees = 0;
  readonly feesOther: CurrencyAmounts = {};
  funding = 0;
  readonly fundingOther: CurrencyAmounts = {};
  unmatchedQty = 0;
  readonly fillKeys: string[] = [];

  constructor(init: AccumulatorInit) {
    this.init = init;
  }

  /** Weighted average of every entry; with average-cost closes it is also the basis of what is open. */
  get avgEntryPrice(): number {
    return this.entryQty > 0 ? this.entryNotional / this.entryQty : 0;
  }

  enter(qty: number, price: number): void {
    this.entryQty += qty;
    this.entryNotional += qty * price;
    this.openQty += qty;
    if (this.openQty > this.maxQty) this.maxQty = this.openQty;
  }

  exit(qty: number, price: number, realized: number): void {
    this.closedQty += qty;
    this.exitNotional += qty * price;
    this.realizedPnl += realized;
    this.openQty -= qty;
  }

  addFee(quote: number, other: { currency: string; amount: number } | null): void {
    this.fees += quote;
    if (other !== null) addTo(this.feesOther, other.currency, other.amount);
  }

  addFunding(quote: number, other: { currency: string; amount: number } | null): void {
    this.funding += quote;
    if (other !== null) addTo(this.fundingOther, other.currency, other.amount);
  }

  addFillKey(key: string): void {
    // A flip fill is added once to each side; never twice to the same position.
    if (this.fillKeys[this.fillKeys.length - 1] !== key) this.fillKeys.push(key);
  }

  close(at: number): void {
    this.openQty = 0;
    this.closedAt = at;
  }

  /** An independent copy; `extraFunding` adds funding not yet committed (see futures snapshot). */
  toPosition(extraFunding = 0, extraFundingOther: CurrencyAmounts = {}): Position {
    const funding = this.funding + extraFunding;
    const fundingOther = { ...this.fundingOther };
    for (const [currency, amount] of Object.entries(extraFundingOther)) addTo(fundingOther, currency, amount);
    const closed = this.closedAt !== null;
    return {
      ...this.init,
      status: closed ? 'closed' : 'open',
      closedAt: this.closedAt,
      durationMs: this.closedAt === null ? null : this.closedAt - this.init.openedAt,
      openQty: this.openQty,
      maxQty: this.maxQty,
      entryQty: this.entryQty,
      avgEntryPrice: this.avgEntryPrice,
      closedQty: this.closedQty,
      avgExitPrice: this.closedQty > 0 ? this.exitNotional / this.closedQty : null,
      realizedPnl: this.realizedPnl,
      fees: this.fees,
      feesOther: { ...this.feesOther },
      funding,
      fundingOther,
      netPnl: this.realizedPnl - this.fees + funding,
      unmatchedQty: this.unmatchedQty,
      fillKeys: [...this.fillKeys],
    };
  }
}
