import type { Account, Checkpoint, Job, RawSnapshot, SyncLog, SyncStream } from '../../shared/domain/types';
import { AppError } from '../../shared/errors';
import type { Settings } from '../../shared/settings';
import { inStreamScopes, type BatchCommit, type CommitResult, type EngineStorePort, type JobFilter, type RowCounts, type SettingsPort, type StreamScope } from '../../shared/store/port';

const clone = <T>(v: T): T => structuredClone(v);

/**
 * In-memory store for the engine's unit tests (Signal's fake-store idea): the roles the engine and
 * the settings service use, with the Dexie store's contract (append-only rows keyed by unique key,
 * idempotent batchIds, one atomic commit), no IndexedDB. Account deletes and purges are tested on
 * the Dexie store itself.
 */
export class MemoryStore implements EngineStorePort, SettingsPort {
  readonly trades = new Map<string, unknown>();
  readonly movements = new Map<string, unknown>();
  readonly flows = new Map<string, unknown>();
  readonly income = new Map<string, unknown>();
  readonly balances = new Map<string, unknown>();
  readonly checkpoints = new Map<string, Checkpoint>();
  readonly accounts = new Map<string, Account>();
  readonly jobs = new Map<string, Job>();
  readonly logs = new Map<string, SyncLog>();
  readonly snapshots: RawSnapshot[] = [];
  readonly applied = new Map<string, CommitResult>();
  settings: Settings | null = null;
  commits = 0;

  async commitBatch(batch: BatchCommit): Promise<CommitResult> {
    await Promise.resolve();
    const prior = this.applied.get(batch.batchId);
    if (prior) return { ...prior, replayed: true };
    const log = this.logs.get(batch.logId);
    if (!log) throw new AppError('NOT_FOUND', 'no log');
    const put = (table: Map<string, unknown>, rows: { key: string }[]): [number, number] => {
      let ins = 0;
      let dup = 0;
      for (const r of rows) {
        if (table.has(r.key)) dup++;
        else {
          table.set(r.key, clone(r));
          ins++;
        }
      }
      return [ins, dup];
    };
    const [t, td] = put(this.trades, batch.trades);
    const [m, md] = put(this.movements, batch.movements);
    const [i, id] = put(this.income, batch.income);
    put(this.flows, batch.flows ?? []);
    const [b, bd] = put(this.balances, batch.balances);
    for (const c of batch.checkpoints) this.checkpoints.set(c.key, clone(c));
    const inserted: RowCounts = { trades: t, movements: m, income: i, balances: b };
    const duplicates: RowCounts = { trades: td, movements: md, income: id, balances: bd };
    const d = batch.logDelta;
    const s = log.stats;
    this.logs.set(log.id, {
      ...log,
      stats: {
        ...s, fetched: s.fetched + d.fetched, invalid: s.invalid + d.invalid, pages: s.pages + d.pages, requests: s.requests + d.requests,
        weight: s.weight + d.weight, retries: s.retries + d.retries, inserted: s.inserted + t + m + i + b, duplicates: s.duplicates + td + md + id + bd,
      },
      symbolFailures: [...log.symbolFailures, ...batch.symbolFailures],
      invalid: [...log.invalid, ...batch.invalid],
    });
    const result = { inserted, duplicates, replayed: false };
    this.applied.set(batch.batchId, result);
    this.commits++;
    return result;
  }

  async getCheckpoints(accountId: string, stream?: SyncStream): Promise<Checkpoint[]> {
    return [...this.checkpoints.values()].filter((c) => c.accountId === accountId && (stream === undefined || c.stream === stream)).map(clone);
  }

  async resetCheckpoints(accountId: string, streams: readonly StreamScope[]): Promise<number> {
    let deleted = 0;
    for (const [key, c] of this.checkpoints) {
      if (c.accountId !== accountId || !inStreamScopes(c, streams)) continue;
      this.checkpoints.delete(key);
      deleted++;
    }
    return deleted;
  }

  async listAccounts(): Promise<Account[]> {
    return [...this.accounts.values()].map(clone);
  }

  async getAccount(id: string): Promise<Account | null> {
    const a = this.accounts.get(id);
    return a ? clone(a) : null;
  }

  async putAccount(account: Account): Promise<void> {
    this.accounts.set(account.id, clone(account));
  }

  async putJob(job: Job): Promise<void> {
    this.jobs.set(job.id, clone(job));
  }

  async getJob(id: string): Promise<Job | null> {
    const j = this.jobs.get(id);
    return j ? clone(j) : null;
  }

  async listJobs(filter: JobFilter = {}): Promise<Job[]> {
    return [...this.jobs.values()]
      .filter((j) => (filter.statuses === undefined || filter.statuses.includes(j.status)) && (filter.accountId === undefined || j.accountId === filter.accountId))
      .slice(0, filter.limit ?? 100)
      .map(clone);
  }

  async putSyncLog(log: SyncLog): Promise<void> {
    this.logs.set(log.id, clone(log));
  }

  async getSyncLog(id: string): Promise<SyncLog | null> {
    const l = this.logs.get(id);
    return l ? clone(l) : null;
  }

  async listSyncLogs(filter: { accountId?: string; limit?: number } = {}): Promise<SyncLog[]> {
    return [...this.logs.values()].filter((l) => filter.accountId === undefined || l.accountId === filter.accountId).map(clone);
  }

  async saveRawSnapshot(snapshot: RawSnapshot): Promise<void> {
    this.snapshots.push(clone(snapshot));
  }

  async getSettings(): Promise<Settings | null> {
    return this.settings;
  }

  async putSettings(settings: Settings): Promise<void> {
    this.settings = settings;
  }
}
