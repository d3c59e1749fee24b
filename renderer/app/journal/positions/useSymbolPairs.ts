import { useLiveQuery } from 'dexie-react-hooks';
import type { SymbolStats } from '../../../db/records';
import type { JournalDb } from '../../../db/schema';
import type { SymbolPair } from './computeSymbol';

/** The account+symbol pairs that have trades, from the small symbolStats table (live). */
export function useSymbolStats(db: JournalDb): SymbolStats[] | undefined {
  return useLiveQuery(() => db.symbolStats.toArray(), [db]);
}

export function pairsFor(stats: readonly SymbolStats[], accountId: string | null, symbol: string | null): SymbolPair[] {
  return pairsForAccounts(stats, accountId === null ? null : [accountId], symbol);
}

/** Pairs of several accounts (null = every account), optionally one symbol, with their cache stamps. */
export function pairsForAccounts(stats: readonly SymbolStats[], accountIds: readonly string[] | null, symbol: string | null): SymbolPair[] {
  const accounts = accountIds === null ? null : new Set(accountIds);
  return stats
    .filter((s) => (accounts === null || accounts.has(s.accountId)) && (symbol === null || s.symbol === symbol))
    .map((s) => ({ accountId: s.accountId, symbol: s.symbol, stamp: `${s.count}:${s.lastTimestamp}` }));
}
