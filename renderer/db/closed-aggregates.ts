import { Dexie } from 'dexie';
import type { Table, Transaction } from 'dexie';
import {
  BREAK_EVEN_TOLERANCE, closedQuartersOf, DAY_MS, closedSymbolDaysOf, mergeQuarter, mergeSymbolDay, quarterHourOf, quarterKey, QUARTER_HOUR_MS, settleEmptySums, symbolDayKey, utcDayOf,
  type ClosedQuarter, type ClosedSymbolDay,
} from '../../shared/journal/closed-buckets';
import { quarterDayOf, quarterDaysOf, symbolDayPackOf, symbolDayPacksOf, type QuarterDay, type SymbolDayPack } from '../../shared/journal/quarter-pack';
import { emptyGroup, type GroupStats } from '../../shared/journal/stats';
import { deleteAccountLabelled, keepLabelled, type LabelledTables } from './labelled-positions';
import type { PositionRow } from './records';

/**
 * The stored aggregates of closed positions (shared/journal/closed-buckets.ts), kept exact by
 * every writer of positions in its own transaction: incremental commits and imports
 * (ledger-store applyDerived), replays (ledger-rebuild), account deletes and purges
 * (deleteDerived), with the kept copy of labelled positions (labelled-positions.ts). Each write moves the sums by the difference between the old and new versions
 * of the positions it changed; a quarter hour that lost its largest win or loss is recomputed
 * from the positions closing in it (index-bounded).
 */

export type ClosedQuarterKey = [string, number, string];
export type ClosedSymbolDayKey = [string, number, string];

export interface AggregateTables extends LabelledTables {
  positions: Table<PositionRow, string>;
  closedQuarters: Table<ClosedQuarter, ClosedQuarterKey>;
  closedSymbolDays: Table<ClosedSymbolDay, ClosedSymbolDayKey>;
  closedQuarterDays: Table<QuarterDay, [string, number]>;
  closedSymbolDayPacks: Table<SymbolDayPack, [string, number]>;
}

/** Positions of an account closing in [from, to), by the `[accountId+closedAt]` index (open positions are not in it). */
export function closedBetween(db: Pick<AggregateTables, 'positions'>, accountId: string, from: number, to: number): Promise<PositionRow[]> {
  if (!(from < to)) return Promise.resolve([]);
  return db.positions.where('[accountId+closedAt]').between([accountId, from], [accountId, to], true, false).toArray();
}

/** What removing and adding position versions does to one quarter row, before it is merged with the stored row. */
interface QuarterChange {
  delta: ClosedQuarter;
  /** The largest removed win / most negative removed loss: if it was the row's extreme, the row is recomputed. */
  removedWin: number | null;
  removedLoss: number | null;
}

function signed(group: GroupStats, pnl: number, sign: 1 | -1): void {
  group.trades += sign;
  group.netPnl += sign * pnl;
  if (pnl > BREAK_EVEN_TOLERANCE) {
    group.wins += sign;
    group.grossWin += sign * pnl;
  } else if (pnl < -BREAK_EVEN_TOLERANCE) {
    group.losses += sign;
    group.grossLoss += sign * pnl;
  } else {
    group.breakEvens += sign;
  }
}

/**
 * Applies removed and added position versions to the aggregate rows, in the caller's rw
 * transaction, after the positions themselves were written. Sums move by the difference (one
 * bulk read and write per table); a quarter hour whose largest win or loss was removed is
 * recomputed from the positions closing in it (a maximum cannot be un-added).
 */
export async function applyAggregateChanges(db: AggregateTables, removed: readonly PositionRow[], added: readonly PositionRow[]): Promise<void> {
  const quarters = new Map<string, QuarterChange>();
  const days = new Map<string, ClosedSymbolDay>();
  const apply = (p: PositionRow, sign: 1 | -1): void => {
    if (p.closedAt === null) return;
    const qh = quarterHourOf(p.closedAt);
    const qk = quarterKey(p.accountId, qh, p.quoteCurrency);
    let q = quarters.get(qk);
    if (q === undefined) {
      q = { delta: { accountId: p.accountId, qh, quoteCurrency: p.quoteCurrency, ...emptyGroup(), fees: 0, funding: 0, largestWin: null, largestLoss: null }, removedWin: null, removedLoss: null };
      quarters.set(qk, q);
    }
    signed(q.delta, p.netPnl, sign);
    q.delta.fees += sign * p.fees;
    q.delta.funding += sign * p.funding;
    const win = p.netPnl > BREAK_EVEN_TOLERANCE ? p.netPnl : null;
    const loss = p.netPnl < -BREAK_EVEN_TOLERANCE ? p.netPnl : null;
    if (sign === 1) {
      if (win !== null && (q.delta.largestWin === null || win > q.delta.largestWin)) q.delta.largestWin = win;
      if (loss !== null && (q.delta.largestLoss === null || loss < q.delta.largestLoss)) q.delta.largestLoss = loss;
    } else {
      if (win !== null && (q.removedWin === null || win > q.removedWin)) q.removedWin = win;
      if (loss !== null && (q.removedLoss === null || loss < q.removedLoss)) q.removedLoss = loss;
    }
    const day = utcDayOf(p.closedAt);
    const dk = symbolDayKey(p.accountId, p.symbol, day);
    let d = days.get(dk);
    if (d === undefined) days.set(dk, (d = { accountId: p.accountId, symbol: p.symbol, day, ...emptyGroup() }));
    signed(d, p.netPnl, sign);
  };
  for (const p of removed) apply(p, -1);
  for (const p of added) apply(p, 1);
  if (quarters.size > 0) await applyQuarterChanges(db, [...quarters.values()]);
  if (days.size > 0) await applyDayChanges(db, [...days.values()]);
}

async function applyQuarterChanges(db: AggregateTables, changes: readonly QuarterChange[]): Promise<void> {
  const keys = changes.map(({ delta: d }): ClosedQuarterKey => [d.accountId, d.qh, d.quoteCurrency]);
  const stored = await db.closedQuarters.bulkGet(keys);
  const puts: ClosedQuarter[] = [];
  const deletes: ClosedQuarterKey[] = [];
  const recompute: ClosedQuarter[] = [];
  changes.forEach(({ delta, removedWin, removedLoss }, i) => {
    const have = stored[i];
    const merged: ClosedQuarter = settleEmptySums(have === undefined ? { ...delta } : mergeQuarter(have, delta));
    if (merged.trades <= 0) {
      deletes.push(keys[i] as ClosedQuarterKey);
      return;
    }
    const lostWin = removedWin !== null && have?.largestWin !== undefined && have.largestWin !== null && removedWin >= have.largestWin;
    const lostLoss = removedLoss !== null && have?.largestLoss !== undefined && have.largestLoss !== null && removedLoss <= have.largestLoss;
    if (lostWin || lostLoss) recompute.push(merged);
    else puts.push(merged);
  });
  for (const row of recompute) {
    const fresh = closedQuartersOf(await closedBetween(db, row.accountId, row.qh, row.qh + QUARTER_HOUR_MS)).get(quarterKey(row.accountId, row.qh, row.quoteCurrency));
    if (fresh === undefined) deletes.push([row.accountId, row.qh, row.quoteCurrency]);
    else puts.push(fresh);
  }
  if (deletes.length > 0) await db.closedQuarters.bulkDelete(deletes);
  if (puts.length > 0) await db.closedQuarters.bulkPut(puts);
  await repackQuarterDays(db, keys);
}

/**
 * Rebuilds the day packs (closedQuarterDays, what the dashboard reads) of the UTC days these
 * quarter rows lie in, from the day's quarter rows.
 */
async function repackQuarterDays(db: AggregateTables, keys: readonly ClosedQuarterKey[]): Promise<void> {
  const days = new Map<string, [string, number]>();
  for (const [accountId, qh] of keys) {
    const day = utcDayOf(qh);
    days.set(JSON.stringify([accountId, day]), [accountId, day]);
  }
  const packs: QuarterDay[] = [];
  const empty: [string, number][] = [];
  for (const [accountId, day] of days.values()) {
    const rows = await db.closedQuarters.where(':id').between([accountId, day * DAY_MS], [accountId, (day + 1) * DAY_MS], true, false).toArray();
    if (rows.length === 0) empty.push([accountId, day]);
    else packs.push(quarterDayOf(accountId, day, rows));
  }
  if (empty.length > 0) await db.closedQuarterDays.bulkDelete(empty);
  if (packs.length > 0) await db.closedQuarterDays.bulkPut(packs);
}

async function applyDayChanges(db: AggregateTables, changes: readonly ClosedSymbolDay[]): Promise<void> {
  const keys = changes.map((d): ClosedSymbolDayKey => [d.accountId, d.day, d.symbol]);
  const stored = await db.closedSymbolDays.bulkGet(keys);
  const puts: ClosedSymbolDay[] = [];
  const deletes: ClosedSymbolDayKey[] = [];
  changes.forEach((delta, i) => {
    const have = stored[i];
    const merged = settleEmptySums(have === undefined ? { ...delta } : mergeSymbolDay(have, delta));
    if (merged.trades <= 0) deletes.push(keys[i] as ClosedSymbolDayKey);
    else puts.push(merged);
  });
  if (deletes.length > 0) await db.closedSymbolDays.bulkDelete(deletes);
  if (puts.length > 0) await db.closedSymbolDays.bulkPut(puts);
  // The day packs the dashboard reads, rebuilt from the touched days' rows.
  const touched = new Map<string, [string, number]>();
  for (const [accountId, day] of keys) touched.set(JSON.stringify([accountId, day]), [accountId, day]);
  const packs: SymbolDayPack[] = [];
  const empty: [string, number][] = [];
  for (const [accountId, day] of touched.values()) {
    const rows = await db.closedSymbolDays.where(':id').between([accountId, day], [accountId, day + 1], true, false).toArray();
    if (rows.length === 0) empty.push([accountId, day]);
    else packs.push(symbolDayPackOf(accountId, day, rows));
  }
  if (empty.length > 0) await db.closedSymbolDayPacks.bulkDelete(empty);
  if (packs.length > 0) await db.closedSymbolDayPacks.bulkPut(packs);
}

/** True when the two versions add the same to every aggregate row (the only fields the rows use). */
function sameForAggregates(a: PositionRow, b: PositionRow): boolean {
  return a.closedAt === b.closedAt && a.netPnl === b.netPnl && a.fees === b.fees && a.funding === b.funding
    && a.accountId === b.accountId && a.symbol === b.symbol && a.quoteCurrency === b.quoteCurrency;
}

/**
 * The versions whose rows need a recompute: old and new of every position that changed for the
 * aggregates. A replay rewrites a whole pair but changes only positions after the first fill it
 * did not know, so the untouched history is not re-read.
 */
function changedVersions(old: readonly (PositionRow | undefined)[], rows: readonly PositionRow[]): { removed: PositionRow[]; added: PositionRow[] } {
  const before = new Map<string, PositionRow>();
  for (const p of old) if (p !== undefined) before.set(p.key, p);
  const added: PositionRow[] = [];
  const removed: PositionRow[] = [];
  for (const p of rows) {
    const was = before.get(p.key);
    before.delete(p.key);
    if (was !== undefined && sameForAggregates(was, p)) continue;
    added.push(p);
    if (was !== undefined) removed.push(was);
  }
  removed.push(...before.values());
  return { removed, added };
}

/** Writes positions (new or rewritten) and keeps the aggregates exact. Runs in the caller's rw transaction. */
export async function putPositionsKeepingAggregates(db: AggregateTables, rows: readonly PositionRow[]): Promise<void> {
  if (rows.length === 0) return;
  const old = await db.positions.bulkGet(rows.map((r) => r.key));
  await db.positions.bulkPut([...rows]);
  await keepLabelled(db, old, rows);
  const { removed, added } = changedVersions(old, rows);
  await applyAggregateChanges(db, removed, added);
}

/** Replaces every position of a pair (a replay) and keeps the aggregates exact. */
export async function replacePairPositions(db: AggregateTables, accountId: string, symbol: string, rows: readonly PositionRow[]): Promise<void> {
  const range = db.positions.where('[accountId+symbol+openedAt]').between([accountId, symbol], [accountId, symbol, Dexie.maxKey]);
  const old = await range.toArray();
  await range.delete();
  if (rows.length > 0) await db.positions.bulkPut([...rows]);
  await keepLabelled(db, old, rows);
  const { removed, added } = changedVersions(old, rows);
  await applyAggregateChanges(db, removed, added);
}

/** With an account's positions (ledger-store deleteDerived). */
export async function deleteAccountAggregates(db: AggregateTables, accountId: string): Promise<void> {
  await db.closedQuarters.where(':id').between([accountId], [accountId, Dexie.maxKey]).delete();
  await db.closedSymbolDays.where(':id').between([accountId], [accountId, Dexie.maxKey]).delete();
  await db.closedQuarterDays.where(':id').between([accountId, Dexie.minKey], [accountId, Dexie.maxKey]).delete();
  await db.closedSymbolDayPacks.where(':id').between([accountId, Dexie.minKey], [accountId, Dexie.maxKey]).delete();
  await deleteAccountLabelled(db, accountId);
}

/** Schema v10's upgrade: the day packs of the stored quarter and per-symbol rows. */
export async function backfillQuarterDays(tx: Transaction): Promise<void> {
  const rows = await tx.table<ClosedQuarter, ClosedQuarterKey>('closedQuarters').toArray();
  await tx.table<QuarterDay, [string, number]>('closedQuarterDays').bulkPut(quarterDaysOf(rows));
  const days = await tx.table<ClosedSymbolDay, ClosedSymbolDayKey>('closedSymbolDays').toArray();
  await tx.table<SymbolDayPack, [string, number]>('closedSymbolDayPacks').bulkPut(symbolDayPacksOf(days));
}

/** Schema upgrade: the aggregates of every stored position, one pass, memory bounded by the rows built. */
export async function backfillClosedAggregates(tx: Transaction): Promise<void> {
  const quarters = new Map<string, ClosedQuarter>();
  const days = new Map<string, ClosedSymbolDay>();
  const chunk: PositionRow[] = [];
  const flush = (): void => {
    for (const [k, row] of closedQuartersOf(chunk)) {
      const have = quarters.get(k);
      quarters.set(k, have === undefined ? row : mergeQuarter(have, row));
    }
    for (const [k, row] of closedSymbolDaysOf(chunk)) {
      const have = days.get(k);
      days.set(k, have === undefined ? row : mergeSymbolDay(have, row));
    }
    chunk.length = 0;
  };
  await tx.table<PositionRow, string>('positions').each((p) => {
    chunk.push(p);
    if (chunk.length >= 10_000) flush();
  });
  flush();
  await tx.table<ClosedQuarter, ClosedQuarterKey>('closedQuarters').bulkPut([...quarters.values()]);
  await tx.table<ClosedSymbolDay, ClosedSymbolDayKey>('closedSymbolDays').bulkPut([...days.values()]);
}
