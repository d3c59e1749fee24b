import type { Cursor } from '../../shared/domain/types';
import { AppError } from '../../shared/errors';

/**
 * Time-window cursors for windowed endpoints (Bybit lists, Binance income and wallet history).
 * A window is [windowStart, min(windowStart + max - 1, now)]. When the last window (the one that
 * reaches `now`) is finished, the next run restarts a little before `now`: a row stamped just
 * before `now` may only become visible after we read (exchange replication lag, or a trade
 * appended while the sync ran). The overlap yields duplicates, which the unique keys absorb,
 * never gaps.
 */
export const SETTLE_OVERLAP_MS = 5 * 60_000;

export interface WindowCursor {
  windowStart: number;
  pageCursor: string | null;
}

export function windowCursor(cursor: Cursor | null, since: number | null, now: number, historyMs: number): WindowCursor {
  if (cursor === null) return { windowStart: Math.max(since ?? 0, now - historyMs), pageCursor: null };
  if (cursor.kind !== 'window') throw new AppError('INVALID_INPUT', 'This stream resumes from a time window, but the saved checkpoint is not one.');
  // The exchange does not serve older rows: clamp so an old checkpoint does not walk empty windows.
  // A page cursor belongs to its window: a clamped window starts over.
  const oldest = now - historyMs;
  if (cursor.windowStart < oldest) return { windowStart: oldest, pageCursor: null };
  return { windowStart: cursor.windowStart, pageCursor: cursor.pageCursor };
}

export function windowEnd(windowStart: number, maxWindowMs: number, now: number): number {
  return Math.min(windowStart + maxWindowMs - 1, now);
}

/** Cursor after the current window is exhausted. */
export function afterWindow(start: number, end: number, now: number): { next: Cursor; done: boolean } {
  if (end >= now) return { next: { kind: 'window', windowStart: Math.max(start, now - SETTLE_OVERLAP_MS), pageCursor: null }, done: true };
  return { next: { kind: 'window', windowStart: end + 1, pageCursor: null }, done: false };
}

export function sameWindow(start: number, pageCursor: string): Cursor {
  return { kind: 'window', windowStart: start, pageCursor };
}
