import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { DEFAULT_HISTORY } from '../../simulator/history';
import { simSession, type SimSession } from '../../testing/sync/simSession';

/**
 * A full sync runs its buckets side by side (docs/SYNC-STATUS.md, "Stages run side by side"):
 * wallet streams then spot trades beside USD-M income then USD-M trades. Real ccxt against the
 * simulator, real Dexie on fake-indexeddb.
 */

const DAY = 86_400_000;
const LATENCY_MS = 20;
const now = Date.now();
const history = { ...DEFAULT_HISTORY, start: now - 40 * DAY, end: now - 60_000, listedSpot: 120, tradedSpot: 6, listedLinear: 10, tradedLinear: 4, trades: 3000 };
const settings: Settings = {
  ...DEFAULT_SETTINGS,
  sync: { ...DEFAULT_SETTINGS.sync, manualCooldownSeconds: 0 },
  retry: { ...DEFAULT_SETTINGS.retry, pageBaseMs: 10, pageCapMs: 5000, jobBaseMs: 1000, jobCapMs: 2000 },
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c().catch(() => undefined);
});

let dbSeq = 0;
async function session(): Promise<SimSession> {
  // Roomy limits: two syncs back to back must not wait for the next minute's budget.
  const s = await simSession({ sim: { history, latencyMs: LATENCY_MS, binanceLimits: { limits: { api: 1e6, fapi: 1e6, sapi: 1e6 } } }, settings, dbName: `lanes-${++dbSeq}` });
  cleanups.push(() => s.close());
  return s;
}

const bucketOf = (path: string): string => (path.startsWith('/fapi/') ? 'fapi' : path.startsWith('/sapi/') ? 'sapi' : 'api');

describe('stages on different buckets run side by side', () => {
  it('spot trade pages go while USD-M income and trades are read, and the result equals the ground truth', async () => {
    const s = await session();
    const job = await s.sync('full');
    expect(job.status).toBe('SUCCEEDED');
    expect(await s.stored()).toEqual(s.truth());
    const log = s.sim.requestLog.entries;
    const span = (match: (path: string) => boolean): [number, number] => {
      const at = log.filter((e) => match(e.path)).map((e) => e.at);
      return [Math.min(...at), Math.max(...at)];
    };
    const wallet = span((p) => p.startsWith('/sapi/'));
    const linear = span((p) => p === '/fapi/v1/income' || p === '/fapi/v1/userTrades');
    // USD-M did not wait for the wallet streams: one after another, its first request would come
    // after the wallet's last.
    expect(linear[0]).toBeLessThan(wallet[1]);
    // USD-M: the income stream (read in full: history starts within its 3 months) names every
    // traded symbol; the never-traded ones get no trade request at all, only a checkpoint.
    const tradedLinear = new Set(s.sim.groundTruth().trades.filter((t) => t.marketType === 'linear').map((t) => t.symbol));
    const askedLinear = new Set(log.filter((e) => e.path === '/fapi/v1/userTrades' || e.path === '/fapi/v1/aggTrades').map((e) => e.params['symbol']));
    expect([...askedLinear].sort()).toEqual([...tradedLinear].sort());
    expect(tradedLinear.size).toBeLessThan(history.listedLinear);
    const linearCheckpoints = (await s.store.getCheckpoints('acc-1', 'trades')).filter((c) => c.marketType === 'linear');
    expect(linearCheckpoints).toHaveLength(history.listedLinear);
    // A second sync asks the spared symbols from where income was read (one window each at most),
    // never from the start of history.
    s.sim.requestLog.clear();
    expect((await s.sync('trades')).status).toBe('SUCCEEDED');
    const again = s.sim.requestLog.entries.filter((e) => e.path === '/fapi/v1/userTrades');
    expect(again.length).toBeLessThanOrEqual(history.listedLinear);
    // A spared symbol's checkpoint never moves back when it is searched moments later: the search
    // writes now less the settle overlap, and the spared checkpoint was settled back the same way.
    const windowStartOf = (c: { cursor: unknown }): number => (c.cursor as { kind: string; windowStart?: number }).windowStart ?? Number.POSITIVE_INFINITY;
    const before = new Map(linearCheckpoints.map((c) => [c.key, windowStartOf(c)]));
    for (const c of (await s.store.getCheckpoints('acc-1', 'trades')).filter((x) => x.marketType === 'linear' && x.cursor.kind === 'window')) {
      expect(windowStartOf(c), c.symbol).toBeGreaterThanOrEqual(before.get(c.key) ?? 0);
    }
    expect(s.sim.requestLog.count('/fapi/v1/aggTrades')).toBe(0);
    expect(await s.stored()).toEqual(s.truth());
    const account = await s.store.getAccount('acc-1');
    expect(Object.keys(account?.kinds ?? {}).sort()).toEqual(['balances:linear', 'balances:spot', 'income:linear', 'movements', 'trades:linear', 'trades:spot']);
  }, 90_000);

  it('a 418 on USD-M while spot and wallet requests are in flight silences every bucket until the ban ends', async () => {
    const s = await session();
    const banMs = 2000;
    // USD-M income runs while the wallet lane pages its streams.
    s.sim.faults.inject({ kind: 'ban', retryAfterMs: banMs }, { match: { path: '/fapi/v1/income' }, after: 2, times: 1 });
    const job = await s.sync('full');
    expect(job.status).toBe('SUCCEEDED');
    expect(await s.stored()).toEqual(s.truth());
    const log = s.sim.requestLog.entries;
    const first = log.find((e) => e.status === 418);
    expect(first).toBeDefined();
    const banAt = first?.at ?? 0;
    // Requests already on the wire when the 418 was answered reach the server up to one latency
    // later (and are refused too); after that nothing may arrive on any bucket until the ban ends.
    const inFlightSlack = LATENCY_MS + 150;
    const other = log.filter((e) => bucketOf(e.path) !== 'fapi');
    // The other buckets were mid-flight: they sent requests shortly before the ban and after it.
    expect(other.some((e) => e.at < banAt && e.at > banAt - 1000)).toBe(true);
    expect(other.some((e) => e.at >= banAt + banMs)).toBe(true);
    const inside = log.filter((e) => e.at > banAt + inFlightSlack && e.at < banAt + banMs);
    expect(inside).toEqual([]);
    for (const e of log.filter((x) => x.status === 418)) expect(e.at).toBeLessThanOrEqual(banAt + inFlightSlack);
  }, 60_000);

  it('the spot and USD-M balance snapshots are asked side by side, and both are stored', async () => {
    const s = await session();
    // A slow spot account: one after another, the USD-M snapshot would be asked only after it.
    s.sim.faults.inject({ kind: 'latency', ms: 1000 }, { match: { path: '/api/v3/account' }, times: 1 });
    const job = await s.sync('full');
    expect(job.status).toBe('SUCCEEDED');
    const paths = s.sim.requestLog.entries.map((e) => e.path);
    expect(paths.indexOf('/fapi/v3/account')).toBeGreaterThanOrEqual(0);
    expect(paths.indexOf('/fapi/v3/account')).toBeLessThan(paths.indexOf('/api/v3/account'));
    const balances = await s.store.db.balances.toArray();
    expect(new Set(balances.map((b) => b.marketType))).toEqual(new Set(['spot', 'linear']));
    expect(await s.stored()).toEqual(s.truth());
  }, 90_000);
});
