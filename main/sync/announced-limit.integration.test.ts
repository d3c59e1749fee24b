import { afterEach, describe, expect, it } from 'vitest';
import type { Account, Job } from '../../shared/domain/types';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { DexieStore } from '../../renderer/db/dexie-store';
import { newTestDb } from '../../renderer/db/test-support';
import { createAdapter } from '../exchange/create-adapter';
import { DEMO_CREDENTIALS, startSimulator } from '../simulator';
import { groundTruthTradeKeys } from '../simulator/truth';
import { createSyncEngine } from './engine';

/**
 * The exchange's limit is lower than the defaults (as exchangeInfo may say): the engine reads it
 * from exchangeInfo `rateLimits` and never learns it from 429s (on Binance, repeated 429s
 * escalate to IP bans). Windows are 1 s here so the test takes seconds, not minutes.
 */

const DAY = 86_400_000;
const now = Date.now();
const history = { seed: 5, start: now - 30 * DAY, end: now - 60_000, listedSpot: 30, listedLinear: 6, tradedSpot: 3, tradedLinear: 2, trades: 200, deposits: 2, withdrawals: 1 };
const settings: Settings = {
  ...DEFAULT_SETTINGS,
  sync: { ...DEFAULT_SETTINGS.sync, manualCooldownSeconds: 0 },
  retry: { ...DEFAULT_SETTINGS.retry, pageBaseMs: 20, pageCapMs: 400 },
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c().catch(() => undefined);
});

describe('rate limits announced in exchangeInfo', () => {
  it('a limit 1/20 of the default: the whole sync runs with 0 x 429/418 and ends exact', async () => {
    const sim = await startSimulator({ history, binanceLimits: { windowMs: 1000, limits: { api: 300, fapi: 120, sapi: 1e6 } } });
    const store = new DexieStore(newTestDb('announced-1'));
    const account: Account = {
      id: 'acc-1', exchange: 'binance', label: 'Sim', marketTypes: ['spot', 'linear'], testnet: false, baseUrl: sim.baseUrl,
      historyStart: history.start - DAY, symbolScope: 'all', credentialRef: 'ref', status: 'active', scheduleMinutes: null,
      createdAt: now, updatedAt: now, lastAttemptAt: null, lastSuccessAt: null,
    };
    await store.putAccount(account);
    const engine = createSyncEngine({
      store,
      adapters: (acc, gate) => Promise.resolve(createAdapter({
        accountId: acc.id, exchange: acc.exchange, marketTypes: acc.marketTypes, testnet: acc.testnet, baseUrl: acc.baseUrl,
        credentials: { ...DEMO_CREDENTIALS }, gate, timeoutMs: 5000,
      })),
      emit: () => undefined,
      settings: () => settings,
    });
    cleanups.push(async () => {
      await engine.stop();
      await sim.close();
      store.db.close();
    });
    await engine.start();
    const { jobId } = await engine.request({ accountId: 'acc-1', mode: 'full' });
    const until = Date.now() + 60_000;
    let job: Job | null = await store.getJob(jobId);
    while (job === null || !['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(job.status)) {
      if (Date.now() > until) throw new Error('sync did not finish');
      await new Promise((r) => setTimeout(r, 20));
      job = await store.getJob(jobId);
    }
    expect(job.status).toBe('SUCCEEDED');
    expect(sim.requestLog.entries.filter((e) => e.status === 429 || e.status === 418)).toEqual([]);
    expect(engine.status().limiters.find((l) => l.bucket === 'binance:api')).toMatchObject({ limit: 300, windowMs: 1000 });
    const stored = (await store.db.trades.toCollection().primaryKeys()).map(String).sort();
    expect(stored).toEqual(groundTruthTradeKeys(sim.groundTruth(), 'binance', 'acc-1'));
  }, 70_000);
});
