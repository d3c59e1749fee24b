import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { simSession } from '../../testing/sync/simSession';

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
    const session = await simSession({ sim: { history, binanceLimits: { limits: { api: 1e6, fapi: 1e6, sapi: 1e6 } }, latencyMs: 5 }, settings, dbName: 'recovery-1', timeoutMs: 3000 });
    cleanups.push(() => session.close());
    const { sim } = session;
    // The outage starts after the sync began (markets and the first pages went through).
    sim.faults.inject({ kind: 'http', status: 503 }, { match: { exchange: 'binance' }, after: 6, times: Infinity });
    const jobId = await session.request();
    const until = Date.now() + 30_000;
    while (sim.requestLog.entries.filter((e) => e.status === 503).length < 5) {
      if (Date.now() > until) throw new Error('the outage never began');
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 600));
    sim.faults.clear();
    const answeredAt = Date.now();
    const job = await session.finished(jobId, until - Date.now());
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
    expect(await session.stored()).toEqual(session.truth());
  }, 40_000);
});
