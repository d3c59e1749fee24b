import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { simSession } from '../../testing/sync/simSession';

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
    const session = await simSession({ sim: { history, binanceLimits: { windowMs: 1000, limits: { api: 300, fapi: 120, sapi: 1e6 } } }, settings, dbName: 'announced-1' });
    cleanups.push(() => session.close());
    const { sim, engine } = session;
    const job = await session.sync();
    expect(job.status).toBe('SUCCEEDED');
    expect(sim.requestLog.entries.filter((e) => e.status === 429 || e.status === 418)).toEqual([]);
    expect(engine.status().limiters.find((l) => l.bucket === 'binance:api')).toMatchObject({ limit: 300, windowMs: 1000 });
    expect(await session.stored()).toEqual(session.truth());
  }, 70_000);
});
