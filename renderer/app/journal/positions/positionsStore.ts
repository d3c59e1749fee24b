import { useEffect } from 'react';
import { create } from 'zustand';
import type { Position } from '../../../../shared/journal/types';
import type { JournalWriter } from '../../../db/journal-writer';
import type { JournalDb } from '../../../db/schema';
import { loadPair, pairKey } from './pairs';
import type { SymbolPair, SymbolResult } from './pairs';

export interface LoadProgress {
  done: number;
  total: number;
}

interface PositionsState {
  /** Stored results by pairKey, as of their ledger revision. */
  results: Record<string, SymbolResult>;
  progress: LoadProgress | null;
  error: string | null;
  /** True while the user's "Recompute now" has the store worker replay pairs. */
  recomputing: boolean;
  /** Reads the pairs whose cached revision is behind the store. One run at a time; a newer run waits for it. */
  ensure(db: JournalDb, pairs: readonly SymbolPair[]): Promise<void>;
  /** Has the store worker replay stale and failed pairs now (it does stale ones by itself, after a quiet period). */
  recompute(writer: Pick<JournalWriter, 'rebuildPairs'>, pairs: readonly SymbolPair[]): Promise<void>;
}

export function stalePairs(results: Record<string, SymbolResult>, pairs: readonly SymbolPair[]): SymbolPair[] {
  return pairs.filter((p) => results[pairKey(p.accountId, p.symbol)]?.revision !== p.revision);
}

let running: Promise<void> = Promise.resolve();

export const usePositionsStore = create<PositionsState>()((set, get) => ({
  results: {},
  progress: null,
  error: null,
  recomputing: false,
  ensure: (db, pairs) => {
    // Serialized: two overlapping loads of one pair could otherwise apply an older read last.
    running = running.then(async () => {
      const todo = stalePairs(get().results, pairs);
      if (todo.length === 0) return;
      set({ progress: { done: 0, total: todo.length }, error: null });
      try {
        for (const [i, pair] of todo.entries()) {
          const key = pairKey(pair.accountId, pair.symbol);
          const result = await loadPair(db, pair, get().results[key]);
          set((s) => ({ results: result === null ? without(s.results, key) : { ...s.results, [key]: result }, progress: { done: i + 1, total: todo.length } }));
        }
      } catch (e) {
        set({ error: e instanceof Error ? e.message : 'The positions could not be read.' });
      } finally {
        set({ progress: null });
      }
    });
    return running;
  },
  recompute: async (writer, pairs) => {
    set({ recomputing: true, error: null });
    try {
      await writer.rebuildPairs(pairs.filter((p) => p.status !== 'current').map((p) => ({ accountId: p.accountId, symbol: p.symbol })));
    } catch (e) {
      set({ error: e instanceof Error ? e.message : 'The positions could not be recomputed.' });
    } finally {
      set({ recomputing: false });
    }
  },
}));

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

/** The stored results of the given pairs (current or still loading), in the pairs' order. */
export function resultsFor(results: Record<string, SymbolResult>, pairs: readonly SymbolPair[]): SymbolResult[] {
  const out: SymbolResult[] = [];
  for (const p of pairs) {
    const r = results[pairKey(p.accountId, p.symbol)];
    if (r !== undefined) out.push(r);
  }
  return out;
}

export function positionsOf(results: readonly SymbolResult[]): Position[] {
  return results.flatMap((r) => r.positions);
}

/** Keeps the given pairs' results loaded and current (re-reads what a commit or replay changed). */
export function usePairResults(db: JournalDb, pairs: readonly SymbolPair[]): Record<string, SymbolResult> {
  const results = usePositionsStore((s) => s.results);
  const pairsJson = JSON.stringify(pairs);
  useEffect(() => {
    void usePositionsStore.getState().ensure(db, JSON.parse(pairsJson) as SymbolPair[]);
  }, [db, pairsJson]);
  return results;
}
