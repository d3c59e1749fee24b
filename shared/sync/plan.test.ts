import { describe, expect, it } from 'vitest';
import type { Account, Checkpoint } from '../domain/types';
import { batchId, chunk, dedupeKey, incrementalSince, nextDueAt, resumePoint } from './plan';

const cp = (cursor: Checkpoint['cursor']): Checkpoint => ({ key: 'k', accountId: 'a', stream: 'trades', marketType: 'spot', symbol: 'BTC/USDT', cursor, lastTimestamp: null, rowCount: 0, updatedAt: 0 });
const base = { since: null, historyStart: 1000, lastSuccessAt: null, overlapMs: 900_000 };

describe('plan helpers', () => {
  it('keys, chunks and ETA', () => {
    expect(batchId('j1', 2, 3)).toBe('j1#2#3');
    expect(dedupeKey('a', 'full', null)).toBe('a|full|-');
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 4)).toEqual([]);
  });

  it('incremental since = override, else max(historyStart, lastSuccess - overlap)', () => {
    expect(incrementalSince({ ...base, since: 5 })).toBe(5);
    expect(incrementalSince(base)).toBe(1000);
    expect(incrementalSince({ ...base, lastSuccessAt: 10_000_000 })).toBe(10_000_000 - 900_000);
    expect(incrementalSince({ ...base, lastSuccessAt: 500_000 })).toBe(1000);
    expect(incrementalSince({ ...base, historyStart: null })).toBeNull();
  });

  it('resume points per cursor kind', () => {
    expect(resumePoint(undefined, { ...base, lastSuccessAt: 9e9 })).toEqual({ cursor: null, since: 1000 });
    expect(resumePoint(cp({ kind: 'fromId', fromId: '42' }), base).cursor).toEqual({ kind: 'fromId', fromId: '42' });
    expect(resumePoint(cp({ kind: 'fromId', fromId: '42' }), { ...base, since: 7 })).toEqual({ cursor: null, since: 7 });
    const mid = { kind: 'window' as const, windowStart: 5_000_000, pageCursor: 'abc' };
    expect(resumePoint(cp(mid), base).cursor).toEqual(mid);
    const between = resumePoint(cp({ kind: 'window', windowStart: 5_000_000, pageCursor: null }), { ...base, lastSuccessAt: 9e9 });
    expect(between.cursor).toEqual({ kind: 'window', windowStart: 5_000_000 - 900_000, pageCursor: null });
    const early = resumePoint(cp({ kind: 'window', windowStart: 1200, pageCursor: null }), base);
    expect(early.cursor).toEqual({ kind: 'window', windowStart: 1000, pageCursor: null });
  });

  it('schedule due time honours the exchange floor and status', () => {
    const acc = { exchange: 'binance', scheduleMinutes: 1, status: 'active', lastAttemptAt: 1_000_000, lastSuccessAt: null } as Account;
    expect(nextDueAt(acc)).toBe(1_000_000 + 5 * 60_000);
    expect(nextDueAt({ ...acc, scheduleMinutes: 30 })).toBe(1_000_000 + 30 * 60_000);
    expect(nextDueAt({ ...acc, lastAttemptAt: null })).toBe(0);
    expect(nextDueAt({ ...acc, status: 'needs_credentials' })).toBeNull();
    expect(nextDueAt({ ...acc, scheduleMinutes: null })).toBeNull();
  });
});
