/**
 * Retry timing, pure so it can be tested without clocks. `random` is injected (0 <= r < 1) so
 * tests are deterministic and the engine can pass Math.random.
 */

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

/** Exponential delay without jitter: base x 2^retryIndex, capped. retryIndex 0 = first retry. */
export function exponentialMs(retryIndex: number, policy: BackoffPolicy): number {
  const n = Math.max(0, Math.floor(retryIndex));
  // 2^n overflows to Infinity for large n; Math.min with the cap keeps it finite.
  return Math.min(policy.capMs, policy.baseMs * 2 ** n);
}

/**
 * Page-level retry delay with "equal jitter": half the exponential delay is fixed, half random.
 * Keeps a floor (so a retry never hammers immediately) while spreading simultaneous retries apart.
 */
export function pageRetryDelayMs(retryIndex: number, policy: BackoffPolicy, random: () => number): number {
  const full = exponentialMs(retryIndex, policy);
  const half = full / 2;
  return Math.round(half + clamp01(random()) * half);
}

/**
 * Job-level retry: after `failedAttempts` (>= 1) failed attempts, wait base x 2^(failedAttempts - 1)
 * (30 s, 60 s, 120 s ... with the defaults), capped. Deterministic so the UI can show "next try at".
 */
export function jobRetryDelayMs(failedAttempts: number, policy: BackoffPolicy): number {
  return exponentialMs(Math.max(0, failedAttempts - 1), policy);
}

/**
 * How long a bucket stays paused after a Retry-After: the exchange's value plus up to 10 % (at most
 * 2 s, at least 250 ms) of jitter, so clients that were told the same instant do not return together.
 */
export function retryAfterPauseMs(retryAfterMs: number, random: () => number): number {
  const base = Math.max(0, retryAfterMs);
  const spread = Math.min(2000, Math.max(250, base * 0.1));
  return Math.ceil(base + clamp01(random()) * spread);
}

function clamp01(r: number): number {
  if (!Number.isFinite(r) || r < 0) return 0;
  return r >= 1 ? 0.999999 : r;
}
