import type { BatchCommit, CommitResult, RowCounts } from '../../shared/store/port';
import type { InvalidRowReport, SymbolFailure, SyncLog } from '../../shared/domain/types';
import { AppError } from '../../shared/errors';
import { tradeStatsDelta } from './aggregates';
import { addCountingDuplicates } from './bulk-add';
import { applyDerived, ledgerTables } from './ledger-store';
import type { JournalDb } from './schema';
import { applyStatsDelta, statsTables } from './stats-store';

/** Caps so one long job cannot grow its log row without bound. */
const MAX_SYMBOL_FAILURES = 500;
const MAX_INVALID_SAMPLES = 10;

/** Rows that name another account would be deleted with the wrong account later: reject the batch up front. */
function assertOneAccount(batch: BatchCommit): void {
  const groups: { name: string; rows: readonly { accountId: string }[] }[] = [
    { name: 'trades', rows: batch.trades }, { name: 'movements', rows: batch.movements },
    { name: 'income', rows: batch.income }, { name: 'flows', rows: batch.flows ?? [] }, { name: 'balances', rows: batch.balances },
    { name: 'checkpoints', rows: batch.checkpoints },
  ];
  for (const { name, rows } of groups) {
    const index = rows.findIndex((r) => r.accountId !== batch.accountId);
    if (index >= 0) {
      throw new AppError('INVALID_INPUT', 'A sync batch contained rows of another account.', {
        issues: [{ path: `${name}.${index}.accountId`, message: 'does not match batch.accountId' }],
      });
    }
  }
}

function mergeInvalid(stored: InvalidRowReport[], added: InvalidRowReport[]): InvalidRowReport[] {
  const byReason = new Map(stored.map((r) => [r.reason, { ...r, samples: [...r.samples] }]));
  for (const report of added) {
    const existing = byReason.get(report.reason);
    if (existing === undefined) {
      byReason.set(report.reason, { ...report, samples: report.samples.slice(0, MAX_INVALID_SAMPLES) });
    } else {
      existing.count += report.count;
      existing.samples = [...existing.samples, ...report.samples].slice(0, MAX_INVALID_SAMPLES);
    }
  }
  return [...byReason.values()];
}

function appendFailures(stored: SymbolFailure[], added: SymbolFailure[]): SymbolFailure[] {
  const all = [...stored, ...added];
  return all.length > MAX_SYMBOL_FAILURES ? all.slice(all.length - MAX_SYMBOL_FAILURES) : all;
}

/** `flows` = asset-flow rows inserted / duplicated (not part of RowCounts, which callers compare whole). */
function withDelta(log: SyncLog, batch: BatchCommit, inserted: RowCounts, duplicates: RowCounts, flows: { inserted: number; duplicates: number }): SyncLog {
  const d = batch.logDelta;
  const s = log.stats;
  return {
    ...log,
    stats: {
      fetched: s.fetched + d.fetched,
      inserted: s.inserted + inserted.trades + inserted.movements + inserted.income + inserted.balances + flows.inserted,
      duplicates: s.duplicates + duplicates.trades + duplicates.movements + duplicates.income + duplicates.balances + flows.duplicates,
      invalid: s.invalid + d.invalid,
      updated: s.updated,
      pages: s.pages + d.pages,
      requests: s.requests + d.requests,
      weight: s.weight + d.weight,
      retries: s.retries + d.retries,
    },
    symbolFailures: appendFailures(log.symbolFailures, batch.symbolFailures),
    invalid: mergeInvalid(log.invalid, batch.invalid),
  };
}

/**
 * One batch = one rw transaction: rows, stats of the inserted trades, derived positions and
 * per-fill P&L of the touched symbols, checkpoints, the log's stats and the idempotency record commit together or not at all (docs/ARCHITECTURE.md, invariants 1-3 and 8). Any throw
 * inside the callback aborts the transaction, so a failure leaves nothing of the batch behind.
 */
export async function commitBatch(db: JournalDb, batch: BatchCommit, now: () => number): Promise<CommitResult> {
  assertOneAccount(batch);
  const tables = [
    db.trades, db.movements, db.income, db.assetFlows, db.balances, db.checkpoints, db.syncLogs,
    db.appliedBatches, ...statsTables(db), ...ledgerTables(db),
  ];
  return db.transaction('rw', tables, async () => {
    const applied = await db.appliedBatches.get(batch.batchId);
    if (applied !== undefined) return { ...applied.result, replayed: true };

    const log = await db.syncLogs.get(batch.logId);
    if (log === undefined) {
      throw new AppError('NOT_FOUND', 'The sync log for this batch does not exist; the batch was not stored.');
    }

    // Sequential on purpose: IndexedDB runs requests of one transaction in order anyway, and the
    // first failure then stops the rest from being queued.
    const trades = await addCountingDuplicates(db.trades, batch.trades);
    const movements = await addCountingDuplicates(db.movements, batch.movements);
    const income = await addCountingDuplicates(db.income, batch.income);
    const flows = await addCountingDuplicates(db.assetFlows, batch.flows ?? []);
    const balances = await addCountingDuplicates(db.balances, batch.balances);

    // Only rows that were really inserted count: a duplicate is already in the stats.
    await applyStatsDelta(db, tradeStatsDelta(trades.inserted));
    // Positions and per-fill P&L of the touched symbols, from the same inserted rows (converts and dust are spot trades to the books).
    await applyDerived(db, trades.inserted, income.inserted, now(), flows.inserted);
    if (batch.checkpoints.length > 0) await db.checkpoints.bulkPut(batch.checkpoints);

    const inserted: RowCounts = {
      trades: trades.inserted.length, movements: movements.inserted.length,
      income: income.inserted.length, balances: balances.inserted.length,
    };
    const duplicates: RowCounts = {
      trades: trades.duplicates, movements: movements.duplicates, income: income.duplicates, balances: balances.duplicates,
    };
    await db.syncLogs.put(withDelta(log, batch, inserted, duplicates, { inserted: flows.inserted.length, duplicates: flows.duplicates }));

    const result: CommitResult = { inserted, duplicates, replayed: false };
    await db.appliedBatches.add({ batchId: batch.batchId, accountId: batch.accountId, jobId: batch.jobId, appliedAt: now(), result });
    return result;
  });
}
