import { afterEach, describe, expect, it } from 'vitest';
import type { Account, Job } from '../../shared/domain/types';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { completeness } from '../../shared/sync/kinds';
import { DexieStore } from '../../renderer/db/dexie-store';
import { newTestDb } from '../../testing/db/test-support';
import { createAdapter } from '../exchange/create-adapter';
import { DEMO_CREDENTIALS, startSimulator } from '../../simulator';
import { createSyncEngine } from './engine';

/**
 * Real ccxt adapters against the simulator: a maintenance window is named as maintenance, from
 * the exchange's own system status (with its end where the exchange announces one), and a full
 * sync records every kind of the scope complete.
 */
const DAY = 86_400_000;
const now = Date.now();
const history = { seed: 11, start: now - 10 * DAY, end: now - 60_000, listedSpot: 2, listedLinear: 2, tradedSpot: 1, tradedLinear: 1, trades: 40, deposits: 2, withdrawals: 1 };
const settings: Settings = {
  ...DEFAULT_SETTINGS,
  sync: { ...DEFAULT_SETTINGS.sync, pageSize: 50, manualCooldownSeconds: 0 },
  retry: { ...DEFAULT_SETTINGS.retry, pageAttempts: 2, pageBaseMs: 10, pageCapMs: 20, jobBaseMs: 60_000, jobCapMs: 60_000 },
};
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c().catch(() => undefined);
});

async function setup(exchange: 'binance' | 'bybit') {
  const sim = await startSimulator({ history });
  const store = new DexieStore(newTestDb(`maintenance-${exchange}-${Math.random()}`));
  const account: Account = {
    id: 'acc-1', exchange, label: 'Sim', marketTypes: ['spot', 'linear'], testnet: false, baseUrl: sim.baseUrl, historyStart: history.start - DAY,
    symbolScope: 'all', credentialRef: 'ref', status: 'active', scheduleMinutes: null, createdAt: now, updatedAt: now, lastAttemptAt: null, lastSuccessAt: null,
  };
  await store.putAccount(account);
  const engine = createSyncEngine({
    store, settings: () => settings, emit: () => undefined,
    adapters: (acc, gate) => Promise.resolve(createAdapter({
      accountId: acc.id, exchange: acc.exchange, marketTypes: acc.marketTypes, testnet: false, baseUrl: acc.baseUrl, credentials: { ...DEMO_CREDENTIALS }, gate, timeoutMs: 3000,
    })),
  });
  cleanups.push(async () => {
    await engine.stop();
    await sim.close();
    store.db.close();
  });
  await engine.start();
  return { sim, store, engine };
}

async function settled(store: DexieStore, jobId: string, statuses: Job['status'][]): Promise<Job> {
  const until = Date.now() + 20_000;
  for (;;) {
    const job = await store.getJob(jobId);
    if (job !== null && statuses.includes(job.status)) return job;
    if (Date.now() > until) throw new Error(`job stayed ${job?.status}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('maintenance is named from the exchange system status', () => {
  it('binance: /sapi/v1/system/status says maintenance (no end given); the job waits to retry', async () => {
    const { sim, store, engine } = await setup('binance');
    sim.setMaintenance({ endsAt: null });
    const { jobId } = await engine.request({ accountId: 'acc-1', mode: 'full' });
    const job = await settled(store, jobId, ['RETRY_SCHEDULED', 'FAILED']);
    expect(job).toMatchObject({ status: 'RETRY_SCHEDULED', error: { code: 'EXCHANGE_MAINTENANCE', message: 'Binance is under maintenance (its system status says so).' } });
    expect(sim.requestLog.entries.some((e) => e.path === '/sapi/v1/system/status' && e.status === 200)).toBe(true);
  });

  it('bybit: /v5/system/status gives the expected end; the retry waits for it', async () => {
    const { sim, store, engine } = await setup('bybit');
    const endsAt = Date.now() + 30 * 60_000;
    sim.setMaintenance({ endsAt });
    const { jobId } = await engine.request({ accountId: 'acc-1', mode: 'full' });
    const job = await settled(store, jobId, ['RETRY_SCHEDULED', 'FAILED']);
    expect(job.status).toBe('RETRY_SCHEDULED');
    expect(job.error?.code).toBe('EXCHANGE_MAINTENANCE');
    expect(job.error?.message).toBe(`Bybit is under maintenance until about ${new Date(endsAt).toISOString().slice(11, 16)} UTC (its system status says so).`);
    expect(job.nextRunAt ?? 0).toBeGreaterThanOrEqual(endsAt - 1000);
  });

  it('an outage that is not maintenance stays what it was', async () => {
    const { sim, store, engine } = await setup('binance');
    sim.faults.inject({ kind: 'http', status: 502 }, { match: { exchange: 'binance', path: '/api/v3/account' }, times: Infinity });
    const { jobId } = await engine.request({ accountId: 'acc-1', mode: 'balances' });
    const job = await settled(store, jobId, ['RETRY_SCHEDULED', 'FAILED']);
    expect(job.error?.code).toBe('EXCHANGE_TRANSIENT');
  });

  it('a full sync records every kind in scope complete and never asks the status when nothing failed', async () => {
    const { sim, store, engine } = await setup('binance');
    const { jobId } = await engine.request({ accountId: 'acc-1', mode: 'full' });
    expect((await settled(store, jobId, ['SUCCEEDED', 'FAILED'])).status).toBe('SUCCEEDED');
    const account = await store.getAccount('acc-1');
    expect(completeness({ marketTypes: ['spot', 'linear'], kinds: account?.kinds })).toMatchObject({ complete: true, missing: [] });
    expect(sim.requestLog.entries.some((e) => e.path.includes('system/status'))).toBe(false);
  });
});
