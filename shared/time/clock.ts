/**
 * The one clock type. Time is injected everywhere it matters so tests drive it by hand (a fake
 * clock) and prove timing rules, e.g. that nothing is sent while a Retry-After is pending, without
 * waiting. The engine's system clock is main/sync/clock.ts's `systemClock`.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fn` after `ms`; returns a function that cancels it. */
  setTimer(fn: () => void, ms: number): () => void;
  /** 0 <= r < 1, for jitter. */
  random(): number;
}

/** The reading part of a clock, for code that only asks what time it is (stamps, the simulator's "now"). */
export type Now = Clock['now'];
