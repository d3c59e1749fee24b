/** Time-window rules shared by the routers: how the exchanges fill in a missing bound. */

export type TimeRange = { from: number; to: number } | 'tooBig' | 'reversed';

/**
 * Both bounds: must span at most `maxWindowMs`. Only start: [start, start + max]. Only end:
 * [end - max, end]. Neither: the last `max` up to now.
 */
export function timeRange(start: number | undefined, end: number | undefined, maxWindowMs: number, now: number): TimeRange {
  if (start !== undefined && end !== undefined) {
    if (end < start) return 'reversed';
    if (end - start > maxWindowMs) return 'tooBig';
    return { from: start, to: end };
  }
  if (start !== undefined) return { from: start, to: start + maxWindowMs };
  if (end !== undefined) return { from: end - maxWindowMs, to: end };
  return { from: now - maxWindowMs, to: now };
}

export function inRange(time: number, range: { from: number; to: number }): boolean {
  return time >= range.from && time <= range.to;
}
