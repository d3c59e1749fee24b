import { AppError } from '../../shared/errors';
import type { Trade } from '../../shared/domain/types';
import type { WriteOff } from '../../shared/journal/conversions';
import { applyBatch, emptyLedger, type PairLedger } from '../../shared/journal/ledger';
import { compareFills, sortFills } from '../../shared/journal/order';
import { conversionsForSymbol, fillsInTimeOrder, incomeBySymbol } from './fill-stream';
import { replacePairPositions } from './closed-aggregates';
import { closesChunk, ledgerTables, nextRevision, pairRange, stateRowOf, summaryOf, toPositionRow } from './ledger-store';
import type { FillPnlChunk, LedgerRow, PositionRow } from './records';
import type { JournalDb } from './schema';

/**
 * - current: the pair was replayed and stored;
 * - failed: a stored fill cannot be used for P&L (the ledger row says which and why);
 * - changed: rows of the pair were written during the replay; nothing was stored, run it again;
 * - missing: no ledger for this pair (deleted meanwhile).
 */
export type RebuildOutcome = 'current' | 'failed' | 'changed' | 'missing';

export interface RebuildOptions {
  signal?: AbortSignal;
  /** Fills per read (and per applyBatch step). */
  chunkSize?: number;
  /** Between chunks (a caller sharing its thread with other work passes a yield). */
  pause?: () => Promise<void>;
  now?: () => number;
}

/** Takes from the front of a time-ordered queue every item up to and including `last` (all of it when `last` is null). */
function takeUpTo<T extends Pick<Trade, 'timestamp' | 'tradeId'>>(queue: T[], last: Pick<Trade, 'timestamp' | 'tradeId'> | null): T[] {
  let n = 0;
  while (n < queue.length && (last === null || compareFills(queue[n] as T, last) <= 0)) n++;
  return queue.splice(0, n);
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new DOMException('Cancelled', 'AbortError');
}

/**
 * Replays one account+symbol from its first stored fill and replaces its derived rows. Reads in
 * chunks (several short read transactions, so syncs keep committing meanwhile); the result lands in
 * one rw transaction only if the ledger's revision did not move, i.e. no row of the pair was written
 * during the replay. Same `applyBatch` as the commit path, one chunk at a time.
 */
export async function rebuildPair(db: JournalDb, accountId: string, symbol: string, options: RebuildOptions = {}): Promise<RebuildOutcome> {
  const now = options.now ?? Date.now;
  const start = await db.ledgers.get([accountId, symbol]);
  if (start === undefined) return 'missing';
  const incomes = (await incomeBySymbol(db, accountId, new Set([symbol]))).get(symbol) ?? [];
  const funding = incomes.filter((i) => i.incomeType === 'FUNDING_FEE' && i.marketType === 'linear');
  const realizedIncome = incomes.filter((i) => i.incomeType === 'REALIZED_PNL' && i.marketType === 'linear');
  // Converts and dust of this pair, merged into the fill stream in time order.
  const conversions = await conversionsForSymbol(db, accountId, symbol);
  const convertFills: Trade[] = conversions.fills;
  const writeOffs: WriteOff[] = conversions.writeOffs;

  let ledger: PairLedger = emptyLedger(accountId, symbol, start.marketType);
  const positions = new Map<string, PositionRow>();
  const chunks: FillPnlChunk[] = [];
  let error: string | null = null;
  let first = true;
  try {
    const step = (exchangeFills: readonly Trade[], last: Trade | null): void => {
      const fills = sortFills([...exchangeFills, ...takeUpTo(convertFills, last)]);
      const offs = takeUpTo(writeOffs, last);
      if (first) ledger = { ...ledger, marketType: fills[0]?.marketType ?? ledger.marketType };
      const out = applyBatch(ledger, first ? { fills, writeOffs: offs, funding, realizedIncome } : { fills, writeOffs: offs, funding: [], realizedIncome: [] });
      first = false;
      ledger = out.ledger;
      for (const p of out.positions) positions.set(p.id, toPositionRow(p));
      const chunk = closesChunk(accountId, symbol, fills, out.closes);
      if (chunk !== null) chunks.push(chunk);
    };
    for await (const fills of fillsInTimeOrder(db, accountId, symbol, options.chunkSize)) {
      throwIfAborted(options.signal);
      // A chunk ends on a whole timestamp group, so conversions up to its last fill belong in it.
      step(fills, fills[fills.length - 1] ?? null);
      await options.pause?.();
    }
    // Conversions after the last fill (or a pair with none): one last step, which also applies the income of a pair without fills.
    if (first || convertFills.length > 0 || writeOffs.length > 0) step([], null);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    error = e.message;
  }
  throwIfAborted(options.signal);

  return db.transaction('rw', ledgerTables(db), async (): Promise<RebuildOutcome> => {
    const current = await db.ledgers.get([accountId, symbol]);
    if (current === undefined) return 'missing';
    if (current.revision !== start.revision) return 'changed';
    const [lo, hi] = pairRange(accountId, symbol);
    // Positions and the aggregates of their closes are replaced together (closed-aggregates.ts).
    await replacePairPositions(db, accountId, symbol, error === null ? [...positions.values()] : []);
    await db.fillPnl.where('[accountId+symbol+fromTs]').between(lo, hi).delete();
    // Every position of the pair was replaced (or removed): readers reload it whole.
    const revision = nextRevision(current, -Infinity);
    const row: LedgerRow = error === null
      ? { ...summaryOf(ledger), status: 'current', error: null, ...revision, updatedAt: now() }
      : { ...summaryOf(emptyLedger(accountId, symbol, start.marketType)), status: 'failed', error, ...revision, updatedAt: now() };
    if (error === null) {
      await db.fillPnl.bulkPut(chunks);
      await db.ledgerStates.put(stateRowOf(ledger));
    }
    await db.ledgers.put(row);
    return row.status === 'current' ? 'current' : 'failed';
  });
}

/** Pairs due for a replay: stale ones, plus failed ones when `includeFailed` (the user's "Recompute"). */
export async function pairsToRebuild(db: JournalDb, includeFailed = false): Promise<LedgerRow[]> {
  return db.ledgers.where('status').anyOf(includeFailed ? ['stale', 'failed'] : ['stale']).toArray();
}
