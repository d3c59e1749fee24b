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
 * Quick recovery from a short outage: real ccxt against the simulator, real timers, settings
 * scaled down 25x (page backoff 40 ms, first breaker cool-down 200 ms, cap 12 s). The old fixed
 * open period (the cap) would hold the sync at least 12 s after the exchange answers again.
 */

const DAY = 86_400_000;
const now = Date.now();
const history = { seed: 11, start: now - 30 * DAY, end: now - 60_000, listedSpot: 4, listedLinear: 2, tradedSpot: 2, tradedLinear: 1, trades: 120, deposits: 2, withdrawals: 1 };
const settings: Settings = {
  ...DEFAULT_SETTINGS,
  sync: { ...DEFAULT_SETTINGS.sync, pageSize: 20, manualCooldownSeconds: 0 },
  retry: { ...DEFAULT_SETTINGS.retry, pageBaseMs: 40, pageCapMs: 2_400, jobBaseMs: 1_200, jobCapMs: 36_000 },
  breaker: { ...DEFAULT_SETTINGS.breaker, openMs: 12_000, probeBaseMs: 200 },
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c().catch(() => undefined);
});

describe('quick recovery after a short outage', () => {
  it('a 600 ms outage of every endpoint (503s): the sync resumes within ~1 s of the exchange answering, exact, nothing inside a Retry-After', async () => {
    const sim = await startSimulator({ history, binanceLimits: { limits: { api: 1e6, fapi: 1e6, sapi: 1e6 } }, latencyMs: 5 });
    const store = new DexieStore(newTestDb('recovery-1'));
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
        credentials: { ...DEMO_CREDENTIALS }, gate, timeoutMs: 3000,
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
    // The outage starts after the sync began (markets and the first pages went through).
    sim.faults.inject({ kind: 'http', status: 503 }, { match: { exchange: 'binance' }, after: 6, times: Infinity });
    const { jobId } = await engine.request({ accountId: 'acc-1', mode: 'full' });
    const until = Date.now() + 30_000;
    while (sim.requestLog.entries.filter((e) => e.status === 503).length < 5) {
      if (Date.now() > until) throw new Error('the outage never began');
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 600));
    sim.faults.clear();
    const answeredAt = Date.now();
    let job: Job | null = await store.getJob(jobId);
    while (job === null || !['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(job.status)) {
      if (Date.now() > until) throw new Error('sync did not finish');
      await new Promise((r) => setTimeout(r, 20));
      job = await store.getJob(jobId);
    }
    expect(job.status).toBe('SUCCEEDED');
    // The endpoint that failed answers again: its breaker's next probe finds it well, and the
    // job goes on at once. Scaled: 1.5 s here is ~37 s at the default settings (first cool-down
    // 5 s, doubling), where the old fixed open period held it 5 minutes.
    const failedPath = sim.requestLog.entries.find((e) => e.status === 503)?.path ?? '';
    const recovered = sim.requestLog.entries.find((e) => e.at >= answeredAt && e.status === 200 && e.path === failedPath);
    expect(recovered).toBeDefined();
    expect((recovered?.at ?? Infinity) - answeredAt).toBeLessThan(1_500);
    // Never more probes than the doubling cool-downs allow while it was down.
    expect(sim.requestLog.entries.filter((e) => e.status === 503 && e.path === failedPath).length).toBeLessThan(15);
    const stored = (await store.db.trades.toCollection().primaryKeys()).map(String).sort();
    expect(stored).toEqual(groundTruthTradeKeys(sim.groundTruth(), 'binance', 'acc-1'));
  }, 40_000);
});
