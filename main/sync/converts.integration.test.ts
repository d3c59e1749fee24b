import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { DEFAULT_HISTORY } from '../../simulator/history';
import { simSession, type SimSession } from '../../testing/sync/simSession';

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

async function session(): Promise<SimSession> {
  const s = await simSession({ sim: { history, binanceLimits: { limits: { api: 1e6, fapi: 1e6, sapi: 1e6 } } }, settings, dbName: 'converts-resync' });
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
});
