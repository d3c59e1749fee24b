import type { Account, Job, JobProgress, MarketType, TradeSyncMark } from '../../shared/domain/types';
import type { Settings } from '../../shared/settings';
import type { SyncRowsPort } from '../../shared/store/port';
import type { ExchangeAdapter, MarketInfo } from '../exchange/adapter';
import type { Clock } from './clock';
import type { RequestCounters } from './gate';
import type { Logger } from './logger';
import type { MarketIndex, Normalizers } from './normalizers';
import type { PageRetryDeps } from './pageRetry';
import type { BatchWriter } from './writer';

/** Everything one job attempt works with. Built by the runner, read by the pipeline stages. */
export interface AttemptContext {
  job: Job;
  account: Account;
  adapter: ExchangeAdapter;
  store: SyncRowsPort;
  /** A snapshot for the whole attempt, so a settings change mid-job cannot tear a batch. */
  settings: Settings;
  clock: Clock;
  signal: AbortSignal;
  normalizers: Normalizers;
  counters: RequestCounters;
  writer: BatchWriter;
  logger: Logger;
  retry: PageRetryDeps;
  /** How long until `weight` more could all be sent on a rate bucket (EngineGate.waitToSendMs): an ETA's floor. */
  waitToSendMs: (bucket: string, weight: number) => number;
  /** Merges a progress update and emits it. */
  progress: (update: Partial<JobProgress>) => void;
  /** Listed markets per market type, once loaded (trades and income need them). */
  markets: Map<MarketType, MarketIndex>;
  loadedMarkets: MarketInfo[] | null;
  /** Set when a stream stopped at its page budget: the job enqueues a continuation. */
  budgetHit: boolean;
  /** Kinds (shared/sync/kinds.ts keys) this attempt imported to their end. */
  completed: Set<string>;
  /** Spot balance totals fetched by this attempt's balances stage (null when it did not run). */
  spotBalances: Record<string, number> | null;
  /** Marks of the trades stages this attempt ran; the runner keeps those of completed kinds. */
  tradeMarks: Partial<Record<MarketType, TradeSyncMark>>;
}
