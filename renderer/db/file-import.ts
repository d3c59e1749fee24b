import { Dexie } from 'dexie';
import type { Account, AssetFlow, Income, Movement, Trade } from '../../shared/domain/types';
import type { ClosedPnlRow } from '../../shared/domain/closed-pnl-row';
import { horizonTime } from '../../shared/coverage-map/horizons';
import { flowCoverageKind, type CoverageKindId } from '../../shared/coverage-map/kinds';
import { flowReach, planFileFlows } from '../../shared/journal/csv/flow-match';
import { type ApiReach, planFileTrades, timeResolution } from '../../shared/journal/csv/match';
import { tradeStatsDelta } from './aggregates';
import { addCountingDuplicates } from './bulk-add';
import { repairConvertsAround } from './convert-repair';
import { applyDerived, ledgerTables } from './ledger-store';
import type { ImportSummary } from './records';
import type { JournalDb } from './schema';
import { applyStatsDelta, statsTables } from './stats-store';

export interface FileRows {
  trades: readonly Trade[];
  income: readonly Income[];
  movements: readonly Movement[];
  /** Converts, dust, rewards and wallet transfers (shared/journal/csv/pending-kinds.ts). */
  flows: readonly AssetFlow[];
  /** Closed P&L summaries (their own table: never fills or income, docs/EXPORTS.md "Bybit closed P&L"). */
  closedPnl: readonly ClosedPnlRow[];
}

export interface FileImportOutcome {
  trades: { inserted: number; duplicates: number; matched: number; leftToSync: number };
  income: { inserted: number; duplicates: number; leftToSync: number };
  movements: { inserted: number; duplicates: number; leftToSync: number };
  flows: { inserted: number; duplicates: number; leftToSync: number };
  closedPnl: { inserted: number; duplicates: number };
}

const tradeKind = (t: Trade): CoverageKindId => (t.marketType === 'spot' ? 'spotFills' : 'futuresFills');

/**
 * Stores what an export file holds, with the match rule of docs/EXPORTS.md: fills already stored
 * (same key, or the same fill without an exchange id) are not stored again, fills in the API's
 * unsynced reach are left to sync, and everything stored is summarized per kind and
 * symbol/asset in `importSummaries` (the coverage map's file source) in the same transaction as
 * the rows. Converts, dust, rewards and transfers follow rule 6 (shared/journal/csv/flow-match.ts):
 * stored only where sync cannot deliver them. One transaction per chunk: a failure leaves earlier chunks stored and nothing of its own.
 */
export async function storeFileImport(db: JournalDb, account: Pick<Account, 'id' | 'exchange' | 'lastSuccessAt'>, rows: FileRows, options: { now?: number; chunkRows?: number; onProgress?: (done: number) => void } = {}): Promise<FileImportOutcome> {
  const now = options.now ?? Date.now();
  const chunkRows = options.chunkRows ?? 1000;
  const plan = await planTrades(db, account, rows.trades, now);
  const ledgerRows = await ledgerRowsToStore(db, account, rows, now);
  const outcome: FileImportOutcome = {
    trades: { inserted: 0, duplicates: 0, matched: plan.matched.length, leftToSync: plan.leftToSync.length },
    income: { inserted: 0, duplicates: 0, leftToSync: rows.income.length - ledgerRows.income.length },
    movements: { inserted: 0, duplicates: 0, leftToSync: rows.movements.length - ledgerRows.movements.length },
    flows: { inserted: 0, duplicates: 0, leftToSync: rows.flows.length - ledgerRows.flows.length },
    closedPnl: { inserted: 0, duplicates: 0 },
  };
  const tables = [db.trades, db.income, db.movements, db.assetFlows, db.closedPnlRecords, db.importSummaries, ...statsTables(db), ...ledgerTables(db)];
  const total = plan.kept.length + ledgerRows.income.length + ledgerRows.movements.length + ledgerRows.flows.length + rows.closedPnl.length;
  let done = 0;
  for (let i = 0; i < Math.max(plan.kept.length, ledgerRows.income.length, ledgerRows.movements.length, ledgerRows.flows.length, rows.closedPnl.length); i += chunkRows) {
    const trades = plan.kept.slice(i, i + chunkRows);
    const income = ledgerRows.income.slice(i, i + chunkRows);
    const movements = ledgerRows.movements.slice(i, i + chunkRows);
    const flows = ledgerRows.flows.slice(i, i + chunkRows);
    const closedPnl = rows.closedPnl.slice(i, i + chunkRows);
    await db.transaction('rw', tables, async () => {
      const t = await addCountingDuplicates(db.trades, trades);
      const inc = await addCountingDuplicates(db.income, income);
      const mov = await addCountingDuplicates(db.movements, movements);
      // Asset flows feed no stats, only their summary; converts and dust are spot trades to the P&L books (docs/HISTORY-KINDS.md).
      const fl = await addCountingDuplicates(db.assetFlows, flows);
      // Single-leg converts an earlier release stored from this file's seconds become the pairs
      // just stored (their legs go), so a re-import never counts a convert twice (convert-repair.ts).
      const repaired = await repairConvertsAround(db, flows);
      // Summaries only: no stats, no books, no replay (the journal's P&L comes from fills).
      const cp = await addCountingDuplicates(db.closedPnlRecords, closedPnl);
      await applyStatsDelta(db, tradeStatsDelta(t.inserted));
      // Older fills and funding than what is stored mark their symbols for a replay.
      await applyDerived(db, t.inserted, inc.inserted, now, [...fl.inserted, ...repaired]);
      await summarize(db, account.id, [
        ...t.inserted.map((r) => ({ kind: tradeKind(r), key: r.symbol, t: r.timestamp })),
        ...inc.inserted.map((r) => ({ kind: 'income' as const, key: r.symbol ?? r.asset, t: r.timestamp })),
        ...mov.inserted.map((r) => ({ kind: 'movements' as const, key: r.currency, t: r.timestamp })),
        ...fl.inserted.flatMap((r) => [...new Set(r.legs.map((l) => l.asset))].map((asset) => ({ kind: flowCoverageKind(r.kind), key: asset, t: r.timestamp }))),
      ], now);
      outcome.trades.inserted += t.inserted.length;
      outcome.trades.duplicates += t.duplicates;
      outcome.income.inserted += inc.inserted.length;
      outcome.income.duplicates += inc.duplicates;
      outcome.movements.inserted += mov.inserted.length;
      outcome.movements.duplicates += mov.duplicates;
      outcome.flows.inserted += fl.inserted.length;
      outcome.flows.duplicates += fl.duplicates;
      outcome.closedPnl.inserted += cp.inserted.length;
      outcome.closedPnl.duplicates += cp.duplicates;
    });
    done += trades.length + income.length + movements.length + flows.length + closedPnl.length;
    options.onProgress?.(Math.min(total, done));
  }
  return outcome;
}

async function summarize(db: JournalDb, accountId: string, rows: { kind: CoverageKindId; key: string; t: number }[], now: number): Promise<void> {
  const byKey = new Map<string, ImportSummary>();
  for (const r of rows) {
    const id = `${r.kind}\u0000${r.key}`;
    const s = byKey.get(id);
    if (s === undefined) byKey.set(id, { accountId, kind: r.kind, key: r.key, first: r.t, last: r.t, rows: 1, updatedAt: now });
    else byKey.set(id, { ...s, first: Math.min(s.first, r.t), last: Math.max(s.last, r.t), rows: s.rows + 1 });
  }
  const added = [...byKey.values()];
  if (added.length === 0) return;
  const stored = await db.importSummaries.bulkGet(added.map((s): [string, string, string] => [s.accountId, s.kind, s.key]));
  await db.importSummaries.bulkPut(added.map((s, i) => {
    const old = stored[i];
    return old === undefined ? s : { ...s, first: Math.min(old.first, s.first), last: Math.max(old.last, s.last), rows: old.rows + s.rows };
  }));
}

/** Reads the stored fills the file's rows could match (same symbols, the file's time span plus a minute) and the API's reach per symbol. */
async function planTrades(db: JournalDb, account: Pick<Account, 'id' | 'exchange' | 'lastSuccessAt'>, trades: readonly Trade[], now: number) {
  const bySymbol = new Map<string, { lo: number; hi: number }>();
  for (const t of trades) {
    const r = bySymbol.get(t.symbol);
    bySymbol.set(t.symbol, r === undefined ? { lo: t.timestamp, hi: t.timestamp } : { lo: Math.min(r.lo, t.timestamp), hi: Math.max(r.hi, t.timestamp) });
  }
  const stored: Trade[] = [];
  for (const [symbol, { lo, hi }] of bySymbol) {
    stored.push(...(await db.trades.where('[accountId+symbol+timestamp]').between([account.id, symbol, lo - 60_000], [account.id, symbol, hi + 60_000], true, true).toArray()));
  }
  const checkpoints = await db.checkpoints.where('accountId').equals(account.id).toArray();
  const reach = (row: Trade): ApiReach => {
    const horizon = horizonTime(account.exchange, tradeKind(row), now);
    const cp = checkpoints.find((c) => c.stream === 'trades' && c.marketType === row.marketType && c.symbol === row.symbol);
    if (cp !== undefined) return { horizon, syncedThrough: cp.lastTimestamp ?? cp.updatedAt };
    // Synced, and sync does not fetch this symbol (not in its scope): nothing of it will come from the API.
    return { horizon, syncedThrough: account.lastSuccessAt === null ? null : Number.POSITIVE_INFINITY };
  };
  return planFileTrades(trades, stored, reach);
}

/**
 * Income and deposits/withdrawals from files carry no exchange ids to match the API's by, so a row
 * is stored only where the API cannot deliver it: before the API's horizon for the kind, or
 * before the oldest row of that kind the account already has (history older than sync's).
 * Asset flows: the same idea per flow kind (flow-match.ts), from the account's stored flows
 * (thousands of rows, not millions).
 */
async function ledgerRowsToStore(db: JournalDb, account: Pick<Account, 'id' | 'exchange'>, rows: FileRows, now: number): Promise<{ income: Income[]; movements: Movement[]; flows: AssetFlow[] }> {
  const range: [unknown[], unknown[]] = [[account.id, Dexie.minKey], [account.id, Dexie.maxKey]];
  const oldestIncome = (await db.income.where('[accountId+timestamp]').between(...range).first())?.timestamp ?? null;
  const oldestMovement = (await db.movements.where('[accountId+timestamp]').between(...range).first())?.timestamp ?? null;
  const before = (kind: CoverageKindId, oldest: number | null): number => Math.max(horizonTime(account.exchange, kind, now) ?? Number.NEGATIVE_INFINITY, oldest ?? Number.NEGATIVE_INFINITY);
  const incomeCut = before('income', oldestIncome);
  const movementCut = before('movements', oldestMovement);
  const storedFlows = rows.flows.length === 0 ? [] : await db.assetFlows.where('[accountId+timestamp]').between(...range).toArray();
  const flows = planFileFlows(account.exchange, rows.flows, flowReach(storedFlows, oldestIncome), now).kept;
  // At the file's resolution (whole seconds): the file's 08:00:00 copy of the API's 08:00:00.012 row is not older than it.
  const incomeRes = timeResolution(rows.income.map((r) => r.timestamp));
  const movementRes = timeResolution(rows.movements.map((r) => r.timestamp));
  return { income: rows.income.filter((r) => r.timestamp + incomeRes <= incomeCut), movements: rows.movements.filter((r) => r.timestamp + movementRes <= movementCut), flows };
}
