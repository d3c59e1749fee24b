import type { Account, Checkpoint, Job, RawSnapshot, SyncLog, SyncStream } from '../../shared/domain/types';
import { AppError } from '../../shared/errors';
import { SettingsSchema } from '../../shared/settings';
import type { Settings } from '../../shared/settings';
import { inStreamScopes, type BatchCommit, type CommitResult, type DeleteAccountResult, type JobFilter, type StorePort, type StreamScope } from '../../shared/store/port';
import { deleteAccount, purgeCategory } from './account-admin';
import type { PurgeCategory, PurgeResult } from './account-admin';
import { commitBatch } from './commit-batch';
import { AccountSchema } from './export-format';
import { LedgerRebuilder } from './ledger-rebuilder';
import type { RebuilderOptions } from './ledger-rebuilder';
import { SETTINGS_ROW_ID } from './records';
import { JournalDb } from './schema';
import { storeCall } from './store-error';

export interface DexieStoreOptions {
  /** Clock for `appliedAt`; tests pin it. */
  now?: () => number;
  /**
   * Replay stale symbols' positions in the background after commits (the store worker turns this
   * on). Off by default so tests control when replays run (renderer/db/ledger-rebuild.ts).
   */
  rebuildLedgers?: RebuilderOptions;
}

const DEFAULT_LIST_LIMIT = 100;

/**
 * The StorePort over Dexie. Runs wherever IndexedDB exists (window, dedicated Worker, Node with
 * fake-indexeddb): it touches no window or document. Every failure surfaces as an AppError.
 */
export class DexieStore implements StorePort {
  readonly db: JournalDb;
  private readonly now: () => number;
  private readonly rebuilder: LedgerRebuilder | null;

  constructor(db: JournalDb | string, options: DexieStoreOptions = {}) {
    this.db = typeof db === 'string' ? new JournalDb(db) : db;
    this.now = options.now ?? Date.now;
    this.rebuilder = options.rebuildLedgers === undefined ? null : new LedgerRebuilder(this.db, options.rebuildLedgers);
    // Pairs left stale by an upgrade, an import or an interrupted replay get their turn at start.
    this.rebuilder?.poke();
  }

  async commitBatch(batch: BatchCommit): Promise<CommitResult> {
    const result = await storeCall('save synced rows', () => commitBatch(this.db, batch, this.now));
    this.rebuilder?.poke();
    return result;
  }

  getCheckpoints(accountId: string, stream?: SyncStream): Promise<Checkpoint[]> {
    return storeCall('read sync checkpoints', async () => {
      const all = await this.db.checkpoints.where('accountId').equals(accountId).toArray();
      return stream === undefined ? all : all.filter((c) => c.stream === stream);
    });
  }

  resetCheckpoints(accountId: string, streams: readonly StreamScope[]): Promise<number> {
    return storeCall('reset sync checkpoints', async () => {
      return this.db.checkpoints.where('accountId').equals(accountId).filter((c) => inStreamScopes(c, streams)).delete();
    });
  }

  listAccounts(): Promise<Account[]> {
    return storeCall('list accounts', () => this.db.accounts.toArray());
  }

  getAccount(id: string): Promise<Account | null> {
    return storeCall('read an account', async () => (await this.db.accounts.get(id)) ?? null);
  }

  /**
   * Strictly validated: an account object carrying any field beyond the Account shape (an API key
   * or secret added by mistake) is refused, so a secret can never reach IndexedDB (invariant 5).
   */
  putAccount(account: Account): Promise<void> {
    const parsed = AccountSchema.safeParse(account);
    if (!parsed.success) {
      return Promise.reject(new AppError('INVALID_INPUT', 'This account record is not valid.', {
        issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      }));
    }
    return storeCall('save an account', async () => { await this.db.accounts.put(parsed.data); });
  }

  deleteAccount(id: string): Promise<DeleteAccountResult> {
    return storeCall('delete an account', () => deleteAccount(this.db, id));
  }

  /** Not on the port (a UI action, not an engine one): drop one data category and rewind its checkpoints. */
  async purgeCategory(accountId: string, category: PurgeCategory): Promise<PurgeResult> {
    const result = await storeCall('delete account data', () => purgeCategory(this.db, accountId, category));
    this.rebuilder?.poke();
    return result;
  }

  putJob(job: Job): Promise<void> {
    return storeCall('save a sync job', async () => { await this.db.jobs.put(job); });
  }

  getJob(id: string): Promise<Job | null> {
    return storeCall('read a sync job', async () => (await this.db.jobs.get(id)) ?? null);
  }

  listJobs(filter: JobFilter = {}): Promise<Job[]> {
    return storeCall('list sync jobs', async () => {
      // The jobs table is small (finished jobs are few per account), so filter in memory.
      const base = filter.accountId === undefined ? this.db.jobs.toCollection() : this.db.jobs.where('accountId').equals(filter.accountId);
      const statuses = filter.statuses;
      const rows = statuses === undefined ? await base.toArray() : await base.filter((j) => statuses.includes(j.status)).toArray();
      rows.sort((a, b) => b.requestedAt - a.requestedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return rows.slice(0, filter.limit ?? DEFAULT_LIST_LIMIT);
    });
  }

  putSyncLog(log: SyncLog): Promise<void> {
    return storeCall('save a sync log', async () => { await this.db.syncLogs.put(log); });
  }

  getSyncLog(id: string): Promise<SyncLog | null> {
    return storeCall('read a sync log', async () => (await this.db.syncLogs.get(id)) ?? null);
  }

  listSyncLogs(filter: { accountId?: string; limit?: number } = {}): Promise<SyncLog[]> {
    return storeCall('list sync logs', () => {
      const limit = filter.limit ?? DEFAULT_LIST_LIMIT;
      const coll = filter.accountId === undefined
        ? this.db.syncLogs.orderBy('startedAt')
        : this.db.syncLogs.where('[accountId+startedAt]').between([filter.accountId, -Infinity], [filter.accountId, Infinity], true, true);
      return coll.reverse().limit(limit).toArray();
    });
  }

  saveRawSnapshot(snapshot: RawSnapshot): Promise<void> {
    return storeCall('save a diagnostic snapshot', async () => { await this.db.rawSnapshots.put(snapshot); });
  }

  getSettings(): Promise<Settings | null> {
    return storeCall('read settings', async () => (await this.db.settings.get(SETTINGS_ROW_ID))?.value ?? null);
  }

  putSettings(settings: Settings): Promise<void> {
    const parsed = SettingsSchema.safeParse(settings);
    if (!parsed.success) {
      return Promise.reject(new AppError('INVALID_INPUT', 'These settings are not valid.', {
        issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      }));
    }
    return storeCall('save settings', async () => { await this.db.settings.put({ id: SETTINGS_ROW_ID, value: parsed.data }); });
  }

  /** After a write that did not go through this port (the page's file import or restore) and may have left symbols stale. */
  replayStaleSoon(): void {
    this.rebuilder?.poke();
  }

  close(): void {
    this.rebuilder?.dispose();
    this.db.close();
  }
}
