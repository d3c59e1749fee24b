import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import type { RequestCost } from '../exchange/adapter';
import { EngineGate } from './gate';
import { FakeClock, settle, settleUntil } from '../../testing/sync/fakeClock';

const MINUTE = 60_000;
const spot: RequestCost = { bucket: 'binance:api', weight: 20, group: 'binance:spot' };
// Start a few seconds into a calendar minute, as real runs do.
const START = Date.UTC(2026, 10, 22, 14, 0, 5);
/** These cases were written for a 90% share of the exchange's budget; the share itself is tested in limiter.test.ts. */
const BASE: Settings = { ...DEFAULT_SETTINGS, limiter: { budgetFraction: 0.9 } };

function setup(settings: Settings = BASE) {
  const clock = new FakeClock(START);
  const gate = new EngineGate(clock, () => settings);
  gate.register([{ bucket: 'binance:api', limit: 6000, windowMs: MINUTE, kind: 'fixed' }]);
  const sent: number[] = [];
  const send = (): Promise<string> => {
    sent.push(clock.now());
    return Promise.resolve('ok');
  };
  return { clock, gate, sent, send };
}

describe('limiter (fixed window)', () => {
  it('bursts the budget at once (no pacing to the average), then waits for the next minute', async () => {
    const settings: Settings = { ...BASE, sync: { ...BASE.sync, maxInFlightRequests: 16 } };
    const { clock, gate, sent, send } = setup(settings);
    const all = Array.from({ length: 280 }, () => gate.run(spot, send));
    await settleUntil(() => sent.length >= 270);
    await settle(20);
    // 6000 x 0.9 = 5400 weight = 270 requests, all sent without time passing
    expect(sent.length).toBe(270);
    expect(new Set(sent)).toEqual(new Set([START]));
    expect(gate.limiterUsage()[0]).toMatchObject({ bucket: 'binance:api', used: 5400, limit: 6000, pausedUntil: null });
    await clock.advance(54_999);
    expect(sent.length).toBe(270);
    await clock.advance(1);
    await settleUntil(() => sent.length >= 280);
    expect(sent.length).toBe(280);
    expect(sent.slice(270).every((t) => t === START + 55_000)).toBe(true);
    await Promise.all(all);
  });

  it('reads used-weight headers: weight other apps spent shrinks our budget', async () => {
    const { gate, sent, send } = setup();
    await gate.run(spot, send);
    gate.observe('binance:api', { status: 200, usedWeight: 5300 });
    const more = Array.from({ length: 10 }, () => gate.run(spot, send));
    await settle(20);
    expect(sent.length).toBe(1 + 5); // 5300 + 5 x 20 = 5400
    void more;
  });

  it('a 429 with Retry-After pauses the whole bucket: nothing is sent inside it', async () => {
    const { clock, gate, sent } = setup();
    let calls = 0;
    let pausedAt = 0;
    const send = async (): Promise<string> => {
      sent.push(clock.now());
      calls++;
      if (calls === 3) {
        pausedAt = clock.now();
        gate.observe('binance:api', { status: 429, retryAfterMs: 120_000, usedWeight: 6100 });
        throw new AppError('EXCHANGE_RATE_LIMITED', 'Too many requests', { retryAfterMs: 120_000 });
      }
      return 'ok';
    };
    const results = Array.from({ length: 12 }, () => gate.run(spot, send).catch((e: unknown) => e));
    await settle(20);
    expect(gate.limiterUsage()[0]?.pausedUntil).toBeGreaterThanOrEqual(pausedAt + 120_000);
    // walk the clock through the pause one second at a time
    for (let i = 0; i < 13; i++) await clock.advance(10_000);
    await Promise.all(results);
    const inside = sent.filter((t) => t > pausedAt && t < pausedAt + 120_000);
    expect(inside).toEqual([]);
    // requests queued during the pause went out after it (3 went before the 429 answer came back)
    expect(sent.length).toBe(12);
    expect(Math.min(...sent.filter((t) => t > pausedAt))).toBeGreaterThanOrEqual(pausedAt + 120_000);
  });

  it('a rate-limit error without observe() still pauses the bucket (defence in depth)', async () => {
    const { clock, gate } = setup();
    await gate.run(spot, () => Promise.reject(new AppError('EXCHANGE_RATE_LIMITED', '418', { retryAfterMs: 30_000 }))).catch(() => undefined);
    const usage = gate.limiterUsage()[0];
    expect(usage?.pausedUntil).toBeGreaterThanOrEqual(clock.now() + 30_000);
  });

  it('a cancelled job stops waiting for budget', async () => {
    const { gate } = setup();
    gate.observe('binance:api', { status: 429, retryAfterMs: 60_000 });
    const ctl = new AbortController();
    const counters = { requests: 0, weight: 0 };
    const p = gate.forJob(ctl.signal, counters).run(spot, () => Promise.resolve(1));
    await settle();
    ctl.abort(new AppError('CANCELLED', 'cancelled'));
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(counters.requests).toBe(0);
  });
});

describe('gate breaker', () => {
  it('opens after consecutive transient failures and fails fast', async () => {
    const { gate } = setup();
    const fail = (): Promise<never> => Promise.reject(new AppError('EXCHANGE_TRANSIENT', '502'));
    for (let i = 0; i < 5; i++) await gate.run(spot, fail).catch(() => undefined);
    expect(gate.breakerStates()[0]).toMatchObject({ group: 'binance:spot', phase: 'open' });
    let sent = 0;
    await expect(gate.run(spot, () => Promise.resolve(sent++))).rejects.toMatchObject({ code: 'CIRCUIT_OPEN' });
    expect(sent).toBe(0);
    expect(gate.resetBreaker('binance:spot')).toBe(true);
    await gate.run(spot, () => Promise.resolve(sent++));
    expect(sent).toBe(1);
  });

  it('bad-symbol errors do not count against the endpoint', async () => {
    const { gate } = setup();
    for (let i = 0; i < 8; i++) await gate.run(spot, () => Promise.reject(new AppError('EXCHANGE_BAD_SYMBOL', 'x'))).catch(() => undefined);
    expect(gate.breakerStates()[0]?.phase).toBe('closed');
  });
});

describe('waits are reported to the job', () => {
  it('a request held for the next window says until when and why, then that it goes', async () => {
    const settings: Settings = { ...BASE, sync: { ...BASE.sync, maxInFlightRequests: 16 } };
    const { clock, gate, sent, send } = setup(settings);
    const waits: ({ until: number; reason: string } | null)[] = [];
    const job = gate.forJob(new AbortController().signal, { requests: 0, weight: 0 }, (w) => waits.push(w));
    const all = Array.from({ length: 271 }, () => job.run(spot, send));
    await settleUntil(() => sent.length >= 270);
    await settle(20);
    // The 271st request waits for the next calendar minute: 55 s from 14:00:05.
    expect(waits).toEqual([{ until: START + 55_000, reason: 'rate_limit' }]);
    await clock.advance(55_000);
    await Promise.all(all);
    expect(waits.at(-1)).toBeNull();
  });

  it('progress during a wait: reason, end, and an ETA that includes it', async () => {
    const { progressForWait } = await import('./runner');
    const base = { phase: 'trades' as const, currentSymbols: [], batchIndex: 3, batchCount: 4, inserted: 10, duplicates: 0, requests: 5, weightUsed: 50, etaMs: 2_000, updatedAt: 1_000 };
    const waiting = progressForWait(base, { until: 44_000, reason: 'rate_limit' }, 1_000);
    expect(waiting).toEqual({ waitingUntil: 44_000, waitReason: 'rate_limit', etaMs: 45_000 });
    const during = { ...base, ...waiting };
    // The same wait reported again changes nothing; its end clears it and keeps the work left.
    expect(progressForWait(during, { until: 44_000, reason: 'rate_limit' }, 2_000)).toBeNull();
    expect(progressForWait({ ...during, updatedAt: 1_000 }, null, 44_000)).toEqual({ waitingUntil: null, waitReason: null, etaMs: 2_000 });
    expect(progressForWait(base, null, 5_000)).toBeNull();
  });

  it('a work estimate reported during a wait keeps the wait in the ETA', async () => {
    const { mergeProgress } = await import('./runner');
    const base = { phase: 'trades' as const, currentSymbols: [], batchIndex: 3, batchCount: 4, inserted: 10, duplicates: 0, requests: 5, weightUsed: 50, etaMs: 45_000, updatedAt: 1_000, waitingUntil: 44_000, waitReason: 'retry_after' as const };
    // Another symbol's page committed at 2 s with 1.5 s of work left: 42 s of wait are still ahead.
    expect(mergeProgress(base, { etaMs: 1_500, inserted: 20 }, 2_000)).toMatchObject({ etaMs: 43_500, inserted: 20, waitingUntil: 44_000, updatedAt: 2_000 });
    // Once the wait is over, or when the update itself ends the wait, the estimate stands as given.
    expect(mergeProgress(base, { etaMs: 1_500 }, 45_000).etaMs).toBe(1_500);
    expect(mergeProgress(base, { etaMs: 1_500, waitingUntil: null, waitReason: null }, 2_000).etaMs).toBe(1_500);
  });
});

describe('limits the exchange announces, and IP bans', () => {
  it('an exchangeInfo REQUEST_WEIGHT of 1,200/min replaces the default 6,000 before any 429', async () => {
    const settings: Settings = { ...BASE, sync: { ...BASE.sync, maxInFlightRequests: 16 } };
    const { clock, gate, sent, send } = setup(settings);
    gate.observe('binance:api', { status: 200, weightLimit: { limit: 1200, windowMs: MINUTE } });
    // A later adapter registering the defaults does not undo what the exchange said.
    gate.register([{ bucket: 'binance:api', limit: 6000, windowMs: MINUTE, kind: 'fixed' }]);
    const all = Array.from({ length: 60 }, () => gate.run(spot, send));
    await settleUntil(() => sent.length >= 54);
    await settle(20);
    // 1200 x 0.9 = 1080 weight = 54 requests this minute
    expect(sent.length).toBe(54);
    expect(gate.limiterUsage()[0]).toMatchObject({ limit: 1200 });
    await clock.advance(MINUTE);
    await Promise.all(all);
    expect(sent.length).toBe(60);
  });

  it('a 418 on one bucket holds every bucket of that exchange until the ban ends, and no other exchange', async () => {
    const { clock, gate, sent, send } = setup();
    gate.register([
      { bucket: 'binance:fapi', limit: 2400, windowMs: MINUTE, kind: 'fixed' },
      { bucket: 'bybit:execution', limit: 50, windowMs: 1000, kind: 'rolling' },
    ]);
    gate.observe('binance:api', { status: 418, retryAfterMs: 120_000 });
    const futures = gate.run({ bucket: 'binance:fapi', weight: 5, group: 'binance:linear' }, send);
    const bybit = gate.run({ bucket: 'bybit:execution', weight: 1, group: 'bybit:execution' }, send);
    await bybit;
    expect(sent).toEqual([clock.now()]);
    await clock.advance(119_999);
    expect(sent).toHaveLength(1);
    await clock.advance(60_000);
    await futures;
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBeGreaterThanOrEqual(START + 120_000);
  });
});
