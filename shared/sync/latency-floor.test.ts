import { describe, expect, it } from 'vitest';
import { latencyFloorMs, RecentRequestTime } from './latency-floor';

describe('latencyFloorMs', () => {
  it('is the round trips the queued pages need at the concurrency', () => {
    // 180 empty pages, 4 in flight, 43 ms each: 45 rounds.
    expect(latencyFloorMs(180, 4, 43)).toBe(45 * 43);
    // A partial last round is a whole round trip.
    expect(latencyFloorMs(181, 4, 43)).toBe(46 * 43);
    expect(latencyFloorMs(3, 0, 40)).toBe(120);
  });

  it('adds nothing before a request was timed or with nothing queued', () => {
    expect(latencyFloorMs(100, 4, null)).toBe(0);
    expect(latencyFloorMs(0, 4, 40)).toBe(0);
  });
});

describe('RecentRequestTime', () => {
  it('is the median of the recent requests: one slow page does not move it', () => {
    const t = new RecentRequestTime(5);
    expect(t.median()).toBeNull();
    for (const ms of [41, 42, 400, 43, 44]) t.add(ms);
    expect(t.median()).toBe(43);
  });

  it('forgets the oldest once full, and ignores what is not a duration', () => {
    const t = new RecentRequestTime(4);
    for (const ms of [10, 10, 10, 10, 50, 50, 50]) t.add(ms);
    // Kept: 10, 50, 50, 50.
    expect(t.median()).toBe(50);
    t.add(Number.NaN);
    t.add(-1);
    expect(t.median()).toBe(50);
    const even = new RecentRequestTime(4);
    for (const ms of [10, 20]) even.add(ms);
    expect(even.median()).toBe(15);
  });
});
