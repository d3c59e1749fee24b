import type {
  AssetFlow, BalanceSnapshot, Checkpoint, Income, InvalidRowReport, Job, Movement, RawSnapshot, SymbolFailure, Trade,
} from '../../shared/domain/types';
import type { BatchCommit, CommitResult, SyncRowsPort } from '../../shared/store/port';
import { errorAction } from '../../shared/sync/classify';
import { batchId } from '../../shared/sync/plan';
import { sanitizedJson, toSafeError } from '../../shared/sync/sanitize';
import { sleep, type Clock } from './clock';
import type { RequestCounters } from './gate';
import type { Logger } from './logger';
import { asAppError } from './pageRetry';

/** Raw payload snapshots are for diagnosis only: capped so one bad batch cannot bloat the DB. */
export const RAW_SNAPSHOT_MAX_CHARS = 64_000;
/** A commit whose reply was lost is replayed with the same batchId (the store dedupes it). */
const COMMIT_ATTEMPTS = 3;

export interface CommitParts {
  trades?: Trade[];
  movements?: Movement[];
  income?: Income[];
  flows?: AssetFlow[];
  balances?: BalanceSnapshot[];
  checkpoints: Checkpoint[];
  invalid?: InvalidRowReport[];
  fetched: number;
  pages: number;
  /** Raw rows of the batch, kept as a snapshot if the commit fails. */
  raw?: unknown;
}

/**
 * Writes one job attempt's batches: builds each BatchCommit (rows + checkpoints + log delta, one
 * transaction in the store), numbers them for idempotent replays, and keeps only counters between
 * batches (invariant 6).
 */
export class BatchWriter {
  private seq = 0;
  private committedRequests = 0;
  private committedWeight = 0;
  private committedRetries = 0;
  private pendingFailures: SymbolFailure[] = [];
  retries = 0;
  inserted = 0;
  duplicates = 0;

  constructor(
    private readonly store: Pick<SyncRowsPort, 'commitBatch' | 'saveRawSnapshot'>,
    private readonly job: Job,
    private readonly logId: string,
    private readonly counters: RequestCounters,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** A per-symbol failure, written with the next commit. */
  addFailure(failure: SymbolFailure): void {
    this.pendingFailures.push(failure);
  }

  async commit(parts: CommitParts): Promise<CommitResult> {
    // Stages of different lanes commit concurrently: what this batch carries (counters, symbol
    // failures) is taken in the same synchronous step that builds it, so two batches in flight
    // never both carry the same requests or failures; a batch that fails gives them back.
    const failures = this.pendingFailures;
    this.pendingFailures = [];
    const delta = {
      requests: this.counters.requests - this.committedRequests,
      weight: this.counters.weight - this.committedWeight,
      retries: this.retries - this.committedRetries,
    };
    this.committedRequests += delta.requests;
    this.committedWeight += delta.weight;
    this.committedRetries += delta.retries;
    const batch: BatchCommit = {
      batchId: batchId(this.job.id, this.job.attempt, ++this.seq),
      accountId: this.job.accountId,
      jobId: this.job.id,
      logId: this.logId,
      trades: parts.trades ?? [],
      movements: parts.movements ?? [],
      income: parts.income ?? [],
      ...(parts.flows === undefined ? {} : { flows: parts.flows }),
      balances: parts.balances ?? [],
      checkpoints: parts.checkpoints,
      logDelta: {
        fetched: parts.fetched,
        invalid: (parts.invalid ?? []).reduce((n, r) => n + r.count, 0),
        pages: parts.pages,
        ...delta,
      },
      symbolFailures: failures,
      invalid: parts.invalid ?? [],
    };
    try {
      const result = await this.commitWithReplay(batch);
      const r = result;
      this.inserted += r.inserted.trades + r.inserted.movements + r.inserted.income + r.inserted.balances;
      this.duplicates += r.duplicates.trades + r.duplicates.movements + r.duplicates.income + r.duplicates.balances;
      return result;
    } catch (error) {
      this.committedRequests -= delta.requests;
      this.committedWeight -= delta.weight;
      this.committedRetries -= delta.retries;
      this.pendingFailures = [...failures, ...this.pendingFailures];
      if (parts.raw !== undefined) await this.snapshot(`commit failed: ${toSafeError(error).code}`, parts.raw);
      throw error;
    }
  }

  /** Counters not yet carried by a commit (requests for markets, failed pages...), for the final log. */
  uncommitted(): { requests: number; weight: number; retries: number } {
    return {
      requests: this.counters.requests - this.committedRequests,
      weight: this.counters.weight - this.committedWeight,
      retries: this.retries - this.committedRetries,
    };
  }

  pendingSymbolFailures(): SymbolFailure[] {
    return this.pendingFailures;
  }

  /** Keeps a sanitized, capped copy of a raw payload whose processing failed. Never throws. */
  async snapshot(reason: string, raw: unknown): Promise<void> {
    const snap: RawSnapshot = {
      id: `${this.job.id}#${this.job.attempt}#${this.seq}#${this.clock.now()}`,
      accountId: this.job.accountId,
      jobId: this.job.id,
      version: 1,
      createdAt: this.clock.now(),
      reason,
      payload: sanitizedJson(raw, RAW_SNAPSHOT_MAX_CHARS),
    };
    try {
      await this.store.saveRawSnapshot(snap);
    } catch (error) {
      this.logger.warn('could not save a raw snapshot', { error: toSafeError(error) });
    }
  }

  private async commitWithReplay(batch: BatchCommit): Promise<CommitResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.store.commitBatch(batch);
      } catch (raw) {
        const error = asAppError(raw);
        // Only a lost reply is worth replaying; a rejected batch would be rejected again.
        if (errorAction(error.code) !== 'store' && error.code !== 'TIMEOUT') throw raw;
        if (attempt >= COMMIT_ATTEMPTS) throw raw;
        await sleep(this.clock, 200 * attempt);
      }
    }
  }
}
