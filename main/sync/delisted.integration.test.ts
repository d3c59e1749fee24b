import { afterEach, describe, expect, it } from 'vitest';
import type { SymbolScope } from '../../shared/domain/types';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { startSimulator } from '../../simulator';
import { binanceTodayHistory } from '../../simulator/scenarios';
import { simSession, type SimSession } from '../../testing/sync/simSession';

/**
 * Delisted markets hold history: Binance keeps them in exchangeInfo with status BREAK and still
 * serves their trades. Real ccxt against the simulator's Binance-shaped scenario, real Dexie.
 */

const now = Date.now();
// Spot only and nothing sold to zero: scope `held` finds only bases still held.
const history = binanceTodayHistory({ end: now - 60_000, listedSpot: 160, trades: 900, listedLinear: 0, tradedLinear: 0, soldOut: 0 });
const settings: Settings = {
  ...DEFAULT_SETTINGS,
  sync: { ...DEFAULT_SETTINGS.sync, maxInFlightRequests: 4, manualCooldownSeconds: 0 },
  retry: { ...DEFAULT_SETTINGS.retry, pageBaseMs: 10, pageCapMs: 200, jobBaseMs: 1000, jobCapMs: 2000 },
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c().catch(() => undefined);
});

let dbSeq = 0;

async function session(scope: SymbolScope, simHistory = history): Promise<SimSession> {
  const s = await simSession({
    sim: { history: simHistory, binanceLimits: { limits: { api: 1e6, fapi: 1e6, sapi: 1e6 } } },
    settings, dbName: `delisted-${++dbSeq}`, account: { marketTypes: ['spot'], symbolScope: scope },
  });
  cleanups.push(() => s.close());
  return s;
}

describe('delisted symbols (Binance status BREAK) are found', () => {
  it('the scenario lists delisted markets with history before their delisting', async () => {
    const sim = await startSimulator({ history });
    cleanups.push(() => sim.close());
    const truth = sim.groundTruth();
    const delisted = truth.markets.filter((m) => m.delistedAt !== undefined);
    expect(delisted.length).toBe(20);
    const onDelisted = truth.trades.filter((t) => delisted.some((m) => m.id === t.symbol));
    expect(new Set(onDelisted.map((t) => t.symbol)).size).toBe(3);
    for (const t of onDelisted) expect(t.time).toBeLessThan(delisted[0]?.delistedAt ?? 0);

    // Spot API "Exchange information": every symbol by default, `symbolStatus` filters by status.
    const all = await (await fetch(`${sim.baseUrl}/api/v3/exchangeInfo`)).json() as { symbols: { symbol: string; status: string }[] };
    expect(all.symbols.filter((s) => s.status === 'BREAK').map((s) => s.symbol).sort()).toEqual(delisted.map((m) => m.id).sort());
    const trading = await (await fetch(`${sim.baseUrl}/api/v3/exchangeInfo?symbolStatus=TRADING`)).json() as { symbols: { status: string }[] };
    expect(trading.symbols.length).toBe(all.symbols.length - delisted.length);
    expect(trading.symbols.every((s) => s.status === 'TRADING')).toBe(true);
    const both = await fetch(`${sim.baseUrl}/api/v3/exchangeInfo?symbolStatus=BREAK&symbol=BTCBUSD`);
    expect(both.status).toBe(400);
  });

  it.each(['all', 'held'] as const)('scope %s: a full sync imports the fills on delisted pairs, equal to the ground truth', async (scope) => {
    const s = await session(scope);
    const job = await s.sync();
    expect(job.error).toBeNull();
    expect(job.status).toBe('SUCCEEDED');
    const stored = await s.stored();
    expect(stored.filter((k) => k.includes('BUSD')).length).toBeGreaterThan(0);
    expect(stored).toEqual(s.truth());
  }, 90_000);
});

describe('re-syncs cost what changed', () => {
  it('scope all: a re-sync with nothing new asks almost no symbol; new fills on 3 symbols are all found, once', async () => {
    const s = await session('all');
    expect((await s.sync()).status).toBe('SUCCEEDED');
    const listed = s.sim.groundTruth().markets.length;
    expect(s.sim.requestLog.count('/api/v3/myTrades')).toBeGreaterThanOrEqual(listed);
    const account = await s.store.getAccount('acc-1');
    expect(account?.tradeSync?.spot?.at).toBeGreaterThan(0);

    s.sim.requestLog.clear();
    expect((await s.sync()).status).toBe('SUCCEEDED');
    // A minute of a 24 h rotation over ~180 candidates: one or two re-verified, nothing else.
    expect(s.sim.requestLog.count('/api/v3/myTrades')).toBeLessThanOrEqual(2);
    expect(await s.stored()).toEqual(s.truth());

    const traded = s.sim.groundTruth().markets.filter((m) => m.delistedAt === undefined && s.sim.groundTruth().trades.some((t) => t.symbol === m.id)).slice(0, 3);
    for (const m of traded) s.sim.addTrades({ marketType: 'spot', symbol: m.id, count: 4 });
    s.sim.requestLog.clear();
    expect((await s.sync()).status).toBe('SUCCEEDED');
    expect(await s.stored()).toEqual(s.truth());
    const asked = new Set(s.sim.requestLog.entries.filter((e) => e.path.includes('myTrades')).map((e) => e.params['symbol']));
    expect(traded.length).toBe(3);
    for (const m of traded) expect(asked.has(m.id)).toBe(true);
    expect(asked.size).toBeLessThan(listed / 4);
  }, 120_000);
});

describe('which symbols go first (docs/SYNC-STATUS.md)', () => {
  it('a first sync in scope all asks every symbol whose base the account holds before the symbols without evidence, and ends exact', async () => {
    const s = await session('all');
    expect((await s.sync()).status).toBe('SUCCEEDED');
    expect(await s.stored()).toEqual(s.truth());
    const truth = s.sim.groundTruth();
    const balances = s.sim.state.wallets().binanceSpot;
    const held = new Set(truth.markets.filter((m) => m.marketType === 'spot' && (balances.get(m.base) ?? 0) > 0).map((m) => m.id));
    // First pages, in the order the simulator received them (up to 4 are in flight at once).
    const firsts = s.sim.requestLog.entries.filter((e) => e.path === '/api/v3/myTrades' && e.params['fromId'] === '0').map((e) => e.params['symbol'] ?? '');
    expect(held.size).toBeGreaterThan(5);
    expect(firsts.length).toBe(truth.markets.filter((m) => m.marketType === 'spot').length);
    const lastHeld = Math.max(...firsts.map((id, i) => (held.has(id) ? i : -1)));
    const firstOther = firsts.findIndex((id) => !held.has(id));
    // Every held one among the first held.size + 3 (the requests in flight may arrive out of order).
    expect(lastHeld).toBeLessThan(held.size + settings.sync.maxInFlightRequests - 1);
    expect(firstOther).toBeGreaterThanOrEqual(held.size - (settings.sync.maxInFlightRequests - 1));
  }, 90_000);
});
