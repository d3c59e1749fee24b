import type {
  Account, AssetFlow, BalanceSnapshot, Checkpoint, Income, InvalidRowReport, Job, JobStatus, Movement, RawSnapshot,
  SymbolFailure, SyncLog, SyncStats, SyncStream, Trade,
} from '../domain/types';
import type { Settings } from '../settings';

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

export interface StorePort {
  commitBatch(batch: BatchCommit): Promise<CommitResult>;
  getCheckpoints(accountId: string, stream?: SyncStream): Promise<Checkpoint[]>;

  listAccounts(): Promise<Account[]>;
  getAccount(id: string): Promise<Account | null>;
  putAccount(account: Account): Promise<void>;
  /** Removes the account and every row that belongs to it, in one transaction. */
  deleteAccount(id: string): Promise<DeleteAccountResult>;

  putJob(job: Job): Promise<void>;
  getJob(id: string): Promise<Job | null>;
  listJobs(filter?: JobFilter): Promise<Job[]>;

  putSyncLog(log: SyncLog): Promise<void>;
  getSyncLog(id: string): Promise<SyncLog | null>;
  listSyncLogs(filter?: { accountId?: string; limit?: number }): Promise<SyncLog[]>;

  saveRawSnapshot(snapshot: RawSnapshot): Promise<void>;

  /** null when never saved: the caller uses DEFAULT_SETTINGS. */
  getSettings(): Promise<Settings | null>;
  putSettings(settings: Settings): Promise<void>;
}

/** The port's method names, for the IPC envelope (main -> renderer store calls). */
export const STORE_METHODS = [
  'commitBatch', 'getCheckpoints',
  'listAccounts', 'getAccount', 'putAccount', 'deleteAccount',
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
