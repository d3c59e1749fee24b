import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../../shared/settings';
import { BucketLimiter } from './limiter';
import { FakeClock, settle, settleUntil } from '../../testing/sync/fakeClock';

const MINUTE = 60_000;
// A few seconds into a calendar minute, as real runs start.
const START = Date.UTC(2026, 10, 22, 14, 0, 5);

function withShare(share: number): Settings {
  return { ...DEFAULT_SETTINGS, sync: { ...DEFAULT_SETTINGS.sync, maxInFlightRequests: 16 }, limiter: { budgetFraction: share } };
}

/** A deterministic stream of request weights like a sync's mix (1, 5, 20, 30). */
function weights(n: number, seed: number): number[] {
  const mix = [1, 5, 20, 30, 5, 20];
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return mix[x % mix.length] ?? 1;
  });
}

describe('the IP budget share (limiter.budgetFraction)', () => {
  it('leaves headroom for the trader\'s own bots by default', () => {
    expect(DEFAULT_SETTINGS.limiter.budgetFraction).toBe(0.8);
    expect(SettingsSchema.safeParse({ ...DEFAULT_SETTINGS, limiter: { budgetFraction: 1.5 } }).success).toBe(false);
    expect(SettingsSchema.safeParse({ ...DEFAULT_SETTINGS, limiter: { budgetFraction: 0.05 } }).success).toBe(false);
  });

  for (const share of [0.1, 0.5, 0.8, 1]) {
    it(`never spends more than ${share} x the limit in any calendar minute, over several minutes`, async () => {
      const clock = new FakeClock(START);
      const settings = withShare(share);
      const limiter = new BucketLimiter({ bucket: 'binance:fapi', limit: 2400, windowMs: MINUTE, kind: 'fixed' }, clock, () => settings);
      const spentPerMinute = new Map<number, number>();
      const ws = weights(Math.ceil((2400 * share * 3.5) / 13), 7 + share * 10);
      let sent = 0;
      const all = ws.map((w) => limiter.run(w, () => {
        const minute = Math.floor(clock.now() / MINUTE);
        spentPerMinute.set(minute, (spentPerMinute.get(minute) ?? 0) + w);
        sent++;
        return Promise.resolve();
      }, () => undefined));
      // Drive time a minute at a time (the held requests' timers fire at each boundary) until every request went.
      for (let i = 0; i < 10 && sent < ws.length; i++) {
        await settleUntil(() => sent === ws.length, 300);
        await clock.advance(MINUTE);
      }
      await settle();
      await Promise.all(all);
      expect(sent).toBe(ws.length);
      const budget = Math.floor(2400 * share);
      expect(spentPerMinute.size).toBeGreaterThanOrEqual(3);
      for (const spent of spentPerMinute.values()) expect(spent).toBeLessThanOrEqual(budget);
      await limiter.close();
    });
  }

  it('counts what other apps spent (used-weight header) against the same share', async () => {
    const clock = new FakeClock(START);
    const settings = withShare(0.8);
    const limiter = new BucketLimiter({ bucket: 'binance:api', limit: 6000, windowMs: MINUTE, kind: 'fixed' }, clock, () => settings);
    // The trader's bot already spent 4,000 of this minute's 6,000.
    limiter.observe({ status: 200, usedWeight: 4000 });
    let sent = 0;
    const all = Array.from({ length: 50 }, () => limiter.run(20, () => {
      sent++;
      return Promise.resolve();
    }, () => undefined));
    await settleUntil(() => sent >= 40);
    await settle(20);
    // 6000 x 0.8 = 4800: room for 800 more = 40 requests of 20 this minute.
    expect(sent).toBe(40);
    await clock.advance(MINUTE);
    await Promise.all(all);
    expect(sent).toBe(50);
    await limiter.close();
  });

  it('says how long the weight still to send must wait for its windows, and for a pause (the ETA floor)', async () => {
    const clock = new FakeClock(START);
    const settings = withShare(0.8);
    const limiter = new BucketLimiter({ bucket: 'binance:api', limit: 6000, windowMs: MINUTE, kind: 'fixed' }, clock, () => settings);
    const offset = START % MINUTE;
    expect(limiter.waitToSendMs(4800)).toBe(0);
    // Two windows' share more than fits now: the second one after this opens.
    expect(limiter.waitToSendMs(4800 * 2 + 20)).toBe(MINUTE - offset + MINUTE);
    limiter.pause(5 * MINUTE);
    expect(limiter.waitToSendMs(20)).toBeGreaterThanOrEqual(5 * MINUTE);
    await limiter.close();
  });
});

