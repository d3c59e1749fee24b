import { ledgerReconciliation } from '../../../../shared/journal/ledger';
import type { FillDifference, SymbolReconciliation } from '../../../../shared/journal/reconcile';
import type { Position } from '../../../../shared/journal/types';
import type { PairRef } from '../../../db/journal-writer';
import { pairPositionChunks, rereadFrom } from '../../../db/derived-queries';
import type { LedgerRow, LedgerStatus } from '../../../db/records';
import type { JournalDb } from '../../../db/schema';

/**
 * The journal view's read side of the stored derived P&L (renderer/db/ledger-*.ts): positions
 * and reconciliation per account+symbol, read from the store, never replayed on the UI thread.
 */

/** An account+symbol with stored trades and where its derived rows stand. */
export interface SymbolPair extends PairRef {
  revision: number;
  status: LedgerStatus;
}

/** Everything the journal view shows of one account+symbol. */
export interface SymbolResult extends SymbolPair {
  positions: Position[];
  fills: number;
  error: string | null;
  /** Futures only (spot has no exchange P&L to compare with); null for spot symbols. */
  reconciliation: SymbolReconciliation | null;
  fillDifferences: FillDifference[];
  fillDifferenceCount: number;
  unmatchedSellQty: number;
  unattributedFunding: number;
}

export function pairKey(accountId: string, symbol: string): string {
  return `${accountId}\u0000${symbol}`;
}

export function toPair(row: LedgerRow): SymbolPair {
  return { accountId: row.accountId, symbol: row.symbol, revision: row.revision, status: row.status };
}

/** Yields between chunks so reading a 100k-position symbol never blocks input for long. */
const breathe = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function withoutKey(row: Position & { key?: string }): Position {
  const { key: _key, ...position } = row;
  return position;
}

/**
 * Reads a pair's stored result. With the previous result of the same pair, only the positions
 * the ledger rewrote since are re-read (a sync batch rewrites the open position and what follows),
 * so keeping a 100k-position symbol current during a sync costs a few rows per commit.
 */
export async function loadPair(db: JournalDb, pair: SymbolPair, previous?: SymbolResult): Promise<SymbolResult | null> {
  const ledger = await db.ledgers.get([pair.accountId, pair.symbol]);
  if (ledger === undefined) return null;
  const from = previous === undefined ? null : rereadFrom(ledger, previous.revision);
  let positions: Position[];
  if (previous !== undefined && from === Infinity) positions = previous.positions;
  else {
    const since = previous !== undefined && from !== null ? from : -Infinity;
    positions = since === -Infinity ? [] : previous?.positions.filter((p) => p.openedAt < since) ?? [];
    for await (const chunk of pairPositionChunks(db, pair.accountId, pair.symbol, since)) {
      for (const row of chunk) positions.push(withoutKey(row));
      await breathe();
    }
  }
  return {
    ...toPair(ledger),
    positions,
    fills: ledger.fills,
    error: ledger.error,
    reconciliation: ledgerReconciliation(ledger),
    fillDifferences: ledger.fillDifferences,
    fillDifferenceCount: ledger.fillDifferenceCount,
    unmatchedSellQty: ledger.unmatchedSellQty,
    unattributedFunding: ledger.unattributedFunding + ledger.pendingUnattributedFunding,
  };
}
