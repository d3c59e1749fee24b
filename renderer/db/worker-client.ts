import type { Account, Checkpoint, Job, RawSnapshot, SyncLog, SyncStream } from '../../shared/domain/types';
import { AppError, isErrorPayload } from '../../shared/errors';
import type { Settings } from '../../shared/settings';
import type {
  BatchCommit, CommitResult, DeleteAccountResult, JobFilter, StoreArgs, StoreMethod, StorePort, StoreResult,
} from '../../shared/store/port';
import type { MessageEndpoint, StoreRequest, StoreResponse } from './worker-host';

function isResponse(value: unknown): value is StoreResponse {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'number' && (v.ok === true || (v.ok === false && isErrorPayload(v.error)));
}

/**
 * The renderer-thread side of the store worker: a StorePort whose every call is a message to
 * `store.worker.ts` (served by worker-host.ts). Errors come back as AppErrors with their codes.
 */
export class WorkerStoreClient implements StorePort {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: AppError) => void }>();
  private readonly listener = (event: MessageEvent): void => {
    const data: unknown = event.data;
    if (!isResponse(data)) return;
    const waiter = this.pending.get(data.id);
    if (waiter === undefined) return;
    this.pending.delete(data.id);
    if (data.ok) waiter.resolve(data.value);
    else waiter.reject(AppError.fromPayload(data.error));
  };

  constructor(private readonly endpoint: MessageEndpoint) {
    endpoint.addEventListener('message', this.listener);
  }

  private call<M extends StoreMethod>(method: M, ...args: StoreArgs<M>): Promise<StoreResult<M>> {
    const id = this.nextId++;
    const request: StoreRequest = { id, method, args };
    return new Promise<StoreResult<M>>((resolve, reject) => {
      // The worker answers with the method's own result type (dispatch in worker-host.ts).
      this.pending.set(id, { resolve: (value) => resolve(value as StoreResult<M>), reject });
      this.endpoint.postMessage(request);
    });
  }

  /** Stops listening and fails the calls still waiting, so no caller hangs forever. */
  dispose(): void {
    this.endpoint.removeEventListener('message', this.listener);
    for (const waiter of this.pending.values()) waiter.reject(new AppError('STORE_UNAVAILABLE', 'The local database worker was closed.'));
    this.pending.clear();
  }

  commitBatch(batch: BatchCommit): Promise<CommitResult> { return this.call('commitBatch', batch); }
  getCheckpoints(accountId: string, stream?: SyncStream): Promise<Checkpoint[]> {
    return stream === undefined ? this.call('getCheckpoints', accountId) : this.call('getCheckpoints', accountId, stream);
  }
  listAccounts(): Promise<Account[]> { return this.call('listAccounts'); }
  getAccount(id: string): Promise<Account | null> { return this.call('getAccount', id); }
  async putAccount(account: Account): Promise<void> { await this.call('putAccount', account); }
  deleteAccount(id: string): Promise<DeleteAccountResult> { return this.call('deleteAccount', id); }
  async putJob(job: Job): Promise<void> { await this.call('putJob', job); }
  getJob(id: string): Promise<Job | null> { return this.call('getJob', id); }
  listJobs(filter?: JobFilter): Promise<Job[]> { return filter === undefined ? this.call('listJobs') : this.call('listJobs', filter); }
  async putSyncLog(log: SyncLog): Promise<void> { await this.call('putSyncLog', log); }
  getSyncLog(id: string): Promise<SyncLog | null> { return this.call('getSyncLog', id); }
  listSyncLogs(filter?: { accountId?: string; limit?: number }): Promise<SyncLog[]> {
    return filter === undefined ? this.call('listSyncLogs') : this.call('listSyncLogs', filter);
  }
  async saveRawSnapshot(snapshot: RawSnapshot): Promise<void> { await this.call('saveRawSnapshot', snapshot); }
  getSettings(): Promise<Settings | null> { return this.call('getSettings'); }
  async putSettings(settings: Settings): Promise<void> { await this.call('putSettings', settings); }
}
