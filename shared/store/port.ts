import type {
  Account, AssetFlow, BalanceSnapshot, Checkpoint, Income, InvalidRowReport, Job, JobStatus, MarketType, Movement, RawSnapshot,
  SymbolFailure, SyncLog, SyncStats, SyncStream, Trade,
} from '../domain/types';
import type { Settings } from '../settings';
import type { StageMode } from '../sync/kinds';

/**
 * The store port (Signal's JobQueue store idea, applied to the whole journal): the sync engine in
 * main persists only through this interface. Its implementation is Dexie in the renderer (or its
 * worker), reached over IPC; tests use the same Dexie implementation on fake-indexeddb in-process.
 *
 * Every call is idempotent, so a call retried after a lost reply is harmless:
 * - rows are keyed by their unique key and never rewritten (append-only);
 * - checkpoints, jobs, logs, accounts and settings are upserts of whole records;
 * - commitBatch records its `batchId`: a replay returns the first result and changes nothing.
 */

export interface BatchCommit {
  /** Idempotency key, unique per batch of a job attempt: `${jobId}#${attempt}#${seq}`. */
  batchId: string;
  accountId: string;
  jobId: string;
  /** The SyncLog row whose stats this batch adds to. */
  logId: string;
  trades: Trade[];
  movements: Movement[];
  income: Income[];
  /** Wallet history beyond fills (converts, dust, rewards, transfers); absent = none in this batch. */
  flows?: AssetFlow[];
  balances: BalanceSnapshot[];
  /** Written in the same transaction as the rows (docs/ARCHITECTURE.md, invariant 2). */
  checkpoints: Checkpoint[];
  /** Added to the log's stats in the same transaction. `inserted`/`duplicates` are computed by the store. */
  logDelta: Omit<SyncStats, 'inserted' | 'duplicates' | 'updated'>;
  symbolFailures: SymbolFailure[];
  invalid: InvalidRowReport[];
}

export interface RowCounts {
  trades: number;
  movements: number;
  income: number;
  balances: number;
}

export interface CommitResult {
  inserted: RowCounts;
  duplicates: RowCounts;
  /** True when this batchId had already been committed: nothing was written this time. */
  replayed: boolean;
}

export interface JobFilter {
  statuses?: JobStatus[];
  accountId?: string;
  limit?: number;
}

export interface DeleteAccountResult {
  trades: number;
  movements: number;
  income: number;
  balances: number;
  checkpoints: number;
  jobs: number;
  logs: number;
}

/** Data a trader can delete and fetch again (Settings, Your data); each is one sync stage. */
export const PURGE_CATEGORIES = ['trades', 'movements', 'income', 'balances'] as const satisfies readonly StageMode[];
export type PurgeCategory = (typeof PURGE_CATEGORIES)[number];

export interface PurgeResult {
  rows: number;
  checkpoints: number;
}

/**
 * The store's roles. Each part of main takes only the roles it uses (docs/ARCHITECTURE.md), so a
 * fake implements what a test needs; `StorePort` is all of them, served by the store worker.
 */

/** One stream of an account's checkpoints: `trades` of `spot`, `movements` (no market type). */
export interface StreamScope {
  stream: SyncStream;
  marketType: MarketType | null;
}

/** Whether a checkpoint belongs to one of these streams (a null market type matches only null). */
export function inStreamScopes(checkpoint: Pick<Checkpoint, 'stream' | 'marketType'>, streams: readonly StreamScope[]): boolean {
  return streams.some((s) => s.stream === checkpoint.stream && s.marketType === checkpoint.marketType);
}

/** A sync's rows, cursors and raw snapshots: the pipeline's writer and the cursor readers. */
export interface SyncRowsPort {
  commitBatch(batch: BatchCommit): Promise<CommitResult>;
  getCheckpoints(accountId: string, stream?: SyncStream): Promise<Checkpoint[]>;
  /**
   * Deletes the account's checkpoints of these streams (a null market type matches only null),
   * so they restart from the history start; rows stay. Returns how many were deleted.
   */
  resetCheckpoints(accountId: string, streams: readonly StreamScope[]): Promise<number>;
  saveRawSnapshot(snapshot: RawSnapshot): Promise<void>;
}

export interface AccountsPort {
  listAccounts(): Promise<Account[]>;
  getAccount(id: string): Promise<Account | null>;
  putAccount(account: Account): Promise<void>;
}

/** Whole-account and whole-category deletes: main's handlers only, never the engine. */
export interface AccountDataPort {
  /** Removes the account and every row that belongs to it, in one transaction. */
  deleteAccount(id: string): Promise<DeleteAccountResult>;
  /**
   * Deletes one category of an account's rows (rows files stored without exchange ids stay),
   * resets its stream's checkpoints and marks its kinds not imported, in one transaction.
   */
  purgeCategory(accountId: string, category: PurgeCategory): Promise<PurgeResult>;
}

export interface JobsPort {
  putJob(job: Job): Promise<void>;
  getJob(id: string): Promise<Job | null>;
  listJobs(filter?: JobFilter): Promise<Job[]>;
}

export interface SyncLogPort {
  putSyncLog(log: SyncLog): Promise<void>;
  getSyncLog(id: string): Promise<SyncLog | null>;
  listSyncLogs(filter?: { accountId?: string; limit?: number }): Promise<SyncLog[]>;
}

export interface SettingsPort {
  /** null when never saved: the caller uses DEFAULT_SETTINGS. */
  getSettings(): Promise<Settings | null>;
  putSettings(settings: Settings): Promise<void>;
}

/** What the sync engine persists through: everything but account deletes and settings writes. */
export type EngineStorePort = SyncRowsPort & AccountsPort & JobsPort & SyncLogPort & Pick<SettingsPort, 'getSettings'>;

export interface StorePort extends SyncRowsPort, AccountsPort, AccountDataPort, JobsPort, SyncLogPort, SettingsPort {}

/** The port's method names, for the IPC envelope (main -> renderer store calls). */
export const STORE_METHODS = [
  'commitBatch', 'getCheckpoints', 'resetCheckpoints',
  'listAccounts', 'getAccount', 'putAccount', 'deleteAccount', 'purgeCategory',
  'putJob', 'getJob', 'listJobs',
  'putSyncLog', 'getSyncLog', 'listSyncLogs',
  'saveRawSnapshot',
  'getSettings', 'putSettings',
] as const satisfies readonly (keyof StorePort)[];

export type StoreMethod = (typeof STORE_METHODS)[number];

// Compile-time proof that STORE_METHODS lists every method of the port.
type MissingStoreMethods = Exclude<keyof StorePort, StoreMethod>;
const _allMethodsListed: MissingStoreMethods extends never ? true : never = true;
void _allMethodsListed;

export type StoreArgs<M extends StoreMethod> = Parameters<StorePort[M]>;
export type StoreResult<M extends StoreMethod> = Awaited<ReturnType<StorePort[M]>>;
