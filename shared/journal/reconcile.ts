import type { Income, Trade } from '../domain/types';
import type { FillOutcome } from './types';

/**
 * Compares the realized P&L we compute for futures fills with what the exchange reports:
 * REALIZED_PNL income rows and `Trade.exchangeRealizedPnl`, per account+symbol. A difference
 * usually means missing fills (history gap), a wrong fill order, or rows from a time range we
 * did not import. Gross realized P&L is compared: both exchange sources exclude fees and funding.
 *
 * Income rows are matched by their `symbol`, which the adapters store as the unified symbol,
 * the same string as `Trade.symbol`. Spot fills are ignored (exchanges report no spot P&L).
 * Streaming: feed rows in any order, then call report().
 */

export interface ReconcileOptions {
  /** Absolute tolerance in quote currency (default 0.01). */
  tolerance?: number;
  /** Only rows with timestamp in [from, to). */
  from?: number;
  to?: number;
  /** How many per-fill differences to keep as examples (default 100); the total is still counted. */
  maxFillDifferences?: number;
}

export interface SymbolReconciliation {
  accountId: string;
  symbol: string;
  computed: number;
  /** Sum of REALIZED_PNL income rows; null when there were none. */
  fromIncome: number | null;
  /** Sum of fills' exchangeRealizedPnl; null when no fill carried one. */
  fromFills: number | null;
  /** computed - fromIncome (null when fromIncome is null). */
  incomeDiff: number | null;
  /** computed - fromFills (null when fromFills is null). */
  fillsDiff: number | null;
  /** True when every available difference is within tolerance. */
  ok: boolean;
}

export interface FillDifference {
  key: string;
  symbol: string;
  timestamp: number;
  computed: number;
  exchange: number;
  diff: number;
}

export interface ReconciliationReport {
  /** Every account+symbol seen, ordered by account then symbol. */
  rows: SymbolReconciliation[];
  /** The rows that are not ok. */
  differences: SymbolReconciliation[];
  /** Fills whose own exchange P&L differs from ours (first `maxFillDifferences`, in feed order). */
  fillDifferences: FillDifference[];
  fillDifferenceCount: number;
}

interface Sums {
  accountId: string;
  symbol: string;
  computed: number;
  income: number | null;
  fills: number | null;
}

export class Reconciler {
  private readonly sums = new Map<string, Sums>();
  private readonly fillDifferences: FillDifference[] = [];
  private fillDifferenceCount = 0;
  private readonly tolerance: number;
  private readonly options: ReconcileOptions;

  constructor(options: ReconcileOptions = {}) {
    this.options = options;
    this.tolerance = options.tolerance ?? 0.01;
  }

  addFill(fill: Trade, outcome: FillOutcome): void {
    if (fill.marketType !== 'linear' || !this.inRange(fill.timestamp)) return;
    const s = this.sumsFor(fill.accountId, fill.symbol);
    s.computed += outcome.realizedPnl;
    if (fill.exchangeRealizedPnl !== null) {
      s.fills = (s.fills ?? 0) + fill.exchangeRealizedPnl;
      const diff = outcome.realizedPnl - fill.exchangeRealizedPnl;
      if (Math.abs(diff) > this.tolerance) {
        this.fillDifferenceCount++;
        if (this.fillDifferences.length < (this.options.maxFillDifferences ?? 100)) {
          this.fillDifferences.push({ key: fill.key, symbol: fill.symbol, timestamp: fill.timestamp, computed: outcome.realizedPnl, exchange: fill.exchangeRealizedPnl, diff });
        }
      }
    }
  }

  addIncome(income: Income): void {
    if (income.incomeType !== 'REALIZED_PNL' || income.marketType !== 'linear' || income.symbol === null) return;
    if (!this.inRange(income.timestamp)) return;
    const s = this.sumsFor(income.accountId, income.symbol);
    s.income = (s.income ?? 0) + income.amount;
  }

  report(): ReconciliationReport {
    const rows: SymbolReconciliation[] = [...this.sums.values()]
      .sort((a, b) => cmp(a.accountId, b.accountId) || cmp(a.symbol, b.symbol))
      .map((s) => {
        const incomeDiff = s.income === null ? null : s.computed - s.income;
        const fillsDiff = s.fills === null ? null : s.computed - s.fills;
        const ok = (incomeDiff === null || Math.abs(incomeDiff) <= this.tolerance) && (fillsDiff === null || Math.abs(fillsDiff) <= this.tolerance);
        return { accountId: s.accountId, symbol: s.symbol, computed: s.computed, fromIncome: s.income, fromFills: s.fills, incomeDiff, fillsDiff, ok };
      });
    return { rows, differences: rows.filter((r) => !r.ok), fillDifferences: [...this.fillDifferences], fillDifferenceCount: this.fillDifferenceCount };
  }

  private inRange(t: number): boolean {
    return (this.options.from === undefined || t >= this.options.from) && (this.options.to === undefined || t < this.options.to);
  }

  private sumsFor(accountId: string, symbol: string): Sums {
    const k = `${accountId}|${symbol}`;
    let s = this.sums.get(k);
    if (s === undefined) this.sums.set(k, (s = { accountId, symbol, computed: 0, income: null, fills: null }));
    return s;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whole-array convenience. `outcomes` comes from computeJournal(...).fills. */
export function reconcileRealizedPnl(trades: Iterable<Trade>, outcomes: ReadonlyMap<string, FillOutcome>, incomes: Iterable<Income>, options: ReconcileOptions = {}): ReconciliationReport {
  const r = new Reconciler(options);
  for (const fill of trades) {
    const outcome = outcomes.get(fill.key);
    if (outcome !== undefined) r.addFill(fill, outcome);
  }
  for (const income of incomes) r.addIncome(income);
  return r.report();
}
