import { describe, expect, it } from 'vitest';
import { latencyFloorMs } from './latency-floor';

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

