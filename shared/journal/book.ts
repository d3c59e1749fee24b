import type { Income, MarketType, Trade } from '../domain/types';
import { assertNever } from '../never';
import type { WriteOff } from './conversions';
import { FuturesBook, type FuturesBookOptions, type FuturesCheckpoint } from './futures';
import { compareFills, sortFills } from './order';
import { SpotBook, type SpotBookOptions, type SpotCheckpoint } from './spot';
import type { FillOutcome, Position, UnattributedFunding, UnmatchedSell } from './types';

export type JournalOptions = FuturesBookOptions & SpotBookOptions;

/** One account+symbol's resumable state, whichever book it belongs to. */
export type BookCheckpoint = FuturesCheckpoint | SpotCheckpoint;

export interface JournalSnapshot {
  /** Futures positions and spot round trips, ordered by openedAt then id. */
  positions: Position[];
  unmatchedSells: UnmatchedSell[];
  unattributedFunding: UnattributedFunding[];
}

/**
 * The incremental entry point: feed fills (per account+symbol in time order) and income rows
 * as they are read from the store, take a snapshot whenever the UI needs one. Routes spot fills
 * to SpotBook and linear fills to FuturesBook. Memory is O(positions + open lots + fills' keys).
 */
export class JournalBook {
  private readonly futures: FuturesBook;
  private readonly spot: SpotBook;

  constructor(options: JournalOptions = {}) {
    this.futures = new FuturesBook(options);
    this.spot = new SpotBook(options);
  }

  add(fill: Trade): FillOutcome {
    switch (fill.marketType) {
      case 'spot':
        return this.spot.add(fill);
      case 'linear':
        return this.futures.add(fill);
      default:
        return assertNever(fill.marketType, 'market type');
    }
  }

  /** A spot conversion's write-off (shared/journal/conversions.ts), in time order with the pair's fills. */
  addWriteOff(w: WriteOff): FillOutcome {
    return this.spot.writeOff(w);
  }

  /** Resumes an account+symbol from a stored checkpoint (before any fill of it is added). */
  resume(accountId: string, symbol: string, checkpoint: BookCheckpoint): void {
    switch (checkpoint.kind) {
      case 'futures':
        this.futures.resume(accountId, symbol, checkpoint);
        return;
      case 'spot':
        this.spot.resume(accountId, symbol, checkpoint);
        return;
      default:
        assertNever(checkpoint, 'checkpoint kind');
    }
  }

  /** The account+symbol's checkpoint after everything added so far (null if it was never seen). */
  checkpoint(accountId: string, symbol: string, marketType: MarketType): BookCheckpoint | null {
    switch (marketType) {
      case 'spot':
        return this.spot.checkpoint(accountId, symbol);
      case 'linear':
        return this.futures.checkpoint(accountId, symbol);
      default:
        return assertNever(marketType, 'market type');
    }
  }

  /** Futures funding this book finally reported as unattributed for the pair (pending rows excluded). */
  committedUnattributed(accountId: string, symbol: string): readonly UnattributedFunding[] {
    return this.futures.committedUnattributed(accountId, symbol);
  }

  /** Funding rows go to the futures book; every other income row is ignored (returns false). */
  addIncome(income: Income): boolean {
    return this.futures.addIncome(income);
  }

  snapshot(): JournalSnapshot {
    const f = this.futures.snapshot();
    const s = this.spot.snapshot();
    const positions = [...f.positions, ...s.positions].sort((a, b) => a.openedAt - b.openedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { positions, unmatchedSells: s.unmatchedSells, unattributedFunding: f.unattributedFunding };
  }
}

export interface ComputedJournal extends JournalSnapshot {
  /** Per-fill outcome by trade key. */
  fills: Map<string, FillOutcome>;
}

/** A fill or a conversion's write-off, as the books take them in one time order. */
export type BookEvent = { type: 'fill'; fill: Trade } | { type: 'writeOff'; writeOff: WriteOff };

/** Fills and write-offs merged in time order (compareFills); both inputs must be sorted. */
export function mergeEvents(fills: readonly Trade[], writeOffs: readonly WriteOff[]): BookEvent[] {
  const out: BookEvent[] = [];
  let w = 0;
  for (const fill of fills) {
    for (let next = writeOffs[w]; next !== undefined && compareFills(next, fill) < 0; next = writeOffs[++w]) out.push({ type: 'writeOff', writeOff: next });
    out.push({ type: 'fill', fill });
  }
  for (; w < writeOffs.length; w++) {
    const next = writeOffs[w];
    if (next !== undefined) out.push({ type: 'writeOff', writeOff: next });
  }
  return out;
}

export function addEvent(book: JournalBook, e: BookEvent): FillOutcome {
  switch (e.type) {
    case 'fill':
      return book.add(e.fill);
    case 'writeOff':
      return book.addWriteOff(e.writeOff);
    default:
      return assertNever(e, 'book event');
  }
}

/**
 * Whole-array convenience: sorts (O(n log n)) then streams through a JournalBook. `trades` may
 * include convert fills and `writeOffs` the conversions of wallet flows (conversions.ts).
 */
export function computeJournal(trades: readonly Trade[], incomes: readonly Income[] = [], options: JournalOptions = {}, writeOffs: readonly WriteOff[] = []): ComputedJournal {
  const book = new JournalBook(options);
  for (const income of incomes) book.addIncome(income);
  const fills = new Map<string, FillOutcome>();
  for (const e of mergeEvents(sortFills(trades), sortFills(writeOffs))) {
    const outcome = addEvent(book, e);
    fills.set(outcome.key, outcome);
  }
  return { ...book.snapshot(), fills };
}
