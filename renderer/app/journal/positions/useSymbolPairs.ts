import { useLiveQuery } from 'dexie-react-hooks';
import { listLedgers } from '../../../db/derived-queries';
import type { LedgerRow, SymbolStats } from '../../../db/records';
import type { JournalDb } from '../../../db/schema';
import { toPair } from './pairs';
import type { SymbolPair } from './pairs';

/** The account+symbol pairs that have trades, from the small symbolStats table (live). */
export function useSymbolStats(db: JournalDb): SymbolStats[] | undefined {
  return useLiveQuery(() => db.symbolStats.toArray(), [db]);
}

/** Every pair's ledger (one small row per account+symbol, live: a commit changes its revision). */
export function useLedgers(db: JournalDb): LedgerRow[] | undefined {
  return useLiveQuery(() => listLedgers(db), [db]);
}

export function pairsFor(ledgers: readonly LedgerRow[], accountId: string | null, symbol: string | null): SymbolPair[] {
  return pairsForAccounts(ledgers, accountId === null ? null : [accountId], symbol);
}

/** Pairs of several accounts (null = every account), optionally one symbol, with their revisions. */
export function pairsForAccounts(ledgers: readonly LedgerRow[], accountIds: readonly string[] | null, symbol: string | null): SymbolPair[] {
  const accounts = accountIds === null ? null : new Set(accountIds);
  return ledgers
    .filter((l) => (accounts === null || accounts.has(l.accountId)) && (symbol === null || l.symbol === symbol))
    .map(toPair);
}
