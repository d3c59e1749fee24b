import type { Income, Trade } from '../../shared/domain/types';
import type { Excursion } from '../../shared/journal/excursion';
import type { Position } from '../../shared/journal/types';
import type { ExcursionRow } from './records';
import type { JournalDb } from './schema';

/** Reads for reviewing one position: its fills and funding, and its stored MAE/MFE. */

/** Fills of the position's account+symbol from its open to its close (an open one: to now), time order. */
export async function positionFills(db: JournalDb, p: Pick<Position, 'accountId' | 'symbol' | 'openedAt' | 'closedAt'>): Promise<Trade[]> {
  return db.trades.where('[accountId+symbol+timestamp]')
    .between([p.accountId, p.symbol, p.openedAt], [p.accountId, p.symbol, p.closedAt ?? Number.MAX_SAFE_INTEGER], true, true)
    .toArray();
}

/** Funding rows of the position's symbol while it was open. */
export async function positionFunding(db: JournalDb, p: Pick<Position, 'accountId' | 'symbol' | 'openedAt' | 'closedAt'>): Promise<Income[]> {
  const rows = await db.income.where('[accountId+timestamp]')
    .between([p.accountId, p.openedAt], [p.accountId, p.closedAt ?? Number.MAX_SAFE_INTEGER], true, true)
    .toArray();
  return rows.filter((r) => r.incomeType === 'FUNDING_FEE' && r.symbol === p.symbol);
}

export function excursionRow(p: Position, timeframe: string, x: Excursion, now: number): ExcursionRow {
  return {
    key: p.id, accountId: p.accountId, symbol: p.symbol, closedAt: p.closedAt, avgEntryPrice: p.avgEntryPrice, maxQty: p.maxQty, timeframe,
    maeQuote: x.maeQuote, mfeQuote: x.mfeQuote, maePct: x.maePct, mfePct: x.mfePct, holdingMs: x.holdingMs, candles: x.candles, computedAt: now,
  };
}

/** A stored excursion still describes the position when the position did not change since. */
export function excursionMatches(row: ExcursionRow | undefined, p: Position): row is ExcursionRow {
  return row !== undefined && row.closedAt === p.closedAt && row.avgEntryPrice === p.avgEntryPrice && row.maxQty === p.maxQty;
}

/** Stored MAE/MFE of some positions (e.g. a page of the positions table), by id. */
export async function excursionsFor(db: JournalDb, ids: readonly string[]): Promise<Map<string, ExcursionRow>> {
  const rows = await db.excursions.bulkGet([...ids]);
  const out = new Map<string, ExcursionRow>();
  for (const r of rows) if (r !== undefined) out.set(r.key, r);
  return out;
}
