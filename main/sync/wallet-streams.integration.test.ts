import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { DEFAULT_HISTORY } from '../../simulator/history';
import { simSession, type SimSession } from '../../testing/sync/simSession';

/**
 * The wallet streams (deposits, withdrawals, converts, dust, rewards, transfers) page side by side
 * on Binance's wallet bucket (main/sync/streams.ts `syncMovementsAndWallet`, docs/SYNC-STATUS.md
 * "Stages run side by side"). Real ccxt against the simulator, real Dexie on fake-indexeddb.
 */

const DAY = 86_400_000;
const now = Date.now();
const history = { ...DEFAULT_HISTORY, start: now - 30 * DAY, end: now - 60_000, listedSpot: 6, tradedSpot: 2, listedLinear: 2, tradedLinear: 1, trades: 400 };
const settings: Settings = {
  ...DEFAULT_SETTINGS,
  sync: { ...DEFAULT_SETTINGS.sync, manualCooldownSeconds: 0 },
  retry: { ...DEFAULT_SETTINGS.retry, pageBaseMs: 10, pageCapMs: 200, jobBaseMs: 1000, jobCapMs: 2000 },
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c().catch(() => undefined);
});

async function session(name: string): Promise<SimSession> {
  const s = await simSession({ sim: { history, latencyMs: 10, binanceLimits: { limits: { api: 1e6, fapi: 1e6, sapi: 1e6 } } }, settings, dbName: `wallet-streams-${name}` });
  cleanups.push(() => s.close());
  return s;
}

async function walletRows(s: SimSession): Promise<{ movements: string[]; flows: string[] }> {
  return {
    movements: (await s.store.db.movements.toArray()).map((m) => m.key).sort(),
    flows: (await s.store.db.assetFlows.toArray()).map((f) => f.key).sort(),
  };
}

describe('wallet streams side by side', () => {
  it('several wallet streams are on the wire at once, and a second sync stores nothing new', async () => {
    const s = await session('a');
    // The first deposits page answers slowly: streams one after another would all wait for it.
    s.sim.faults.inject({ kind: 'latency', ms: 1500 }, { match: { path: '/sapi/v1/capital/deposit/hisrec' }, times: 1 });
    const job = await s.sync('movements');
    expect(job.status).toBe('SUCCEEDED');
    const wallet = s.sim.requestLog.entries.filter((e) => e.path.startsWith('/sapi/'));
    const firstDeposit = wallet.findIndex((e) => e.path === '/sapi/v1/capital/deposit/hisrec');
    // Other streams were answered (several pages, of several streams) while the deposits page was on the wire.
    const before = new Set(wallet.slice(0, firstDeposit).map((e) => e.path));
    expect(before.size).toBeGreaterThanOrEqual(settings.sync.maxInFlightRequests - 1);
    const rows = await walletRows(s);
    expect(rows.movements.length).toBeGreaterThan(0);
    expect(rows.flows.length).toBeGreaterThan(0);
    const account = await s.store.getAccount('acc-1');
    expect(Object.keys(account?.kinds ?? {})).toContain('movements');
    // Every stream's checkpoint is there: a re-sync stores nothing more.
    expect((await s.sync('movements')).status).toBe('SUCCEEDED');
    expect(await walletRows(s)).toEqual(rows);
  }, 60_000);

  it('the same rows as one stream after another', async () => {
    const parallel = await session('b');
    expect((await parallel.sync('movements')).status).toBe('SUCCEEDED');
    const serialSettings: Settings = { ...settings, sync: { ...settings.sync, maxInFlightRequests: 1 } };
    const serial = await simSession({ sim: { history, latencyMs: 10, binanceLimits: { limits: { api: 1e6, fapi: 1e6, sapi: 1e6 } } }, settings: serialSettings, dbName: 'wallet-streams-c' });
    cleanups.push(() => serial.close());
    expect((await serial.sync('movements')).status).toBe('SUCCEEDED');
    expect(await walletRows(parallel)).toEqual(await walletRows(serial));
  }, 60_000);
});
