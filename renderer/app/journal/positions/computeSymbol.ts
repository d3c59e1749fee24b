import type { Income } from '../../../../shared/domain/types';
import { JournalBook } from '../../../../shared/journal/book';
import { Reconciler } from '../../../../shared/journal/reconcile';
import type { FillDifference, SymbolReconciliation } from '../../../../shared/journal/reconcile';
import type { Position } from '../../../../shared/journal/types';
import type { JournalDb } from '../../../db/schema';
import { fillsInTimeOrder, incomeBySymbol } from './fillStream';

/** An account+symbol whose positions are wanted, with the stats-table stamp that says whether a cached result is current. */
export interface SymbolPair {
  accountId: string;
  symbol: string;
  /** `${count}:${lastTimestamp}` from symbolStats: changes whenever trades are added. */
  stamp: string;
}

/** Everything the journal view needs from one account+symbol replay. */
export interface SymbolResult extends SymbolPair {
  positions: Position[];
  /** Trade key -> gross realized P&L, only for fills that closed something. */
  closes: Map<string, number>;
  fills: number;
  /** Futures only (spot has no exchange P&L to compare with); null for spot symbols. */
  reconciliation: SymbolReconciliation | null;
  fillDifferences: FillDifference[];
  fillDifferenceCount: number;
  unmatchedSellQty: number;
  unattributedFunding: number;
  computedAt: number;
}

export function pairKey(accountId: string, symbol: string): string {
  return `${accountId}\u0000${symbol}`;
}

/** A function, not an inline check: the flag changes while we await, which narrowing cannot see. */
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/** Yields to the event loop so a long replay never blocks input for more than one chunk. */
const breathe = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Replays one account+symbol: fills streamed in time order, its income rows fed once. */
export async function computeSymbol(db: JournalDb, pair: SymbolPair, incomes: readonly Income[], signal?: AbortSignal): Promise<SymbolResult> {
  const book = new JournalBook();
  const reconciler = new Reconciler({ maxFillDifferences: 50 });
  for (const income of incomes) {
    book.addIncome(income);
    reconciler.addIncome(income);
  }
  const closes = new Map<string, number>();
  let fills = 0;
  let linear = false;
  for await (const chunk of fillsInTimeOrder(db, pair.accountId, pair.symbol)) {
    if (signal?.aborted === true) throw new DOMException('Cancelled', 'AbortError');
    for (const fill of chunk) {
      const outcome = book.add(fill);
      reconciler.addFill(fill, outcome);
      if (fill.marketType === 'linear') linear = true;
      if (outcome.closedQty > 0) closes.set(fill.key, outcome.realizedPnl);
      fills++;
    }
    await breathe();
  }
  const snapshot = book.snapshot();
  const report = reconciler.report();
  return {
    ...pair,
    positions: snapshot.positions,
    closes,
    fills,
    reconciliation: linear ? (report.rows[0] ?? null) : null,
    fillDifferences: report.fillDifferences,
    fillDifferenceCount: report.fillDifferenceCount,
    unmatchedSellQty: snapshot.unmatchedSells.reduce((sum, u) => sum + u.qty, 0),
    unattributedFunding: snapshot.unattributedFunding.reduce((sum, f) => sum + f.amount, 0),
    computedAt: Date.now(),
  };
}

/**
 * Computes pairs one account+symbol at a time (never all trades at once). Income is read once
 * per account. `onResult` receives each finished symbol so the UI fills in progressively; a
 * symbol that fails goes to `onFailure` and the rest continue. Cancelling rejects with AbortError.
 */
export async function computePairs(
  db: JournalDb,
  pairs: readonly SymbolPair[],
  onResult: (result: SymbolResult, done: number) => void,
  signal?: AbortSignal,
  onFailure: (pair: SymbolPair, message: string, done: number) => void = () => undefined,
): Promise<void> {
  const byAccount = new Map<string, SymbolPair[]>();
  for (const p of pairs) {
    let list = byAccount.get(p.accountId);
    if (list === undefined) byAccount.set(p.accountId, (list = []));
    list.push(p);
  }
  let done = 0;
  for (const [accountId, list] of byAccount) {
    const incomes = await incomeBySymbol(db, accountId, new Set(list.map((p) => p.symbol)));
    for (const pair of list) {
      if (signal?.aborted === true) throw new DOMException('Cancelled', 'AbortError');
      let result: SymbolResult;
      try {
        result = await computeSymbol(db, pair, incomes.get(pair.symbol) ?? [], signal);
      } catch (error) {
        if (isAborted(signal)) throw error;
        // One unusable symbol (a fill the P&L math refuses) must not stop the others.
        done++;
        onFailure(pair, error instanceof Error ? error.message : 'could not be computed', done);
        continue;
      }
      done++;
      onResult(result, done);
    }
  }
}
