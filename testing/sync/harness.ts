import type { Account, Job } from '../../shared/domain/types';
import type { EventName, EventPayloads } from '../../shared/ipc/contract';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import type { EngineStorePort } from '../../shared/store/port';
import { createSyncEngine, type SyncEngine } from '../../main/sync/engine';
import type { Normalizers } from '../../main/sync/normalizers';
import { FakeClock, settleUntil } from './fakeClock';
import { FakeExchange, fakeNormalizers, type FakeExchangeOptions } from './fakeAdapter';
import { MemoryStore } from './memoryStore';

export function testAccount(over: Partial<Account> = {}): Account {
  return {
    id: 'acc1', exchange: 'demo', label: 'Test', marketTypes: ['spot'], testnet: false, baseUrl: null, historyStart: null,
    symbolScope: 'held', credentialRef: 'ref', status: 'active', scheduleMinutes: null, createdAt: 0, updatedAt: 0,
    lastAttemptAt: null, lastSuccessAt: null, ...over,
  };
}

export function testSettings(over: Partial<Settings['sync']> = {}): Settings {
  return { ...DEFAULT_SETTINGS, sync: { ...DEFAULT_SETTINGS.sync, pageSize: 10, symbolsPerBatch: 2, maxInFlightRequests: 2, ...over } };
}

export interface EventRecord {
  event: EventName;
  payload: unknown;
}

export interface Harness {
  clock: FakeClock;
  store: MemoryStore;
  exchange: FakeExchange;
  engine: SyncEngine;
  events: EventRecord[];
  settings: Settings;
  /** A second engine on the same store (after a simulated crash). */
  restart(store?: EngineStorePort): SyncEngine;
  waitJob(id: string, statuses?: Job['status'][], maxMs?: number): Promise<Job>;
}

export function harness(opts: { history?: FakeExchangeOptions['history']; pageLimit?: number; settings?: Settings; account?: Partial<Account>; store?: MemoryStore; normalizers?: Normalizers } = {}): Harness {
  const clock = new FakeClock();
  const store = opts.store ?? new MemoryStore();
  if (!store.accounts.has('acc1')) store.accounts.set('acc1', testAccount(opts.account));
  const exchange = new FakeExchange({ history: opts.history ?? { 'BTC/USDT': 25, 'ETH/USDT': 7, 'SOL/USDT': 0 }, pageLimit: opts.pageLimit ?? 10 }, () => clock.now());
  const events: EventRecord[] = [];
  const settings = opts.settings ?? testSettings();
  const make = (s: EngineStorePort): SyncEngine => createSyncEngine({
    store: s,
    adapters: (_account, gate) => Promise.resolve(exchange.adapter(gate)),
    emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => {
      events.push({ event, payload });
    },
    clock,
    settings: () => settings,
    normalizers: opts.normalizers ?? fakeNormalizers,
  });
  const h: Harness = {
    clock, store, exchange, events, settings,
    engine: make(store),
    restart: (s = store) => make(s),
    async waitJob(id, statuses = ['SUCCEEDED', 'FAILED', 'CANCELLED'], maxMs = 600_000) {
      const done = (): boolean => statuses.includes(store.jobs.get(id)?.status ?? 'QUEUED');
      // Most work needs no fake time (only real zero-delay hops); backoffs and retries need the clock to move.
      if (!(await settleUntil(done, 300))) await clock.runUntil(done, maxMs, 5000);
      const job = store.jobs.get(id);
      if (!job || !done()) throw new Error(`job ${id} did not reach ${statuses.join('/')}: ${JSON.stringify(job?.status)} ${JSON.stringify(job?.error)}`);
      return job;
    },
  };
  return h;
}

export function storedTradeKeys(store: MemoryStore): string[] {
  return [...store.trades.keys()].sort();
}
