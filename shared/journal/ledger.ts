import type { Income, MarketType, Trade } from '../domain/types';
import { AppError } from '../errors';
import { addEvent, JournalBook, mergeEvents, type BookCheckpoint } from './book';
import type { WriteOff } from './conversions';
import { fundingTarget, splitFunding } from './futures';
import { compareFills } from './order';
import type { FillDifference, SymbolReconciliation } from './reconcile';
import type { Position } from './types';

/**
 * The derived journal of one account+symbol, kept current batch by batch instead of replayed
 * from the first fill: the store persists a `PairLedger` beside the positions it produced, and
 * each sync batch resumes the book from its checkpoint. `applyBatch` over any split of a history
 * gives the same positions and per-fill P&L as one `computeJournal` pass (ledger.test.ts).
 */

/** Tolerance and cap of the per-fill reconciliation examples kept per pair. */
export const LEDGER_FILL_TOLERANCE = 0.01;
export const LEDGER_MAX_FILL_DIFFERENCES = 50;

export interface PairLedger {
  accountId: string;
  symbol: string;
  marketType: MarketType;
  /** Fills applied so far (convert fills and conversion write-offs included). */
  fills: number;
  /** The book's state after the last fill; null before the first fill (or funding row). */
  checkpoint: BookCheckpoint | null;
  /** Reconciliation sums (futures): our gross realized P&L, the exchange's on fills and in income. */
  realizedComputed: number;
  realizedFromFills: number | null;
  realizedFromIncome: number | null;
  fillDifferences: FillDifference[];
  fillDifferenceCount: number;
  /** Spot: quantity sold without inventory. */
  unmatchedSellQty: number;
  /** Funding that matched no position, final (at or before a fill). */
  unattributedFunding: number;
  /** Funding newer than the last fill that matches no position yet (a later fill may still claim it). */
  pendingUnattributedFunding: number;
}

export function emptyLedger(accountId: string, symbol: string, marketType: MarketType): PairLedger {
  return {
    accountId, symbol, marketType, fills: 0, checkpoint: null,
    realizedComputed: 0, realizedFromFills: null, realizedFromIncome: null, fillDifferences: [], fillDifferenceCount: 0,
    unmatchedSellQty: 0, unattributedFunding: 0, pendingUnattributedFunding: 0,
  };
}

/**
 * True when `fills` (sorted) all come after the ledger's last fill, so they can be applied
 * incrementally. Pass write-offs (sorted) too: a conversion older than the last fill needs a replay.
 */
export function appendsInOrder(ledger: PairLedger, sortedFills: readonly Pick<Trade, 'timestamp' | 'tradeId'>[], sortedWriteOffs: readonly WriteOff[] = []): boolean {
  const last = ledger.checkpoint?.lastFill ?? null;
  if (last === null) return true;
  const first = sortedFills[0];
  const firstOff = sortedWriteOffs[0];
  return (first === undefined || compareFills(last, first) < 0) && (firstOff === undefined || compareFills(last, firstOff) < 0);
}

/**
 * Funding rows the resumed book cannot place itself: at or before the last fill and before the
 * open position (if any) opened. They belong to a stored, closed position (or to none); the caller
 * looks up, for each, the last stored position opened strictly before the row's time.
 */
export function historicalFunding(ledger: PairLedger, funding: readonly Income[]): Income[] {
  const cp = ledger.checkpoint;
  if (cp === null || cp.lastFill === null || cp.kind !== 'futures') return [];
  const lastTs = cp.lastFill.timestamp;
  const openedAt = cp.current?.init.openedAt ?? null;
  return funding.filter((f) => f.timestamp <= lastTs && (openedAt === null || f.timestamp <= openedAt));
}

export interface BatchInput {
  /** New fills of this pair (convert fills included), in time order, all after the ledger's last fill. */
  fills: readonly Trade[];
  /** New conversion write-offs of this pair (spot), in time order, all after the ledger's last fill. */
  writeOffs?: readonly WriteOff[];
  /** New FUNDING_FEE rows of this pair (any time). */
  funding: readonly Income[];
  /** New REALIZED_PNL rows of this pair (reconciliation only). */
  realizedIncome: readonly Income[];
  /**
   * For each row of `historicalFunding(ledger, funding)`: the last stored position opened before
   * its time, or undefined when there is none. Positions are updated in place and returned.
   */
  storedTargets?: ReadonlyMap<string, Position | undefined>;
}

export interface BatchOutput {
  ledger: PairLedger;
  /** Positions to write (new, changed, or given funding), at most once each. */
  positions: Position[];
  /** Trade key -> gross realized P&L, for the fills of this batch that closed something. */
  closes: Map<string, number>;
}

/** Applies one batch to a pair's ledger. Pure: the input ledger and positions are not mutated. */
export function applyBatch(ledger: PairLedger, input: BatchInput): BatchOutput {
  const writeOffs = input.writeOffs ?? [];
  if (!appendsInOrder(ledger, input.fills, writeOffs)) {
    throw new AppError('INVALID_INPUT', `Fills of ${ledger.symbol} arrived before its last applied fill; the pair needs a full recompute.`);
  }
  const next: PairLedger = { ...ledger, fillDifferences: [...ledger.fillDifferences] };
  const { accountId, symbol } = ledger;
  const written = new Map<string, Position>();

  const historical = new Set(historicalFunding(ledger, input.funding).map((f) => f.key));
  const book = new JournalBook();
  if (ledger.checkpoint !== null) book.resume(accountId, symbol, ledger.checkpoint);
  for (const row of input.funding) {
    if (!historical.has(row.key)) {
      book.addIncome(row);
      continue;
    }
    const stored = input.storedTargets?.get(row.key);
    const target = stored === undefined ? undefined : (written.get(stored.id) ?? { ...stored, fundingOther: { ...stored.fundingOther } });
    if (target === undefined || !fundingTarget(target.closedAt, row.timestamp)) {
      next.unattributedFunding += row.amount;
      continue;
    }
    const split = splitFunding(symbol, row);
    target.funding += split.quote;
    if (split.other !== null) target.fundingOther[split.other.currency] = (target.fundingOther[split.other.currency] ?? 0) + split.other.amount;
    target.netPnl = target.realizedPnl - target.fees + target.funding;
    written.set(target.id, target);
  }
  for (const row of input.realizedIncome) next.realizedFromIncome = (next.realizedFromIncome ?? 0) + row.amount;

  const closes = new Map<string, number>();
  for (const event of mergeEvents(input.fills, writeOffs)) {
    const outcome = addEvent(book, event);
    next.fills++;
    if (outcome.closedQty > 0) closes.set(outcome.key, outcome.realizedPnl);
    if (event.type !== 'fill' || event.fill.marketType !== 'linear') continue;
    const fill = event.fill;
    next.realizedComputed += outcome.realizedPnl;
    if (fill.exchangeRealizedPnl === null) continue;
    next.realizedFromFills = (next.realizedFromFills ?? 0) + fill.exchangeRealizedPnl;
    const diff = outcome.realizedPnl - fill.exchangeRealizedPnl;
    if (Math.abs(diff) <= LEDGER_FILL_TOLERANCE) continue;
    next.fillDifferenceCount++;
    if (next.fillDifferences.length < LEDGER_MAX_FILL_DIFFERENCES) {
      next.fillDifferences.push({ key: fill.key, symbol, timestamp: fill.timestamp, computed: outcome.realizedPnl, exchange: fill.exchangeRealizedPnl, diff });
    }
  }

  const snapshot = book.snapshot();
  for (const p of snapshot.positions) written.set(p.id, p);
  for (const u of snapshot.unmatchedSells) next.unmatchedSellQty += u.qty;
  const committed = new Set(book.committedUnattributed(accountId, symbol).map((u) => u.incomeKey));
  next.pendingUnattributedFunding = 0;
  for (const u of snapshot.unattributedFunding) {
    if (committed.has(u.incomeKey)) next.unattributedFunding += u.amount;
    else next.pendingUnattributedFunding += u.amount;
  }
  next.checkpoint = book.checkpoint(accountId, symbol, ledger.marketType) ?? ledger.checkpoint;
  return { ledger: next, positions: [...written.values()], closes };
}

/** The reconciliation row of a futures pair from its ledger sums (null for spot: no exchange P&L to compare). */
export function ledgerReconciliation(ledger: Omit<PairLedger, 'checkpoint'>, tolerance = LEDGER_FILL_TOLERANCE): SymbolReconciliation | null {
  if (ledger.marketType !== 'linear') return null;
  const computed = ledger.realizedComputed;
  const incomeDiff = ledger.realizedFromIncome === null ? null : computed - ledger.realizedFromIncome;
  const fillsDiff = ledger.realizedFromFills === null ? null : computed - ledger.realizedFromFills;
  const ok = (incomeDiff === null || Math.abs(incomeDiff) <= tolerance) && (fillsDiff === null || Math.abs(fillsDiff) <= tolerance);
  return { accountId: ledger.accountId, symbol: ledger.symbol, computed, fromIncome: ledger.realizedFromIncome, fromFills: ledger.realizedFromFills, incomeDiff, fillsDiff, ok };
}
