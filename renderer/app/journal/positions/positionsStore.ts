import { create } from 'zustand';
import type { Position } from '../../../../shared/journal/types';
import type { JournalDb } from '../../../db/schema';
import { computePairs, pairKey } from './computeSymbol';
import type { SymbolPair, SymbolResult } from './computeSymbol';

export interface ComputeProgress {
  done: number;
  total: number;
}

interface PositionsState {
  /** Cached replays by pairKey; a result is current while its stamp equals symbolStats'. */
  results: Record<string, SymbolResult>;
  progress: ComputeProgress | null;
  error: string | null;
  /** Per pairKey: why its last computation failed (cleared by a success). */
  failures: Record<string, string>;
  /** Computes the pairs whose cached result is missing or stale. One run at a time; a new run cancels the old. */
  ensure(db: JournalDb, pairs: readonly SymbolPair[], force?: boolean): Promise<void>;
  cancel(): void;
}

let controller: AbortController | null = null;

export function stalePairs(results: Record<string, SymbolResult>, pairs: readonly SymbolPair[]): SymbolPair[] {
  return pairs.filter((p) => results[pairKey(p.accountId, p.symbol)]?.stamp !== p.stamp);
}

export const usePositionsStore = create<PositionsState>()((set, get) => ({
  results: {},
  progress: null,
  error: null,
  failures: {},
  ensure: async (db, pairs, force = false) => {
    const todo = force ? [...pairs] : stalePairs(get().results, pairs);
    if (todo.length === 0) return;
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    set({ progress: { done: 0, total: todo.length }, error: null });
    try {
      await computePairs(db, todo, (result, done) => {
        const key = pairKey(result.accountId, result.symbol);
        set((s) => ({ results: { ...s.results, [key]: result }, failures: without(s.failures, key), progress: { done, total: todo.length } }));
      }, mine.signal, (pair, message, done) => {
        set((s) => ({ failures: { ...s.failures, [pairKey(pair.accountId, pair.symbol)]: `${pair.symbol}: ${message}` }, progress: { done, total: todo.length } }));
      });
    } catch (e) {
      if (!mine.signal.aborted) set({ error: e instanceof Error ? e.message : 'The positions could not be computed.' });
    } finally {
      if (controller === mine) {
        controller = null;
        set({ progress: null });
      }
    }
  },
  cancel: () => {
    controller?.abort();
    controller = null;
    set({ progress: null });
  },
}));

function without(record: Record<string, string>, key: string): Record<string, string> {
  if (!(key in record)) return record;
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

/** The cached results of the given pairs (current or stale), in the pairs' order. */
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
