import type { Trade } from '../../shared/domain/types';
import { pairRange } from './ledger-store';
import type { LedgerRow, PositionRow } from './records';
import type { JournalDb } from './schema';

/** Reads of the derived P&L tables (positions, ledgers, per-fill P&L) for the journal view. */

/** A pair's positions in opening order; with `fromOpenedAt`, only those opened at or after it. */
export async function pairPositions(db: JournalDb, accountId: string, symbol: string, fromOpenedAt = -Infinity): Promise<PositionRow[]> {
  const out: PositionRow[] = [];
  for await (const chunk of pairPositionChunks(db, accountId, symbol, fromOpenedAt)) out.push(...chunk);
  return out;
}

/**
 * The same, a chunk at a time (keyset on openedAt, whole openedAt groups per chunk), so a reader
 * on the UI thread can yield between chunks: one read of 100k positions would block it for long.
 */
export async function* pairPositionChunks(db: JournalDb, accountId: string, symbol: string, fromOpenedAt = -Infinity, chunkSize = 5000): AsyncGenerator<PositionRow[]> {
  const [, hi] = pairRange(accountId, symbol);
  let lower = fromOpenedAt;
  let lowerOpen = false;
  for (;;) {
    const rows = await db.positions.where('[accountId+symbol+openedAt]').between([accountId, symbol, lower], hi, !lowerOpen, true).limit(chunkSize).toArray();
    const last = rows[rows.length - 1];
    if (last === undefined) return;
    if (rows.length < chunkSize) {
      yield rows;
      return;
    }
    const head = rows.filter((p) => p.openedAt < last.openedAt);
    yield [...head, ...(await db.positions.where('[accountId+symbol+openedAt]').equals([accountId, symbol, last.openedAt]).toArray())];
    lower = last.openedAt;
    lowerOpen = true;
  }
}

/**
 * The earliest `openedAt` a reader at `knownRevision` must re-read to catch up with `row`, or
 * null when the ledger no longer remembers every write since (read the pair whole).
 */
export function rereadFrom(row: LedgerRow, knownRevision: number): number | null {
  if (row.revision === knownRevision) return Infinity;
  const missed = row.recentChanges.filter((c) => c.revision > knownRevision);
  if (missed.length !== row.revision - knownRevision) return null;
  return missed.reduce((min, c) => Math.min(min, c.from), Infinity);
}

/**
 * Gross realized P&L of the given fills that closed something (a fill absent from the map opened
 * or increased a position, or its pair is not computed). Reads the per-batch chunks covering each
 * pair's time span of these fills: a handful of rows for a page of trades.
 */
export async function fillPnlFor(db: JournalDb, trades: readonly Trade[]): Promise<Map<string, number>> {
  const spans = new Map<string, { accountId: string; symbol: string; from: number; to: number; keys: Set<string> }>();
  for (const t of trades) {
    const k = `${t.accountId}\u0000${t.symbol}`;
    const span = spans.get(k);
    if (span === undefined) spans.set(k, { accountId: t.accountId, symbol: t.symbol, from: t.timestamp, to: t.timestamp, keys: new Set([t.key]) });
    else {
      span.from = Math.min(span.from, t.timestamp);
      span.to = Math.max(span.to, t.timestamp);
      span.keys.add(t.key);
    }
  }
  const out = new Map<string, number>();
  for (const span of spans.values()) {
    // Chunks start at or before the span's end; walk back until one ends before the span starts.
    // Chunks of a pair never overlap in time except at equal timestamps, so the walk is short.
    await db.fillPnl.where('[accountId+symbol+fromTs]')
      .between([span.accountId, span.symbol, -Infinity], [span.accountId, span.symbol, span.to], true, true)
      .reverse()
      .until((chunk) => chunk.toTs < span.from, false)
      .each((chunk) => {
        for (const [key, pnl] of Object.entries(chunk.pnl)) if (span.keys.has(key)) out.set(key, pnl);
      });
  }
  return out;
}

/** Every ledger (one small row per account+symbol). */
export function listLedgers(db: JournalDb): Promise<LedgerRow[]> {
  return db.ledgers.toArray();
}
