import { afterEach, describe, expect, it } from 'vitest';
import { checkpointKey } from '../../shared/domain/keys';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { DEFAULT_HISTORY } from '../../simulator/history';
import { simSession, type SimSession } from '../../testing/sync/simSession';

/**
 * USD-M income read as its 7-day windows side by side (main/sync/income-windows.ts,
 * docs/SYNC-STATUS.md "Income windows side by side"). Real ccxt against the simulator, real Dexie
 * on fake-indexeddb.
 */

const DAY = 86_400_000;
const now = Date.now();
// 40 days of history: six 7-day income windows, several pages in the busy ones (pageSize 100).
const history = { ...DEFAULT_HISTORY, start: now - 40 * DAY, end: now - 60_000, listedSpot: 4, tradedSpot: 1, listedLinear: 6, tradedLinear: 3, trades: 1500 };
const settings: Settings = {
  ...DEFAULT_SETTINGS,
  sync: { ...DEFAULT_SETTINGS.sync, manualCooldownSeconds: 0, pageSize: 100 },
  retry: { ...DEFAULT_SETTINGS.retry, pageBaseMs: 10, pageCapMs: 200, jobBaseMs: 1000, jobCapMs: 2000 },
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c().catch(() => undefined);
});

let dbSeq = 0;
async function session(jobAttempts = settings.retry.jobAttempts): Promise<SimSession> {
  const s = await simSession({ sim: { history, latencyMs: 10, binanceLimits: { limits: { api: 1e6, fapi: 1e6, sapi: 1e6 } } }, settings: { ...settings, retry: { ...settings.retry, jobAttempts }, breaker: { ...settings.breaker, failureThreshold: 100 } }, dbName: `income-windows-${++dbSeq}` });
  cleanups.push(() => s.close());
  return s;
}

/** The simulator's income as (type, id) pairs, and the stored rows the same way: equal lists = every row once. */
async function incomeMatches(s: SimSession): Promise<{ stored: string[]; truth: string[] }> {
  const truth = s.sim.groundTruth().income.map((i) => `${i.incomeType}|${i.tranId}`).sort();
  const stored = (await s.store.db.income.toArray()).map((i) => `${i.rawType}|${i.incomeId}`).sort();
  return { stored, truth };
}

function incomeRequests(s: SimSession): { startTime: number; endTime: number }[] {
  return s.sim.requestLog.entries.filter((e) => e.path === '/fapi/v1/income' && e.status === 200)
    .map((e) => ({ startTime: Number(e.params['startTime']), endTime: Number(e.params['endTime']) }));
}

describe('USD-M income windows side by side', () => {
  it('several windows are on the wire at once, none reads past its own end, and every income row is stored once', async () => {
    const s = await session();
    const job = await s.sync('full');
    expect(job.status).toBe('SUCCEEDED');
    const { stored, truth } = await incomeMatches(s);
    expect(truth.length).toBeGreaterThan(300);
    expect(stored).toEqual(truth);
    const requests = incomeRequests(s);
    // The first requests went out before any window had its second page: one per window, side by side.
    const firstStarts = new Set(requests.slice(0, settings.sync.maxInFlightRequests).map((r) => r.startTime));
    expect(firstStarts.size).toBe(settings.sync.maxInFlightRequests);
    // Each request stays inside its own 7-day window (chained from the first one's start): no row is read twice.
    const first = Math.min(...requests.map((r) => r.startTime));
    const windowOf = (t: number): number => Math.floor((t - first) / (7 * DAY));
    for (const r of requests) expect(windowOf(r.endTime)).toBe(windowOf(r.startTime));
    const log = await s.store.getSyncLog(`${job.id}#1`);
    expect(log?.stats.duplicates).toBe(0);
    // All read: the checkpoint sits at the stream's end, as a one-page-after-another read leaves it.
    const checkpoint = (await s.store.getCheckpoints('acc-1', 'income')).find((c) => c.key === checkpointKey('acc-1', 'income', 'linear', ''));
    expect(checkpoint?.cursor).toMatchObject({ kind: 'window', pageCursor: null });
    expect(checkpoint?.rowCount).toBe(truth.length);
  }, 60_000);

  it('a window that fails ends the attempt with the checkpoint inside the read prefix; the next sync completes exactly', async () => {
    // One attempt: the failed state is what a resume starts from. (No breaker: the next sync must find the bucket open.)
    const s = await session(1);
    // A lasting 400 on the 5th income request on: a later window fails while earlier ones are being read.
    s.sim.faults.inject({ kind: 'http', status: 400 }, { match: { path: '/fapi/v1/income' }, after: 4, times: 1000 });
    const failed = await s.sync('income');
    expect(failed.status).not.toBe('SUCCEEDED');
    const checkpoint = (await s.store.getCheckpoints('acc-1', 'income')).find((c) => c.key === checkpointKey('acc-1', 'income', 'linear', ''));
    // Pages of several windows committed before the failure: the checkpoint moved, but never past a
    // row it did not store (every row before its cursor is stored; later windows' rows may be too).
    expect(checkpoint?.cursor.kind).toBe('window');
    const cursorAt = checkpoint?.cursor.kind === 'window' ? checkpoint.cursor.windowStart : 0;
    expect(cursorAt).toBeGreaterThan(Math.min(...incomeRequests(s).map((r) => r.startTime)));
    const partial = await s.store.db.income.toArray();
    expect(partial.filter((i) => i.timestamp < cursorAt).length).toBe(s.sim.groundTruth().income.filter((i) => i.time < cursorAt).length);
    expect(partial.length).toBeLessThan(s.sim.groundTruth().income.length);
    s.sim.faults.clear();
    const again = await s.sync('income');
    expect(again.error?.message ?? again.status).toBe('SUCCEEDED');
    const { stored, truth } = await incomeMatches(s);
    expect(stored).toEqual(truth);
  }, 60_000);
});
