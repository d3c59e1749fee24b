import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { DEFAULT_HISTORY } from '../../simulator/history';
import { simSession, type SimSession } from '../../testing/sync/simSession';
import { BINANCE_ENDPOINTS, BINANCE_PAGING } from '../../shared/exchanges';
import { minimalFetch } from '../../bench/minimal-fetch';

/**
 * Binance convert history (GET /sapi/v1/convert/tradeFlow) costs 3,000 of the account's UID weight
 * per call and has no cursor (windows of at most 30 days): a re-sync must read only from where the
 * last one ended, less a small overlap, never the stream's history again (docs/HISTORY-KINDS.md).
 */

const DAY = 86_400_000;
const now = Date.now();
const history = { ...DEFAULT_HISTORY, start: now - 75 * DAY, end: now - 60_000 };
const settings: Settings = { ...DEFAULT_SETTINGS, sync: { ...DEFAULT_SETTINGS.sync, manualCooldownSeconds: 0 } };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c().catch(() => undefined);
});

async function session(h: typeof history = history, dbName = 'converts-resync'): Promise<SimSession> {
  const s = await simSession({ sim: { history: h, binanceLimits: { limits: { api: 1e6, fapi: 1e6, sapi: 1e6 } } }, settings, dbName });
  cleanups.push(() => s.close());
  return s;
}

describe('convert history on re-syncs', () => {
  it('a full re-sync asks one window, from the stored cursor less the overlap', async () => {
    const s = await session();
    expect((await s.sync('full')).status).toBe('SUCCEEDED');
    const first = s.sim.requestLog.entries.filter((e) => e.path === '/sapi/v1/convert/tradeFlow');
    // 76 days of history in windows of at most 30 days.
    expect(first.length).toBe(3);
    const checkpoint = (await s.store.getCheckpoints('acc-1', 'converts'))[0];
    expect(checkpoint?.cursor.kind).toBe('window');
    const storedFrom = checkpoint?.cursor.kind === 'window' ? checkpoint.cursor.windowStart : 0;

    s.sim.requestLog.clear();
    expect((await s.sync('full')).status).toBe('SUCCEEDED');
    const again = s.sim.requestLog.entries.filter((e) => e.path === '/sapi/v1/convert/tradeFlow');
    expect(again).toHaveLength(1);
    const startTime = Number(again[0]?.params['startTime']);
    // From the stored cursor less the overlap (settings.sync.overlapMinutes), not from history's start.
    expect(startTime).toBe(storedFrom - settings.sync.overlapMinutes * 60_000);
    expect(Number(again[0]?.params['endTime']) - startTime).toBeLessThan(DAY);
  }, 60_000);

  it('a first sync of a two-year account reads the last year in 30-day windows, as the minimal-fetch bound counts', async () => {
    const twoYears = { ...DEFAULT_HISTORY, start: now - 730 * DAY, end: now - 60_000 };
    const s = await session(twoYears, 'converts-two-years');
    expect((await s.sync('full')).status).toBe('SUCCEEDED');
    const calls = s.sim.requestLog.entries.filter((e) => e.path === '/sapi/v1/convert/tradeFlow');
    const oldest = Math.min(...calls.map((c) => Number(c.params['startTime'])));
    // From one year back (BINANCE_PAGING.convert.historyMs), not from the account's start.
    expect(oldest).toBeGreaterThanOrEqual(now - BINANCE_PAGING.convert.historyMs);
    expect(oldest).toBeLessThan(now - BINANCE_PAGING.convert.historyMs + DAY);
    for (const c of calls) expect(Number(c.params['endTime']) - Number(c.params['startTime'])).toBeLessThanOrEqual(BINANCE_PAGING.convert.maxWindowMs);
    // bench/minimal-fetch.ts counts the same requests and per-UID weight: 13 x 3,000.
    const bound = minimalFetch(s.sim.groundTruth(), twoYears.end - twoYears.start).byBucket['sapiUid'];
    expect(calls).toHaveLength(13);
    expect(bound).toMatchObject({ requests: calls.length, weight: calls.length * BINANCE_ENDPOINTS['/sapi/v1/convert/tradeFlow'].weight });
  }, 120_000);
});
