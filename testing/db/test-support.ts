import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { DexieOptions } from 'dexie';
import type { Income, Trade } from '../../shared/domain/types';
import { computeJournal } from '../../shared/journal/book';
import type { PositionRow } from '../../renderer/db/records';
import { fillPnlFor, pairPositions } from '../../renderer/db/derived-queries';
import { conversionsForSymbol, incomeBySymbol } from '../../renderer/db/fill-stream';
import { JournalDb } from '../../renderer/db/schema';

export * from './fixtures';

/** Test-only helpers (imported by *.test.ts and the Node benchmark, never by the app). */

/** A private in-memory IndexedDB per call, so tests never share state. */
export function fakeIdbOptions(): DexieOptions {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

export function newTestDb(name = 'test-journal', upToVersion?: number): JournalDb {
  return new JournalDb(name, fakeIdbOptions(), upToVersion);
}

/** Everything in the database, for "nothing changed" assertions. */
export async function dumpAll(db: JournalDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}

/**
 * Compares every pair's stored derived rows with one full replay of its stored fills and income
 * (computeJournal). Returns a description per difference; [] when the store is exact. Funding sums
 * may differ in the last bits (a late row joins a stored position), so money compares to 1e-9.
 */
export async function derivedMismatches(db: JournalDb): Promise<string[]> {
  const problems: string[] = [];
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  for (const ledger of await db.ledgers.toArray()) {
    const name = `${ledger.accountId} ${ledger.symbol}`;
    if (ledger.status !== 'current') {
      problems.push(`${name}: ledger is ${ledger.status}`);
      continue;
    }
    const fills = await db.trades.where('[accountId+symbol+timestamp]').between([ledger.accountId, ledger.symbol, -Infinity], [ledger.accountId, ledger.symbol, Infinity]).toArray();
    const incomes = (await incomeBySymbol(db, ledger.accountId, new Set([ledger.symbol]))).get(ledger.symbol) ?? [];
    const conversions = await conversionsForSymbol(db, ledger.accountId, ledger.symbol);
    const once = computeJournal([...fills, ...conversions.fills], incomes.filter((i) => i.incomeType === 'FUNDING_FEE'), {}, conversions.writeOffs);
    const stored = await pairPositions(db, ledger.accountId, ledger.symbol);
    if (stored.length !== once.positions.length) problems.push(`${name}: ${stored.length} positions stored, ${once.positions.length} replayed`);
    const byId = new Map(stored.map((p) => [p.id, p]));
    for (const want of once.positions) {
      const got = byId.get(want.id);
      if (got === undefined) { problems.push(`${name}: position ${want.id} missing`); continue; }
      for (const field of ['status', 'openedAt', 'closedAt', 'fillCount', 'direction'] as const) {
        if (got[field] !== want[field]) problems.push(`${name}: position ${want.id} ${field} ${String(got[field])} != ${String(want[field])}`);
      }
      for (const field of ['openQty', 'realizedPnl', 'fees', 'funding', 'netPnl', 'avgEntryPrice'] as const) {
        if (!close(got[field], want[field])) problems.push(`${name}: position ${want.id} ${field} ${got[field]} != ${want[field]}`);
      }
    }
    const pnl = await fillPnlFor(db, [...fills, ...conversions.fills]);
    for (const [key, outcome] of once.fills) {
      const got = pnl.get(key);
      if (outcome.closedQty > 0 ? got === undefined || !close(got, outcome.realizedPnl) : got !== undefined) problems.push(`${name}: fill ${key} realized ${String(got)} != ${outcome.closedQty > 0 ? outcome.realizedPnl : 'none'}`);
    }
    const events = fills.length + conversions.fills.length + conversions.writeOffs.length;
    if (ledger.fills !== events) problems.push(`${name}: ledger counts ${ledger.fills} fills, ${events} stored (converts and write-offs included)`);
  }
  return problems;
}

/** The positions one pass over each history derives, as stored rows (for upgrade tests that write positions directly). */
export function toPositionRowsForTest(histories: readonly { fills: Trade[]; funding: Income[] }[]): PositionRow[] {
  return histories.flatMap((h) => computeJournal(h.fills, h.funding).positions.map((p) => ({ ...p, key: p.id })));
}
