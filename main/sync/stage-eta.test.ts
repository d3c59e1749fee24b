import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { FakeClock } from '../../testing/sync/fakeClock';
import type { AttemptContext } from './context';
import { BucketLimiter } from './limiter';
import { TradesStageEta } from './stage-eta';

/**
 * The trades stage's rate-limit floor: right after a fixed window's burst the pace says a lane is
 * fast, but the pages it still has to ask cannot go before the windows their weight needs.
 */

const MINUTE = 60_000;
const START = Date.UTC(2026, 10, 22, 14, 0, 0);
const settings: Settings = { ...DEFAULT_SETTINGS, limiter: { ...DEFAULT_SETTINGS.limiter, budgetFraction: 0.8 } };

function stageOn(clock: FakeClock, limiter: BucketLimiter, symbols: number, evidenced = false) {
  const ctx = {
    clock, settings, spotBalances: {}, loadedMarkets: [],
    adapter: { tradesPageCost: () => ({ bucket: 'binance:api', weight: 20 }) },
    waitToSendMs: (_bucket: string, weight: number) => limiter.waitToSendMs(weight),
  } as unknown as AttemptContext;
  const states = Array.from({ length: symbols }, (_, i) => ({ key: `s${i}`, ref: { marketType: 'spot' as const, symbol: `S${i}/USDT` }, pages: 0, rowCount: 0 }));
  return { eta: new TradesStageEta(ctx, states, () => evidenced), states };
}

/** Spends a window's whole budget on `n` empty pages of the first symbols, each finishing its symbol. */
async function burst(clock: FakeClock, limiter: BucketLimiter, stage: ReturnType<typeof stageOn>, from: number, n: number): Promise<number | null> {
  let eta: number | null = null;
  for (let i = from; i < from + n; i++) {
    await limiter.run(20, () => Promise.resolve(), () => undefined);
    await clock.advance(5);
    const s = stage.states[i];
    if (s === undefined) throw new Error('no such symbol');
    s.pages = 1;
    stage.eta.finished(s);
    eta = stage.eta.committed(stage.states, stage.states.length - i - 1);
  }
  return eta;
}

describe('TradesStageEta rate floor', () => {
  it('after a burst of the whole window, the figure covers the windows the queued pages still need', async () => {
    const clock = new FakeClock(START);
    const limiter = new BucketLimiter({ bucket: 'binance:api', limit: 6000, windowMs: MINUTE, kind: 'fixed' }, clock, () => settings);
    // 1,000 symbols x 20 weight = 20,000: 4,800 (the 80 % share) a minute, so five windows in all.
    const stage = stageOn(clock, limiter, 1000);
    const eta = await burst(clock, limiter, stage, 0, 240);
    // 760 pages queued = 15,200 weight: three more full windows and a part of a fourth, which opens
    // three minutes after this one ends. The next page's own wait (to this window's end) is left to
    // the runner, which adds it while a request waits (runner.ts mergeProgress).
    expect(eta).toBe(3 * MINUTE);
    // The pace alone (240 pages in 1.2 s) would have promised about 4 s for the rest.
    await limiter.close();
  });

  it('adds nothing while the queued pages fit what is left of the window', async () => {
    const clock = new FakeClock(START);
    const limiter = new BucketLimiter({ bucket: 'binance:api', limit: 6000, windowMs: MINUTE, kind: 'fixed' }, clock, () => settings);
    const stage = stageOn(clock, limiter, 100);
    const eta = await burst(clock, limiter, stage, 0, 50);
    expect(eta).not.toBeNull();
    expect(eta).toBeLessThan(1_000);
    await limiter.close();
  });
});

describe('TradesStageEta latency floor', () => {
  it('the queued pages need their round trips at the concurrency, however cheap the pages so far looked', async () => {
    const clock = new FakeClock(START);
    const limiter = new BucketLimiter({ bucket: 'binance:api', limit: 6000, windowMs: MINUTE, kind: 'fixed' }, clock, () => settings);
    // Symbols with evidence (priced by the commit-round fit, not at the wire).
    const stage = stageOn(clock, limiter, 200, true);
    // Before an empty page was timed there is no floor, and with nothing finished no figure at all
    // (the symbols so far are the ones with evidence; their pace says nothing of the rest).
    expect(stage.eta.committed(stage.states, 200)).toBeNull();
    // A 1,000-row page took 120 ms, empty ones 40 ms (the wire). With several in flight their
    // commits come 2 ms apart, so the pages alone look like 2 ms each.
    stage.eta.pageFetched(120);
    let eta: number | null = null;
    for (let i = 0; i < 20; i++) {
      stage.eta.pageFetched(40);
      await clock.advance(2);
      const s = stage.states[i];
      if (s === undefined) throw new Error('no such symbol');
      s.pages = 1;
      stage.eta.finished(s);
      eta = stage.eta.committed(stage.states, 200 - i - 1);
    }
    // 180 queued pages at 4 in flight (the settings' maxInFlightRequests) and 40 ms: 45 round trips.
    expect(settings.sync.maxInFlightRequests).toBe(4);
    expect(eta).toBe(45 * 40);
    await limiter.close();
  });
});
