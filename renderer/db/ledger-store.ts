import { Dexie } from 'dexie';
import type { Table } from 'dexie';
import type { AssetFlow, Income, MarketType, Trade } from '../../shared/domain/types';
import { AppError } from '../../shared/errors';
import { conversionsOf, type WriteOff } from '../../shared/journal/conversions';
import { fundingTarget } from '../../shared/journal/futures';
import { appendsInOrder, applyBatch, emptyLedger, historicalFunding, type PairLedger } from '../../shared/journal/ledger';
import { sortFills } from '../../shared/journal/order';
import type { Position } from '../../shared/journal/types';
import { deleteAccountAggregates, putPositionsKeepingAggregates, type AggregateTables } from './closed-aggregates';
import type { FillPnlChunk, LedgerRow, LedgerStateRow, PositionRow } from './records';

/** What the derived-P&L writers need of the database (a JournalDb; tests may pass the same). */
export interface LedgerTables extends AggregateTables {
  ledgers: Table<LedgerRow, [string, string]>;
  ledgerStates: Table<LedgerStateRow, [string, string]>;
  positions: Table<PositionRow, string>;
  fillPnl: Table<FillPnlChunk, string>;
}

/**
 * The derived tables, for transaction scopes: every writer of trades or income must include them
 * (positions and the aggregates of closed positions commit together: closed-aggregates.ts).
 */
export function ledgerTables(db: LedgerTables): Table[] {
  // The journal is read (never written) by position writes: the kept copy of labelled positions joins both.
  return [db.ledgers, db.ledgerStates, db.positions, db.fillPnl, db.closedQuarters, db.closedSymbolDays, db.closedQuarterDays, db.closedSymbolDayPacks, db.journal, db.labelledPositions, db.labelledDays];
}

export function newLedgerRow(accountId: string, symbol: string, marketType: MarketType, status: LedgerRow['status'] = 'current'): LedgerRow {
  return { ...summaryOf(emptyLedger(accountId, symbol, marketType)), status, revision: 0, recentChanges: [], error: null, updatedAt: 0 };
}

/** A ledger without its checkpoint (what `ledgers` stores; the checkpoint goes to `ledgerStates`). */
export function summaryOf(ledger: PairLedger): Omit<PairLedger, 'checkpoint'> {
  const { checkpoint: _checkpoint, ...summary } = ledger;
  return summary;
}

export function stateRowOf(ledger: PairLedger): LedgerStateRow {
  return { accountId: ledger.accountId, symbol: ledger.symbol, checkpoint: ledger.checkpoint };
}

export function toPositionRow(p: Position): PositionRow {
  return { ...p, key: p.id };
}

/** Every key of a compound index whose first two components are accountId and symbol. */
export function pairRange(accountId: string, symbol: string): [unknown[], unknown[]] {
  return [[accountId, symbol], [accountId, symbol, Dexie.maxKey]];
}

interface PairInput {
  accountId: string;
  symbol: string;
  marketType: MarketType;
  fills: Trade[];
  writeOffs: WriteOff[];
  funding: Income[];
  realizedIncome: Income[];
}

const pairId = (accountId: string, symbol: string): string => `${accountId}\u0000${symbol}`;

/**
 * Groups newly inserted rows by account+symbol: fills, the spot fills and write-offs of converts and
 * dust (shared/journal/conversions.ts), funding and realized-P&L income of linear markets.
 */
function groupByPair(trades: readonly Trade[], incomes: readonly Income[], flows: readonly AssetFlow[]): PairInput[] {
  const pairs = new Map<string, PairInput>();
  const get = (accountId: string, symbol: string, marketType: MarketType): PairInput => {
    const k = pairId(accountId, symbol);
    let p = pairs.get(k);
    if (p === undefined) pairs.set(k, (p = { accountId, symbol, marketType, fills: [], writeOffs: [], funding: [], realizedIncome: [] }));
    return p;
  };
  const conversions = conversionsOf(flows);
  for (const t of [...trades, ...conversions.fills]) get(t.accountId, t.symbol, t.marketType).fills.push(t);
  for (const w of conversions.writeOffs) get(w.accountId, w.symbol, 'spot').writeOffs.push(w);
  for (const i of incomes) {
    if (i.symbol === null || i.marketType !== 'linear') continue;
    if (i.incomeType === 'FUNDING_FEE') get(i.accountId, i.symbol, 'linear').funding.push(i);
    else if (i.incomeType === 'REALIZED_PNL') get(i.accountId, i.symbol, 'linear').realizedIncome.push(i);
  }
  return [...pairs.values()];
}

/**
 * Among stored positions of the pair opened strictly before t, the one funding at t belongs to
 * (the attribution rule of shared/journal/futures.ts). Positions of one pair never overlap in
 * time, so only the latest opening time can qualify; ties there are checked one by one.
 */
async function storedFundingTarget(db: LedgerTables, accountId: string, symbol: string, t: number): Promise<Position | undefined> {
  const rows = await db.positions.where('[accountId+symbol+openedAt]')
    .between([accountId, symbol, -Infinity], [accountId, symbol, t], true, false)
    .reverse().limit(8).toArray();
  const latest = rows[0]?.openedAt;
  return rows.find((r) => r.openedAt === latest && fundingTarget(r.closedAt, t));
}

/** How many writes `recentChanges` remembers; a reader further behind reloads the whole pair. */
export const RECENT_CHANGES = 32;

/** The ledger's next revision, remembering which positions it rewrote (see LedgerRow.recentChanges). */
export function nextRevision(row: LedgerRow, from: number): Pick<LedgerRow, 'revision' | 'recentChanges'> {
  const revision = row.revision + 1;
  return { revision, recentChanges: [...row.recentChanges, { revision, from }].slice(-RECENT_CHANGES) };
}

function touched(row: LedgerRow, now: number, status: LedgerRow['status'], error: string | null = row.error): LedgerRow {
  return { ...row, status, error, ...nextRevision(row, Infinity), updatedAt: now };
}

/**
 * Brings the derived P&L of every pair these new rows touch up to date. Runs inside the caller's
 * rw transaction (commitBatch, CSV import, restore) with `ledgerTables` in scope, so positions
 * and per-fill P&L commit with the rows or not at all. Only really inserted rows may be passed
 * (a duplicate was applied when it was first stored).
 *
 * `flows` are newly inserted asset flows: converts and dust change spot positions like fills.
 *
 * Fills after a pair's last applied fill are applied incrementally (the normal case: a sync reads
 * forward in time). Anything else marks the pair stale for a full replay (ledger-rebuild.ts); so
 * does a convert or dust row older than the pair's last fill (wallet streams are synced after the
 * fills, so a full sync with converts on a traded pair replays that pair once).
 */
export async function applyDerived(db: LedgerTables, trades: readonly Trade[], incomes: readonly Income[], now: number, flows: readonly AssetFlow[] = []): Promise<void> {
  const inputs = groupByPair(trades, incomes, flows);
  if (inputs.length === 0) return;
  const keys = inputs.map((p): [string, string] => [p.accountId, p.symbol]);
  const [stored, states] = await Promise.all([db.ledgers.bulkGet(keys), db.ledgerStates.bulkGet(keys)]);
  const ledgers: LedgerRow[] = [];
  const stateRows: LedgerStateRow[] = [];
  const positions: PositionRow[] = [];
  const chunks: FillPnlChunk[] = [];
  for (const [i, input] of inputs.entries()) {
    const row = stored[i] ?? newLedgerRow(input.accountId, input.symbol, input.marketType);
    const fills = sortFills(input.fills);
    const writeOffs = sortFills(input.writeOffs);
    if (row.status !== 'current') {
      ledgers.push(touched(row, now, row.status));
      continue;
    }
    const ledger: PairLedger = { ...row, checkpoint: states[i]?.checkpoint ?? null };
    if (!appendsInOrder(ledger, fills, writeOffs)) {
      ledgers.push(touched(row, now, 'stale', null));
      continue;
    }
    const storedTargets = new Map<string, Position | undefined>();
    for (const f of historicalFunding(ledger, input.funding)) {
      storedTargets.set(f.key, await storedFundingTarget(db, input.accountId, input.symbol, f.timestamp));
    }
    let out;
    try {
      out = applyBatch(ledger, { fills, writeOffs, funding: input.funding, realizedIncome: input.realizedIncome, storedTargets });
    } catch (error) {
      // A fill the P&L math refuses (e.g. a zero price): the rows are still stored; the pair says why it has no P&L.
      if (!(error instanceof AppError)) throw error;
      ledgers.push(touched(row, now, 'failed', error.message));
      continue;
    }
    const from = out.positions.reduce((min, p) => Math.min(min, p.openedAt), Infinity);
    ledgers.push({ ...row, ...summaryOf(out.ledger), status: 'current', error: null, ...nextRevision(row, from), updatedAt: now });
    stateRows.push(stateRowOf(out.ledger));
    for (const p of out.positions) positions.push(toPositionRow(p));
    const chunk = closesChunk(input.accountId, input.symbol, fills, out.closes);
    if (chunk !== null) chunks.push(chunk);
  }
  await db.ledgers.bulkPut(ledgers);
  if (stateRows.length > 0) await db.ledgerStates.bulkPut(stateRows);
  await putPositionsKeepingAggregates(db, positions);
  if (chunks.length > 0) await db.fillPnl.bulkPut(chunks);
}

/** One chunk row for the closing fills among `fills` (time ordered), or null when none closed. */
export function closesChunk(accountId: string, symbol: string, fills: readonly Trade[], closes: ReadonlyMap<string, number>): FillPnlChunk | null {
  let first: Trade | undefined;
  let last: Trade | undefined;
  const pnl: Record<string, number> = {};
  for (const f of fills) {
    const value = closes.get(f.key);
    if (value === undefined) continue;
    first ??= f;
    last = f;
    pnl[f.key] = value;
  }
  if (first === undefined || last === undefined) return null;
  return { key: first.key, accountId, symbol, fromTs: first.timestamp, toTs: last.timestamp, pnl };
}

/** Marks pairs stale (a replay is due) in the caller's transaction; creates missing ledgers. */
export async function markPairsStale(db: Pick<LedgerTables, 'ledgers'>, pairs: readonly { accountId: string; symbol: string; marketType: MarketType }[], now: number): Promise<void> {
  if (pairs.length === 0) return;
  const stored = await db.ledgers.bulkGet(pairs.map((p): [string, string] => [p.accountId, p.symbol]));
  await db.ledgers.bulkPut(pairs.map((p, i) => touched(stored[i] ?? newLedgerRow(p.accountId, p.symbol, p.marketType), now, 'stale', null)));
}

/** Deletes the derived rows of one account (all pairs) in the caller's transaction. */
export async function deleteDerived(db: LedgerTables, accountId: string, options: { keepLedgers?: boolean } = {}): Promise<void> {
  const lo = [accountId];
  const hi = [accountId, Dexie.maxKey];
  if (options.keepLedgers !== true) {
    await db.ledgers.where(':id').between(lo, hi).delete();
    await db.ledgerStates.where(':id').between(lo, hi).delete();
  }
  await db.positions.where('[accountId+symbol+openedAt]').between(lo, hi).delete();
  await deleteAccountAggregates(db, accountId);
  await db.fillPnl.where('[accountId+symbol+fromTs]').between(lo, hi).delete();
}
