import { describe, expect, it } from 'vitest';
import { createRng } from '../simulator/random';
import { firstIndexAtLeast } from './sorted';

describe('firstIndexAtLeast', () => {
  it('finds the first item at or after the value, past the end when there is none', () => {
    const times = [10, 20, 20, 30];
    const at = (t: number): number => firstIndexAtLeast(times, t, (x) => x);
    expect([at(0), at(10), at(11), at(20), at(21), at(30), at(31)]).toEqual([0, 0, 1, 1, 3, 3, 4]);
    expect(firstIndexAtLeast([], 5, (x: number) => x)).toBe(0);
  });

  it('equals a scan on seeded sorted lists, by a key of the items', () => {
    const rng = createRng(7);
    for (let run = 0; run < 200; run++) {
      const rows = Array.from({ length: rng.int(0, 40) }, () => ({ time: rng.int(0, 50) })).sort((a, b) => a.time - b.time);
      const value = rng.int(-5, 55);
      const scan = rows.findIndex((r) => r.time >= value);
      expect(firstIndexAtLeast(rows, value, (r) => r.time)).toBe(scan < 0 ? rows.length : scan);
    }
  });
});
