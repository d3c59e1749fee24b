import { Dexie } from 'dexie';
import type { Table, Transaction } from 'dexie';
import {
  closedQuartersOf, closedSymbolDaysOf, DAY_MS, mergeQuarter, mergeSymbolDay, quarterHourOf, QUARTER_HOUR_MS, utcDayOf,
  type ClosedQuarter, type ClosedSymbolDay,
} from '../../shared/journal/closed-buckets';
import type { PositionRow } from './records';

/**
 * The stored aggregates of closed positions (shared/journal/closed-buckets.ts), kept exact by
 * every writer of positions in its own transaction: incremental commits and imports
 * (ledger-store applyDerived), replays (ledger-rebuild), account deletes and purges
 * (deleteDerived). A touched quarter hour or day is recomputed from the stored positions (sums
 * cannot give back a largest win once its position changed), with index-bounded reads.
 */

export type ClosedQuarterKey = [string, number, string];
export type ClosedSymbolDayKey = [string, number, string];

export interface AggregateTables {
  positions: Table<PositionRow, string>;
  closedQuarters: Table<ClosedQuarter, ClosedQuarterKey>;
  closedSymbolDays: Table<ClosedSymbolDay, ClosedSymbolDayKey>;
}

/** Quarter hours of an account further apart than this are recomputed in separate range reads. */
const RUN_GAP_MS = DAY_MS;

/** Positions of an account closing in [from, to), by the `[accountId+closedAt]` index (open positions are not in it). */
export function closedBetween(db: Pick<AggregateTables, 'positions'>, accountId: string, from: number, to: number): Promise<PositionRow[]> {
  if (!(from < to)) return Promise.resolve([]);
  return db.positions.where('[accountId+closedAt]').between([accountId, from], [accountId, to], true, false).toArray();
}

/** Rewrites the quarter rows of one account's run of quarter hours [first, last] from the positions closing in it. */
async function refreshQuarterRun(db: AggregateTables, accountId: string, first: number, last: number): Promise<void> {
  const end = last + QUARTER_HOUR_MS;
  const rows = await closedBetween(db, accountId, first, end);
  await db.closedQuarters.where(':id').between([accountId, first], [accountId, end], true, false).delete();
  const fresh = [...closedQuartersOf(rows).values()];
  if (fresh.length > 0) await db.closedQuarters.bulkPut(fresh);
}

/**
 * Rewrites the day rows of one pair for these UTC days. Positions of a pair never overlap in time
 * (the rule ledger-store's funding attribution relies on), so those closing in [first day, last
 * day] were opened from the latest opening before the first day on: one bounded range read.
 */
async function refreshPairDays(db: AggregateTables, accountId: string, symbol: string, days: ReadonlySet<number>): Promise<void> {
  const firstStart = Math.min(...days) * DAY_MS;
  const end = (Math.max(...days) + 1) * DAY_MS;
  const index = db.positions.where('[accountId+symbol+openedAt]');
  const before = await index.between([accountId, symbol, Dexie.minKey], [accountId, symbol, firstStart], true, false).last();
  const from = before?.openedAt ?? firstStart;
  const rows = await db.positions.where('[accountId+symbol+openedAt]').between([accountId, symbol, from], [accountId, symbol, end], true, false).toArray();
  const fresh = [...closedSymbolDaysOf(rows.filter((p) => p.closedAt !== null && days.has(utcDayOf(p.closedAt)))).values()];
  await db.closedSymbolDays.bulkDelete([...days].map((day): ClosedSymbolDayKey => [accountId, day, symbol]));
  if (fresh.length > 0) await db.closedSymbolDays.bulkPut(fresh);
}

/** Recomputes the aggregate rows these positions' closes fall in (pass old and new versions). */
export async function refreshAggregatesOf(db: AggregateTables, positions: Iterable<PositionRow | undefined>): Promise<void> {
  const quarters = new Map<string, Set<number>>();
  const pairs = new Map<string, { accountId: string; symbol: string; days: Set<number> }>();
  for (const p of positions) {
    if (p === undefined || p.closedAt === null) continue;
    let qs = quarters.get(p.accountId);
    if (qs === undefined) quarters.set(p.accountId, (qs = new Set()));
    qs.add(quarterHourOf(p.closedAt));
    const k = `${p.accountId}\u0000${p.symbol}`;
    let pair = pairs.get(k);
    if (pair === undefined) pairs.set(k, (pair = { accountId: p.accountId, symbol: p.symbol, days: new Set() }));
    pair.days.add(utcDayOf(p.closedAt));
  }
  for (const [accountId, qs] of quarters) {
    const sorted = [...qs].sort((a, b) => a - b);
    let runStart = sorted[0];
    let previous = runStart;
    for (const qh of sorted) {
      if (runStart === undefined || previous === undefined) break;
      if (qh - previous > RUN_GAP_MS) {
        await refreshQuarterRun(db, accountId, runStart, previous);
        runStart = qh;
      }
      previous = qh;
    }
    if (runStart !== undefined && previous !== undefined) await refreshQuarterRun(db, accountId, runStart, previous);
  }
  for (const pair of pairs.values()) await refreshPairDays(db, pair.accountId, pair.symbol, pair.days);
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
function changedVersions(old: readonly (PositionRow | undefined)[], rows: readonly PositionRow[]): PositionRow[] {
  const before = new Map<string, PositionRow>();
  for (const p of old) if (p !== undefined) before.set(p.key, p);
  const out: PositionRow[] = [];
  for (const p of rows) {
    const was = before.get(p.key);
    before.delete(p.key);
    if (was !== undefined && sameForAggregates(was, p)) continue;
    out.push(p);
    if (was !== undefined) out.push(was);
  }
  out.push(...before.values());
  return out;
}

/** Writes positions (new or rewritten) and keeps the aggregates exact. Runs in the caller's rw transaction. */
export async function putPositionsKeepingAggregates(db: AggregateTables, rows: readonly PositionRow[]): Promise<void> {
  if (rows.length === 0) return;
  const old = await db.positions.bulkGet(rows.map((r) => r.key));
  await db.positions.bulkPut([...rows]);
  await refreshAggregatesOf(db, changedVersions(old, rows));
}

/** Replaces every position of a pair (a replay) and keeps the aggregates exact. */
export async function replacePairPositions(db: AggregateTables, accountId: string, symbol: string, rows: readonly PositionRow[]): Promise<void> {
  const range = db.positions.where('[accountId+symbol+openedAt]').between([accountId, symbol], [accountId, symbol, Dexie.maxKey]);
  const old = await range.toArray();
  await range.delete();
  if (rows.length > 0) await db.positions.bulkPut([...rows]);
  await refreshAggregatesOf(db, changedVersions(old, rows));
}

/** With an account's positions (ledger-store deleteDerived). */
export async function deleteAccountAggregates(db: AggregateTables, accountId: string): Promise<void> {
  await db.closedQuarters.where(':id').between([accountId], [accountId, Dexie.maxKey]).delete();
  await db.closedSymbolDays.where(':id').between([accountId], [accountId, Dexie.maxKey]).delete();
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
