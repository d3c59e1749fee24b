import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Account, Job } from '../../shared/domain/types';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { DexieStore } from '../../renderer/db/dexie-store';
import { newTestDb } from '../../testing/db/test-support';
import { createAdapter } from '../exchange/create-adapter';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../simulator';
import { createSyncEngine, type SyncEngine } from './engine';

/**
 * A USD-M symbol that was never traded has no trade id to resume from: its first walk searches
 * 7-day windows up to now. That search must be remembered, or every sync repeats it (with ~500
 * perpetuals, ~27 minutes of Binance's weight budget per sync). Real ccxt against the simulator,
 * the real Dexie store.
 */
const DAY = 86_400_000;
const now = Date.now();
const settings: Settings = {
  ...DEFAULT_SETTINGS,
  sync: { ...DEFAULT_SETTINGS.sync, pageSize: 100, manualCooldownSeconds: 0 },
  retry: { ...DEFAULT_SETTINGS.retry, pageBaseMs: 10, pageCapMs: 100 },
};
let sim: Simulator | null = null;
let engine: SyncEngine | null = null;

afterEach(async () => {
  await engine?.stop();
  await sim?.close();
  engine = null;
  sim = null;
});

async function runJob(e: SyncEngine, store: DexieStore, accountId: string): Promise<Job> {
  const { jobId } = await e.request({ accountId, mode: 'trades', requestedBy: 'manual' });
  for (let i = 0; i < 600; i += 1) {
    const job = await store.getJob(jobId);
    if (job !== null && (job.status === 'SUCCEEDED' || job.status === 'FAILED')) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish');
}

describe('symbols searched in vain', () => {
  it('are searched from the start once, then resumed from where the search ended', async () => {
    sim = await startSimulator({
      history: { seed: 3, start: now - 120 * DAY, end: now - 60_000, listedSpot: 1, listedLinear: 4, tradedSpot: 1, tradedLinear: 1, trades: 60, deposits: 0, withdrawals: 0 },
      binanceLimits: { limits: { api: 1e6, fapi: 1e6, sapi: 1e6 } },
    });
    const store = new DexieStore(newTestDb(`empty-symbols-${now}`));
    const account: Account = {
      id: 'acc-e', exchange: 'binance', label: 'Sim', marketTypes: ['linear'], testnet: false, baseUrl: sim.baseUrl,
      historyStart: now - 150 * DAY, symbolScope: 'all', credentialRef: 'ref', status: 'active', scheduleMinutes: null,
      createdAt: now, updatedAt: now, lastAttemptAt: null, lastSuccessAt: null,
    };
    await store.putAccount(account);
    engine = createSyncEngine({
      store,
      adapters: (acc, gate) => Promise.resolve(createAdapter({
        accountId: acc.id, exchange: acc.exchange, marketTypes: acc.marketTypes, testnet: false, baseUrl: acc.baseUrl,
        credentials: { ...DEMO_CREDENTIALS }, gate, timeoutMs: 5000,
      })),
      emit: () => undefined,
      settings: () => settings,
    });
    await engine.start();

    expect((await runJob(engine, store, account.id)).status).toBe('SUCCEEDED');
    // Four listed symbols, 120 days of history: not ~17 weekly windows each, but one aggregate-trades
    // lookup of the first trade id at the start and the fills from that id on (main/exchange/binance/trades.ts).
    expect(sim.requestLog.count('/fapi/v1/aggTrades')).toBe(4);
    expect(sim.requestLog.count('/fapi/v1/userTrades')).toBeLessThanOrEqual(4 + 1);

    sim.requestLog.clear();
    expect((await runJob(engine, store, account.id)).status).toBe('SUCCEEDED');
    const secondRun = sim.requestLog.count('/fapi/v1/userTrades');
    expect(sim.requestLog.count('/fapi/v1/aggTrades')).toBe(0);
    // One request per symbol, each from the trade id where the first sync ended (not from the
    // start of history again).
    expect(secondRun).toBeLessThanOrEqual(4);

    // Nothing of the searched-in-vain symbols counts as synced history.
    const checkpoints = await store.getCheckpoints(account.id, 'trades');
    expect(checkpoints.filter((c) => c.lastTimestamp !== null)).toHaveLength(1);
  });
});
