import { Dexie } from 'dexie';
import type { Collection } from 'dexie';
import type { SyncStream, Trade } from '../../shared/domain/types';
import type { DeleteAccountResult, PurgeCategory, PurgeResult } from '../../shared/store/port';
import { forgetStage } from '../../shared/sync/kinds';
import { assertNever } from '../../shared/never';
import type { JournalDb } from './schema';
import { deleteDerived, ledgerTables, markPairsStale } from './ledger-store';
import { applyStatsDelta, statsTables } from './stats-store';
import { tradeStatsDelta } from './aggregates';

/** Every key of a compound index or primary key whose first component is `accountId`. */
function accountRange(accountId: string): [unknown[], unknown[]] {
  // [id] sorts before [id, anything] and [id, maxKey] after [id, any string or number, ...].
  return [[accountId], [accountId, Dexie.maxKey]];
}

function byAccount<T, K>(coll: { where(index: string): { between(lo: unknown, hi: unknown): Collection<T, K> } }, index: string, accountId: string): Collection<T, K> {
  const [lo, hi] = accountRange(accountId);
  return coll.where(index).between(lo, hi);
}

async function deleteAccountStats(db: JournalDb, accountId: string): Promise<void> {
  await byAccount(db.dailyStats, ':id', accountId).delete();
  await byAccount(db.symbolStats, ':id', accountId).delete();
  await byAccount(db.accountDailyStats, ':id', accountId).delete();
  await byAccount(db.accountQuarterStats, ':id', accountId).delete();
}

/** Removes the account and everything that belongs to it (journal notes included) in one transaction. */
export async function deleteAccount(db: JournalDb, accountId: string): Promise<DeleteAccountResult> {
  const tables = [
    db.accounts, db.trades, db.movements, db.income, db.assetFlows, db.balances, db.positions, db.checkpoints, db.jobs,
    db.syncLogs, db.rawSnapshots, db.journal, db.appliedBatches, db.importSummaries, db.excursions, db.closedPnlRecords, ...statsTables(db), ...ledgerTables(db),
  ];
  return db.transaction('rw', tables, async () => {
    const result: DeleteAccountResult = {
      trades: await byAccount(db.trades, '[accountId+timestamp]', accountId).delete(),
      movements: await byAccount(db.movements, '[accountId+timestamp]', accountId).delete(),
      income: await byAccount(db.income, '[accountId+timestamp]', accountId).delete(),
      balances: await byAccount(db.balances, '[accountId+timestamp]', accountId).delete(),
      checkpoints: await db.checkpoints.where('accountId').equals(accountId).delete(),
      jobs: await db.jobs.where('accountId').equals(accountId).delete(),
      logs: await byAccount(db.syncLogs, '[accountId+startedAt]', accountId).delete(),
    };
    await deleteDerived(db, accountId);
    await deleteAccountStats(db, accountId);
    await byAccount(db.assetFlows, '[accountId+timestamp]', accountId).delete();
    await db.rawSnapshots.where('accountId').equals(accountId).delete();
    await db.journal.where('accountId').equals(accountId).delete();
    // MAE/MFE of its positions (the candle cache is public market data, shared by accounts: kept).
    await byAccount(db.excursions, '[accountId+symbol]', accountId).delete();
    await db.appliedBatches.where('accountId').equals(accountId).delete();
    await byAccount(db.importSummaries, ':id', accountId).delete();
    await byAccount(db.closedPnlRecords, '[accountId+closedAt]', accountId).delete();
    await db.accounts.delete(accountId);
    return result;
  });
}

export { PURGE_CATEGORIES } from '../../shared/store/port';
export type { PurgeCategory, PurgeResult } from '../../shared/store/port';

function streamOf(category: PurgeCategory): SyncStream | null {
  switch (category) {
    case 'trades': return 'trades';
    case 'movements': return 'movements';
    case 'income': return 'income';
    // Balances are snapshots taken on each sync; they have no cursor to reset.
    case 'balances': return null;
    default: return assertNever(category);
  }
}

/** Rows an export file stored without exchange ids: sync cannot give them back, so a purge keeps them. */
function fromFileOnly(row: unknown): boolean {
  const r = row as { tradeId?: unknown; incomeId?: unknown; movementId?: unknown; flowId?: unknown };
  const id = r.tradeId ?? r.incomeId ?? r.movementId ?? r.flowId;
  return typeof id === 'string' && id.startsWith('csv-');
}

/**
 * Deletes one data category of an account, resets that stream's checkpoints and marks its kinds
 * not imported (docs/SYNC-STATUS.md), in one transaction, so the next sync re-imports it from the
 * start and a re-sync from a later date does not call it complete. Rows imported from export files
 * without exchange ids stay (the API cannot serve them again; docs/EXPORTS.md), and so do their
 * stats. Journal notes are kept: they are keyed by the deterministic trade/position key and
 * re-attach when the rows come back.
 */
export async function purgeCategory(db: JournalDb, accountId: string, category: PurgeCategory, now: number = Date.now()): Promise<PurgeResult> {
  const table = { trades: db.trades, movements: db.movements, income: db.income, balances: db.balances }[category];
  const tables = [table, db.checkpoints, db.accounts, ...statsTables(db), ...ledgerTables(db)];
  return db.transaction('rw', tables, async () => {
    const account = await db.accounts.get(accountId);
    if (account !== undefined) await db.accounts.put({ ...account, kinds: forgetStage(account.kinds, category), updatedAt: now });
    const rows = await byAccount<unknown, string>(table, '[accountId+timestamp]', accountId).filter((r) => !fromFileOnly(r)).delete();
    if (category === 'trades') {
      // Stats and positions are derived from trades: they go with them. The ledgers stay, marked
      // stale, so the re-synced fills are replayed together with the funding rows still stored.
      await deleteDerived(db, accountId, { keepLedgers: true });
      await deleteAccountStats(db, accountId);
      await applyStatsDelta(db, tradeStatsDelta(await byAccount<Trade, string>(db.trades, '[accountId+timestamp]', accountId).toArray()));
    }
    if (category === 'trades' || category === 'income') {
      // Funding is part of every futures position: replay the account's pairs.
      const pairs = await db.ledgers.where(':id').between([accountId], [accountId, Dexie.maxKey]).toArray();
      await markPairsStale(db, pairs, Date.now());
    }
    const stream = streamOf(category);
    const checkpoints = stream === null
      ? 0
      : await db.checkpoints.where('accountId').equals(accountId).filter((c) => c.stream === stream).delete();
    return { rows, checkpoints };
  });
}
