import { describe, expect, it } from 'vitest';
import { budget, newWindowState, observeUsage, sendAllWaitMs, tryReserve, usedWeight, type WindowSpec } from './window';

const binance: WindowSpec = { kind: 'fixed', windowMs: 60_000, limit: 6000, budgetFraction: 0.9 };
const bybit: WindowSpec = { kind: 'rolling', windowMs: 1000, limit: 50, budgetFraction: 1 };
const T0 = 1_700_000_040_000; // a calendar minute boundary

describe('fixed window (Binance minute)', () => {
  it('bursts the whole budget at once, then waits for the next calendar minute', () => {
    const s = newWindowState();
    expect(budget(binance)).toBe(5400);
    for (let i = 0; i < 270; i++) expect(tryReserve(binance, s, T0 + 10, 20).ok).toBe(true);
    expect(usedWeight(binance, s, T0 + 10)).toBe(5400);
    const r = tryReserve(binance, s, T0 + 15_000, 20);
    expect(r).toEqual({ ok: false, waitMs: 45_000 });
    // at the boundary the window is empty again
    expect(tryReserve(binance, s, T0 + 60_000, 20).ok).toBe(true);
    expect(usedWeight(binance, s, T0 + 60_000)).toBe(20);
  });

  it('corrects upwards from X-MBX-USED-WEIGHT-1M, never downwards', () => {
    const s = newWindowState();
    tryReserve(binance, s, T0, 20);
    observeUsage(binance, s, T0 + 5, { usedWeight: 5000 }); // another app spent 4980
    expect(usedWeight(binance, s, T0 + 5)).toBe(5000);
    expect(tryReserve(binance, s, T0 + 6, 400).ok).toBe(true);
    expect(tryReserve(binance, s, T0 + 7, 20).ok).toBe(false);
    observeUsage(binance, s, T0 + 8, { usedWeight: 100 }); // stale or partial header: keep ours
    expect(usedWeight(binance, s, T0 + 8)).toBe(5400);
    // a header from the previous minute does not leak into the next
    expect(usedWeight(binance, s, T0 + 60_001)).toBe(0);
  });

  it('lets a single request heavier than the budget through on an empty window', () => {
    const tiny: WindowSpec = { ...binance, limit: 10 };
    const s = newWindowState();
    expect(tryReserve(tiny, s, T0, 50).ok).toBe(true);
    expect(tryReserve(tiny, s, T0 + 1, 1).ok).toBe(false);
  });
});

describe('rolling window (Bybit per second)', () => {
  it('frees weight as old reservations slide out', () => {
    const s = newWindowState();
    for (let i = 0; i < 50; i++) expect(tryReserve(bybit, s, 1000 + i, 1).ok).toBe(true);
    expect(tryReserve(bybit, s, 1100, 1)).toEqual({ ok: false, waitMs: 900 });
    expect(tryReserve(bybit, s, 2000, 1).ok).toBe(true); // the first spend (at 1000) expired
    expect(tryReserve(bybit, s, 2000, 1).ok).toBe(false);
  });

  it('counts what the exchange reports beyond ours until its reset', () => {
    const s = newWindowState();
    tryReserve(bybit, s, 0, 1);
    observeUsage(bybit, s, 10, { remaining: 5, limit: 50, resetAt: 800 });
    expect(usedWeight(bybit, s, 10)).toBe(45);
    expect(tryReserve(bybit, s, 20, 5).ok).toBe(true);
    const r = tryReserve(bybit, s, 30, 1);
    expect(r.ok).toBe(false);
    expect(usedWeight(bybit, s, 800)).toBe(6);
  });
});

describe('sendAllWaitMs (the ETA floor of a lane with weight still to send)', () => {
  it('is 0 while the weight fits what is left of the window', () => {
    const s = newWindowState();
    tryReserve(binance, s, T0 + 1_000, 400);
    expect(sendAllWaitMs(binance, s, T0 + 2_000, 5_000)).toBe(0);
  });

  it('counts the fixed windows the rest needs: the last one opens after the current ends and the full ones between', () => {
    const s = newWindowState();
    tryReserve(binance, s, T0 + 1_000, 5_000); // 400 of the 5,400 budget left this minute
    // 400 now, 5,400 in the next window, 5,400 in the one after, 1,000 in the third: it opens 58 s + 2 minutes from now.
    expect(sendAllWaitMs(binance, s, T0 + 2_000, 400 + 5_400 * 2 + 1_000)).toBe(58_000 + 2 * 60_000);
    expect(sendAllWaitMs(binance, s, T0 + 2_000, 401)).toBe(58_000);
    // What other apps spent (the header) leaves less room.
    observeUsage(binance, s, T0 + 3_000, { usedWeight: 5_400 });
    expect(sendAllWaitMs(binance, s, T0 + 3_000, 20)).toBe(57_000);
  });

  it('spreads a rolling window\'s rest over its budget per window', () => {
    const s = newWindowState();
    for (let i = 0; i < 50; i++) tryReserve(bybit, s, 1_000, 1);
    expect(sendAllWaitMs(bybit, s, 1_000, 100)).toBe(2_000);
  });
});
