import { describe, expect, it } from 'vitest';
import { futuresLaneEtaMs } from './futures-eta';
import { combineLanes, newLane, updateLane } from './progress-lanes';

describe('progress of lanes that run side by side', () => {
  it('adds the batches up and takes the slowest lane\'s ETA, shrunk by the time since it was reported', () => {
    let spot = updateLane(newLane(0), { phase: 'trades', batchIndex: 10, batchCount: 50, etaMs: 8_000, currentSymbols: ['A/USDT'] }, 1_000);
    let linear = updateLane(newLane(0), { phase: 'trades', batchIndex: 2, batchCount: 8, etaMs: 12_000, currentSymbols: ['B/USDT:USDT'] }, 2_000);
    expect(combineLanes([spot, linear], 4_000)).toEqual({ phase: 'trades', currentSymbols: ['A/USDT', 'B/USDT:USDT'], batchIndex: 12, batchCount: 58, etaMs: 10_000 });
    // The USD-M lane finishes: only spot's estimate is left.
    linear = { ...linear, done: true };
    spot = updateLane(spot, { batchIndex: 40, etaMs: 3_000 }, 9_000);
    expect(combineLanes([spot, linear], 10_000)).toMatchObject({ etaMs: 2_000, batchIndex: 42, batchCount: 58, currentSymbols: ['A/USDT'] });
  });

  it('a lane without an estimate yet (trades before its first commit, or streams) is left out, not blanking the ETA', () => {
    const spot = updateLane(newLane(0), { phase: 'trades', batchIndex: 3, batchCount: 50, etaMs: 8_000 }, 1_000);
    const linear = updateLane(newLane(0), { phase: 'trades', batchCount: 8 }, 1_000);
    expect(combineLanes([spot, linear], 1_500)).toMatchObject({ phase: 'trades', etaMs: 7_500 });
    expect(combineLanes([spot, { ...linear, done: true }], 1_500)).toMatchObject({ etaMs: 7_500 });
    const wallet = updateLane(newLane(0), { phase: 'wallet' }, 1_000);
    expect(combineLanes([spot, wallet], 1_500)).toMatchObject({ etaMs: 7_500 });
    expect(combineLanes([wallet], 1_500)).toMatchObject({ phase: 'wallet', etaMs: null });
  });

  it('an estimate never goes below zero, and a lane update keeps the fields it did not report', () => {
    const lane = updateLane(newLane(0), { phase: 'trades', batchCount: 5, etaMs: 1_000 }, 0);
    const later = updateLane(lane, { currentSymbols: ['X'] }, 5_000);
    expect(later).toMatchObject({ phase: 'trades', batchCount: 5, etaMs: 1_000, reportedAt: 0, currentSymbols: ['X'] });
    expect(combineLanes([later], 5_000).etaMs).toBe(0);
  });

  it('while the spot lane ends, the line keeps the USD-M lane\'s figure from its income stage, fills included', () => {
    // Spot estimates 1 s left; USD-M is still in income: 3 windows at 200 ms + 12,000 named fills at 0.25 ms.
    const futuresEta = futuresLaneEtaMs({ incomeElapsedMs: 2_000, incomePagesDone: 10, incomeWindowsLeft: 3, fillsLeft: 12_000, jobMsPerRow: 0.25 });
    expect(futuresEta).toBe(3_600);
    const spot = updateLane(newLane(0), { phase: 'trades', etaMs: 1_000 }, 2_000);
    const futures = updateLane(newLane(0), { phase: 'income', etaMs: futuresEta }, 2_000);
    expect(combineLanes([spot, futures], 2_000)).toMatchObject({ etaMs: 3_600 });
    // Spot done: the line follows the USD-M lane down, it does not drop to spot's last figure.
    expect(combineLanes([{ ...spot, done: true }, futures], 3_000)).toMatchObject({ etaMs: 2_600 });
  });
});
