import type { Account, Job, JobMode } from '../../shared/domain/types';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { DexieStore } from '../../renderer/db/dexie-store';
import { newTestDb } from '../db/test-support';
import { createAdapter } from '../../main/exchange/create-adapter';
import { DEMO_CREDENTIALS, startSimulator, type Simulator, type SimulatorOptions } from '../../simulator';
import { groundTruthTradeKeys } from '../../simulator/truth';
import { createSyncEngine, type SyncEngine } from '../../main/sync/engine';
import type { Clock } from '../../main/sync/clock';

const DAY = 86_400_000;
const FINISHED: readonly string[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

/**
 * The real engine with real ccxt adapters against the loopback simulator and a real DexieStore on
 * fake-indexeddb: what the engine's integration tests share. One account `acc-1` (Binance unless `account` says otherwise).
 */
export interface SimSession {
  sim: Simulator;
  store: DexieStore;
  engine: SyncEngine;
  /** Requests a job and returns its id (the caller may act while it runs). */
  request(mode?: JobMode): Promise<string>;
  /** Polls the store until the job has finished. */
  finished(jobId: string, timeoutMs?: number): Promise<Job>;
  /**
   * Polls until no job runs or waits: a page-budget chain has run to its last continuation (the
   * queue saves a continuation before the job it continues leaves the running set).
   */
  settled(timeoutMs?: number): Promise<Job[]>;
  /** A forced job of `mode`, to its end. */
  sync(mode?: JobMode): Promise<Job>;
  /** Primary keys of the stored trades, sorted. */
  stored(): Promise<string[]>;
  /** The simulator's own trades as this account's keys, sorted. */
  truth(): string[];
  close(): Promise<void>;
}

/** Product settings with no manual cooldown and retries in milliseconds, so failing pages cost a test little time. */
export const SIM_TEST_SETTINGS: Settings = {
  ...DEFAULT_SETTINGS,
  sync: { ...DEFAULT_SETTINGS.sync, manualCooldownSeconds: 0 },
  retry: { ...DEFAULT_SETTINGS.retry, pageBaseMs: 10, pageCapMs: 200, jobBaseMs: 1000, jobCapMs: 2000 },
};

export interface SimSessionOptions {
  sim: SimulatorOptions & { history: NonNullable<SimulatorOptions['history']> & { start: number } };
  settings: Settings;
  dbName: string;
  account?: Partial<Account>;
  timeoutMs?: number;
  /** The engine's clock (default the system's); pair it with `sim.clock` to move both through time. */
  clock?: Clock;
}

export async function simSession(options: SimSessionOptions): Promise<SimSession> {
  const sim = await startSimulator(options.sim);
  const store = new DexieStore(newTestDb(options.dbName));
  const now = Date.now();
  const account: Account = {
    id: 'acc-1', exchange: 'binance', label: 'Sim', marketTypes: ['spot', 'linear'], testnet: false, baseUrl: sim.baseUrl,
    historyStart: options.sim.history.start - DAY, symbolScope: 'all', credentialRef: 'ref', status: 'active', scheduleMinutes: null,
    createdAt: now, updatedAt: now, lastAttemptAt: null, lastSuccessAt: null, ...options.account,
  };
  await store.putAccount(account);
  const engine = createSyncEngine({
    store,
    adapters: (acc, gate) => Promise.resolve(createAdapter({
      accountId: acc.id, exchange: acc.exchange, marketTypes: acc.marketTypes, testnet: acc.testnet, baseUrl: acc.baseUrl,
      credentials: { ...DEMO_CREDENTIALS }, gate, timeoutMs: options.timeoutMs ?? 5000,
    })),
    emit: () => undefined,
    settings: () => options.settings,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  await engine.start();
  const finished = async (jobId: string, timeoutMs = 60_000): Promise<Job> => {
    const until = Date.now() + timeoutMs;
    let job = await store.getJob(jobId);
    while (job === null || !FINISHED.includes(job.status)) {
      if (Date.now() > until) throw new Error('sync did not finish');
      await new Promise((r) => setTimeout(r, 20));
      job = await store.getJob(jobId);
    }
    return job;
  };
  const settled = async (timeoutMs = 120_000): Promise<Job[]> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const idle = engine.status().runningJobIds.length === 0;
      const waiting = await store.listJobs({ statuses: ['QUEUED', 'RUNNING', 'RETRY_SCHEDULED'] });
      if (idle && waiting.length === 0) return store.listJobs({});
      if (Date.now() > until) throw new Error('sync did not settle');
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const request = async (mode: JobMode = 'full'): Promise<string> => (await engine.request({ accountId: account.id, mode, force: true })).jobId;
  return {
    sim, store, engine, request, finished, settled,
    sync: async (mode) => finished(await request(mode)),
    stored: async () => (await store.db.trades.toCollection().primaryKeys()).map(String).sort(),
    truth: () => groundTruthTradeKeys(sim.groundTruth(), account.exchange, account.id),
    async close() {
      await engine.stop();
      await sim.close();
      store.db.close();
    },
  };
}
