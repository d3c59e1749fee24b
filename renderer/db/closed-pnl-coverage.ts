import { Dexie } from 'dexie';
import { CLOSE_FILL_TOLERANCE_MS, closedPnlCoverage, type ClosedPnlCoverage } from '../../shared/coverage-map/closed-pnl-gaps';
import type { ClosedPnlRow } from '../../shared/domain/closed-pnl-row';
import type { SymbolStats } from './records';
import type { JournalDb } from './schema';

/**
 * Imported closed P&L records against the stored fills of their symbols, for the coverage map
 * (shared/coverage-map/closed-pnl-gaps.ts). Per record, a count of the fills within the tolerance
 * of its close: one small index range each, all issued at once in the reader's transaction.
 * (Reading every fill's index key over the records' span instead walked a cursor over all of
 * them: 5.6 s at 20,000 fills on fake-indexeddb; docs/BENCHMARKS.md, "Coverage map".)
 *
 * The map is a live query: every sync commit re-runs it. Which records have fills can only change
 * when a symbol's records or fills change, so the answer is kept per account and symbol under a
 * signature of both (the symbol's record count and newest record, and its `symbolStats` count
 * and range, which every writer of fills keeps in the same transaction); a commit re-counts only
 * the symbols it touched.
 */

interface SymbolAnswer {
  signature: string;
  /** Close times that have a fill near them. */
  covered: number[];
}

const answers = new Map<string, SymbolAnswer>();

/** Forget every kept answer (tests, and a database replaced under the app). */
export function forgetClosedPnlCoverage(): void {
  answers.clear();
}

function signatureOf(rows: readonly ClosedPnlRow[], stats: Pick<SymbolStats, 'count' | 'firstTimestamp' | 'lastTimestamp'> | undefined): string {
  let newest = 0;
  for (const r of rows) newest = Math.max(newest, r.closedAt);
  return `${rows.length}|${newest}|${stats?.count ?? 0}|${stats?.firstTimestamp ?? ''}|${stats?.lastTimestamp ?? ''}`;
}

export async function readClosedPnlCoverage(db: JournalDb, accountId: string, symbolStats: readonly SymbolStats[]): Promise<ClosedPnlCoverage[]> {
  const records = await db.closedPnlRecords.where('[accountId+closedAt]').between([accountId, Dexie.minKey], [accountId, Dexie.maxKey]).toArray();
  if (records.length === 0) return [];
  const bySymbol = new Map<string, ClosedPnlRow[]>();
  for (const r of records) {
    const list = bySymbol.get(r.symbol);
    if (list === undefined) bySymbol.set(r.symbol, [r]);
    else list.push(r);
  }
  const covered = new Map<string, number[]>();
  await Promise.all([...bySymbol].map(async ([symbol, rows]) => {
    const id = `${db.name}\u0000${accountId}\u0000${symbol}`;
    const signature = signatureOf(rows, symbolStats.find((s) => s.symbol === symbol));
    const kept = answers.get(id);
    if (kept !== undefined && kept.signature === signature) {
      covered.set(symbol, kept.covered);
      return;
    }
    const near = await Promise.all(rows.map((r) => db.trades.where('[accountId+symbol+timestamp]')
      .between([accountId, symbol, r.closedAt - CLOSE_FILL_TOLERANCE_MS], [accountId, symbol, r.closedAt + CLOSE_FILL_TOLERANCE_MS], true, true).count()));
    const times = rows.filter((_, i) => (near[i] ?? 0) > 0).map((r) => r.closedAt).sort((a, b) => a - b);
    answers.set(id, { signature, covered: times });
    covered.set(symbol, times);
  }));
  // The covered close times themselves stand for "a fill is near": tolerance 0 on them.
  return closedPnlCoverage(records, (symbol) => covered.get(symbol) ?? [], 0);
}
